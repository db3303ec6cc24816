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

  /**
   * Why the machine would or would not put an entry in a category: its rule score against the
   * threshold, with the evidence, and what decided, in words an editor reads ("outscored by
   * sports: 3.1 thresholds against 1.2"); for a category with an active model, the model's score
   * against its cut.
   *
   * @param ruleScore the rules' score, 0 when no rule matched
   * @param assigned whether {@link #decide} assigns the category
   */
  public record Explained(String slug, boolean assigned, double ruleScore, double threshold, List<String> evidence, List<String> reasons) {}

  /**
   * {@link #decide}, explained for every category the rules matched, a model scored or the source
   * names as its default, those assigned first. The same reading of the entry as {@link #decide}
   * (an entry an admin decided is the caller's to tell).
   */
  public List<Explained> explain(String title, String body, List<String> feedTags, String sourceDefault) {
    List<Assignment> scored = rules.score(title, body, feedTags);
    EntryFeatures features = models.isEmpty() ? null : EntryFeatures.of(title, body, scored, rules);
    List<Decided> decided = decide(scored, features, sourceDefault);
    Map<String, Assignment> bySlug = scored.stream().collect(Collectors.toMap(Assignment::slug, Function.identity()));
    java.util.LinkedHashSet<String> slugs = new java.util.LinkedHashSet<>();
    decided.forEach(d -> slugs.add(d.slug()));
    scored.forEach(a -> slugs.add(a.slug()));
    slugs.addAll(models.keySet());
    List<Explained> out = new ArrayList<>();
    for (String slug : slugs) {
      Assignment a = bySlug.get(slug);
      Decided d = decided.stream().filter(x -> x.slug().equals(slug)).findFirst().orElse(null);
      List<String> reasons = new ArrayList<>();
      double threshold = rules.threshold(slug);
      if (a != null) {
        reasons.add(ruleReason(a, scored));
      } else if (!Double.isInfinite(threshold)) {
        reasons.add("rules: nothing matched");
      }
      CategoryModel m = models.get(slug);
      if (m != null) {
        double score = m.score(features);
        reasons.add(String.format(Locale.ROOT, "model (%s): score %.2f %s cut %.2f%s", m.mode().name().toLowerCase(Locale.ROOT), score,
            score >= m.cut() ? ">=" : "<", m.cut(), a != null && a.score() < 0 ? ", vetoed by a negative rule score" : ""));
      }
      if (d != null && d.origin().equals("source")) {
        reasons.add("the source's default category");
      }
      out.add(new Explained(slug, d != null, a == null ? 0 : a.score(), threshold, a == null ? List.of() : a.evidence(), reasons));
    }
    return out;
  }

  private String ruleReason(Assignment a, List<Assignment> scored) {
    double threshold = rules.threshold(a.slug());
    if (rules.assigned(a, scored)) {
      return String.format(Locale.ROOT, "rules: %.2f reaches the threshold %.2f", a.score(), threshold);
    }
    if (a.score() < threshold) {
      return String.format(Locale.ROOT, "rules: %.2f is under the threshold %.2f", a.score(), threshold);
    }
    double own = a.score() / threshold;
    Assignment strongest = scored.stream().filter(o -> !o.slug().equals(a.slug()))
        .max(java.util.Comparator.comparingDouble(o -> o.score() / rules.threshold(o.slug()))).orElseThrow();
    double theirs = strongest.score() / rules.threshold(strongest.slug());
    return String.format(Locale.ROOT, "rules: %.2f reaches the threshold %.2f, but %s outscores it (%.1f thresholds against %.1f)%s",
        a.score(), threshold, strongest.slug(), theirs, own,
        theirs >= RuleClassifier.DOMINANCE * own ? "" : "; matched only in the body, it does not stand on its own");
  }

  public List<Decided> decide(String title, String body, List<String> feedTags, String sourceDefault) {
    List<Assignment> scored = rules.score(title, body, feedTags);
    return decide(scored, models.isEmpty() ? null : EntryFeatures.of(title, body, scored, rules), sourceDefault);
  }

  /** {@link #decide(String, String, List, String)} from the entry's rule scores and model features, read once by the caller. */
  private List<Decided> decide(List<Assignment> scored, EntryFeatures features, String sourceDefault) {
    List<Decided> out = new ArrayList<>();
    Map<String, Assignment> bySlug = scored.stream().collect(Collectors.toMap(Assignment::slug, Function.identity()));
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
