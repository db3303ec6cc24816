package dev.syndic.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One decision from the rules, the trained model and the source's default category. The policy,
 * per category:
 *
 * <ol>
 *   <li>rules: a rule score at or above the category's threshold assigns it (origin {@code rule});
 *   <li>model: otherwise, an active trained model whose score reaches its cut assigns it (origin
 *       {@code model}), unless negative rule terms pushed the rule score below zero (a veto:
 *       "种植牙" is never agriculture, whatever the n-grams say);
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

  /** A category decided for an entry, with where it came from and why. */
  public record Decided(String slug, String origin, double score, List<String> evidence) {}

  private final RuleClassifier rules;
  private final ModelSet models;

  public CategoryPolicy(RuleClassifier rules, ModelSet models) {
    this.rules = rules;
    this.models = models;
  }

  public List<Decided> decide(String title, String body, List<String> feedTags, String sourceDefault) {
    List<Decided> out = new ArrayList<>();
    List<Assignment> scored = rules.score(title, body, feedTags);
    Set<String> features = models.categories().isEmpty() ? Set.of() : TextFeatures.of(title, body);
    for (Assignment a : scored) {
      if (a.score() > 0 && a.score() >= rules.threshold(a.slug())) {
        out.add(new Decided(a.slug(), "rule", a.score(), a.evidence()));
      }
    }
    for (CategoryModel m : models.categories()) {
      if (!m.active() || Double.isInfinite(rules.threshold(m.slug())) || out.stream().anyMatch(d -> d.slug().equals(m.slug()))) {
        continue;
      }
      Optional<Assignment> rule = scored.stream().filter(a -> a.slug().equals(m.slug())).findFirst();
      if (rule.isPresent() && rule.get().score() < 0) {
        continue;
      }
      double score = m.score(features);
      if (score >= m.cut()) {
        List<String> evidence = new ArrayList<>();
        evidence.add(String.format(Locale.ROOT, "model: score %.2f >= cut %.2f", score, m.cut()));
        evidence.addAll(m.evidence(features, MODEL_EVIDENCE));
        rule.ifPresent(r -> evidence.addAll(r.evidence()));
        out.add(new Decided(m.slug(), "model", Math.round(m.confidence(score) * 1000) / 1000.0, evidence));
      }
    }
    if (sourceDefault != null && out.stream().noneMatch(d -> d.slug().equals(sourceDefault))) {
      out.add(new Decided(sourceDefault, "source", 1.0, List.of("default category of the source")));
    }
    return out;
  }
}
