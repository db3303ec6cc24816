package dev.syndic.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One decision from the rules, the trained model and the source's default category. Per category,
 * the trained model's mode (chosen in training by cross-validation, see {@link ModelTrainer})
 * decides who speaks:
 *
 * <ol>
 *   <li>no model, or {@code RULES_ONLY}: a rule score at or above the category's threshold assigns
 *       it (origin {@code rule}), as {@link RuleClassifier#assigned} decides against the other
 *       categories' rule scores;
 *   <li>{@code RULES_OR_MODEL}: the rules as above, and otherwise the model when its score reaches
 *       its cut (origin {@code model});
 *   <li>{@code MODEL}: the model alone (origin {@code model}); it reads every category's rule score
 *       as a feature, so it keeps what the rules get right and has learned which of their matches
 *       to distrust;
 *   <li>in both model modes, negative rule terms that push the rule score below zero veto the model
 *       ("种植牙" is never agriculture, whatever the n-grams say);
 *   <li>source: the source's default category is added when nothing else gave it (origin {@code
 *       source}).
 * </ol>
 *
 * An admin's decision is above all of this: entries an admin categorized are never re-decided
 * (the caller keeps them). Disabled categories have no rules here, so the model cannot assign
 * them either.
 */
public final class CategoryPolicy {

  static final int MODEL_EVIDENCE = 5;

  /**
   * The way categories are decided. Change it with any change to how rules score or assign (this
   * class, {@link RuleClassifier}, the text they read): stored entries are then categorized again
   * at the next start ({@code category.DecisionUpgrade}). 2: a category another outscores must
   * stand on its own. 3: a strong term the body repeats counts half again. 4: terms are not found
   * inside web or e-mail addresses nor a number inside a longer one, typographic apostrophes and
   * hyphens match plain ones, and feed tags are compared normalized.
   */
  public static final String DECISIONS = "4";

  /** A category decided for an entry, with where it came from and why. */
  public record Decided(String slug, String origin, double score, List<String> evidence) {}

  private final RuleClassifier rules;
  private final Map<String, CategoryModel> models;

  public CategoryPolicy(RuleClassifier rules, ModelSet models) {
    this.rules = rules;
    this.models = models.categories().stream().filter(CategoryModel::active)
        .filter(m -> !Double.isInfinite(rules.threshold(m.slug())))
        .collect(Collectors.toMap(CategoryModel::slug, Function.identity(), (a, b) -> a));
  }

  public List<Decided> decide(String title, String body, List<String> feedTags, String sourceDefault) {
    List<Decided> out = new ArrayList<>();
    List<Assignment> scored = rules.score(title, body, feedTags);
    Map<String, Assignment> bySlug = scored.stream().collect(Collectors.toMap(Assignment::slug, Function.identity()));
    EntryFeatures features = models.isEmpty() ? null : EntryFeatures.of(title, body, scored, rules);
    for (Assignment a : scored) {
      CategoryModel m = models.get(a.slug());
      if (m == null || m.mode() == CategoryModel.Mode.RULES_OR_MODEL) {
        if (rules.assigned(a, scored)) {
          out.add(new Decided(a.slug(), "rule", a.score(), a.evidence()));
        }
      }
    }
    for (CategoryModel m : models.values()) {
      Assignment rule = bySlug.get(m.slug());
      if (out.stream().anyMatch(d -> d.slug().equals(m.slug())) || rule != null && rule.score() < 0) {
        continue;
      }
      double score = m.score(features);
      if (score >= m.cut()) {
        List<String> evidence = new ArrayList<>();
        evidence.add(String.format(Locale.ROOT, "model: score %.2f >= cut %.2f", score, m.cut()));
        evidence.addAll(m.evidence(features, MODEL_EVIDENCE));
        if (rule != null) {
          evidence.addAll(rule.evidence());
        }
        out.add(new Decided(m.slug(), "model", Math.round(m.confidence(score) * 1000) / 1000.0, evidence));
      }
    }
    if (sourceDefault != null && out.stream().noneMatch(d -> d.slug().equals(sourceDefault))) {
      out.add(new Decided(sourceDefault, "source", 1.0, List.of("default category of the source")));
    }
    return out;
  }
}
