package dev.syndic.classify;

import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A trained logistic regression model for one category (this category against everything else).
 *
 * <p>Scoring: {@code bias}, plus the weight of every n-gram the entry has times {@code 1 /
 * sqrt(n)} (the n-grams form a unit vector, so a long article and a headline are on one scale),
 * plus the weight of each category's rule feature ({@code "rule:<slug>"}) times that feature's value
 * ({@link EntryFeatures#rules()}). The model says yes when the score reaches {@code cut}, which
 * cross-validation chose (see {@link ModelTrainer}); {@code mode} says how the policy uses it.
 */
@Serdeable
public record CategoryModel(
    String slug, Mode mode, double bias, double cut, int positives, int negatives, Map<String, Double> weights) {

  /** How {@link CategoryPolicy} uses a model; chosen in training by cross-validation. */
  public enum Mode {
    /** The model did not beat the rules: the rules alone decide. */
    RULES_ONLY,
    /** The rules assign as before, and the model adds entries they miss. */
    RULES_OR_MODEL,
    /** The model decides alone; it reads the rule scores as features, so it has learned how far to trust them. */
    MODEL
  }

  public CategoryModel {
    weights = Map.copyOf(weights);
  }

  public boolean active() {
    return mode != Mode.RULES_ONLY;
  }

  /** The entry's score; compare with {@link #cut()}. */
  public double score(EntryFeatures f) {
    double s = bias;
    double scale = ngramScale(f);
    for (String g : f.ngrams()) {
      Double w = weights.get(g);
      if (w != null) {
        s += w * scale;
      }
    }
    for (Map.Entry<String, Double> r : f.rules().entrySet()) {
      Double w = weights.get(EntryFeatures.RULE_PREFIX + r.getKey());
      if (w != null) {
        s += w * r.getValue();
      }
    }
    return s;
  }

  static double ngramScale(EntryFeatures f) {
    return f.ngrams().isEmpty() ? 0 : 1 / Math.sqrt(f.ngrams().size());
  }

  /** Confidence: the logistic of the score's distance from the cut (0.5 at the cut). */
  public double confidence(double score) {
    return LogisticRegression.sigmoid(score - cut);
  }

  /**
   * The features that pushed most towards this category, e.g. {@code "ngram:t:玉米 +0.31"} or
   * {@code "rule:sports -0.80"} (rule features are listed whichever way they pushed).
   */
  public List<String> evidence(EntryFeatures f, int n) {
    List<Map.Entry<String, Double>> hits = new ArrayList<>();
    double scale = ngramScale(f);
    for (String g : f.ngrams()) {
      Double w = weights.get(g);
      if (w != null && w > 0) {
        hits.add(Map.entry("ngram:" + g, w * scale));
      }
    }
    hits.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Double> r : f.rules().entrySet()) {
      Double w = weights.get(EntryFeatures.RULE_PREFIX + r.getKey());
      if (w != null && w * r.getValue() != 0) {
        out.add(format(EntryFeatures.RULE_PREFIX + r.getKey(), w * r.getValue()));
      }
    }
    for (int i = 0; i < Math.min(n, hits.size()); i++) {
      out.add(format(hits.get(i).getKey(), hits.get(i).getValue()));
    }
    return out;
  }

  private static String format(String feature, double contribution) {
    return feature + String.format(Locale.ROOT, " %+.2f", contribution);
  }
}
