package dev.syndic.classify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the trained model reads of an entry: its text n-grams ({@link TextFeatures}) and what the
 * keyword rules of every category made of it. The rule scores let the model learn how far to trust
 * each category's rules, and that a strong match for a competing category (sports, games) is
 * evidence against its own.
 *
 * @param ngrams the distinct n-grams of title and body
 * @param rules category slug to its rule score divided by its threshold (1 means "just assigned"),
 *     clamped to [{@value #RULE_FLOOR}, {@value #RULE_CAP}] so that one very long article cannot
 *     dominate; categories no rule matched are absent (0)
 */
public record EntryFeatures(Set<String> ngrams, Map<String, Double> rules) {

  static final double RULE_FLOOR = -1;
  static final double RULE_CAP = 2;
  static final String RULE_PREFIX = "rule:";

  public EntryFeatures {
    ngrams = Set.copyOf(ngrams);
    rules = Map.copyOf(rules);
  }

  /** Features of an entry, given what the rules scored for it ({@link RuleClassifier#score}). */
  public static EntryFeatures of(String title, String body, List<Assignment> scored, RuleClassifier classifier) {
    Map<String, Double> rules = new HashMap<>();
    for (Assignment a : scored) {
      double threshold = classifier.threshold(a.slug());
      if (threshold > 0 && !Double.isInfinite(threshold) && a.score() != 0) {
        rules.put(a.slug(), Math.max(RULE_FLOOR, Math.min(RULE_CAP, a.score() / threshold)));
      }
    }
    return new EntryFeatures(TextFeatures.of(title, body), rules);
  }

  /** Text only, no rule scores (tests, and models of categories without rules). */
  public static EntryFeatures text(String title, String body) {
    return new EntryFeatures(TextFeatures.of(title, body), Map.of());
  }
}
