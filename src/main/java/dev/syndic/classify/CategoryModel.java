package dev.syndic.classify;

import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A trained naive Bayes model for one category (this category against everything else).
 *
 * <p>Scoring: {@code bias} plus the weight (log-likelihood ratio) of every known feature the
 * entry has; the model says yes when the score reaches {@code cut}. The cut is not 0 but chosen
 * by cross-validation on the training examples, because naive Bayes scores are overconfident and
 * the examples are imbalanced. {@code active} is false when, in that cross-validation, the model
 * did not improve on the rules alone; then it never assigns.
 */
@Serdeable
public record CategoryModel(
    String slug, boolean active, double bias, double cut, int positives, int negatives, Map<String, Double> weights) {

  public CategoryModel {
    weights = Map.copyOf(weights);
  }

  /** The entry's score; compare with {@link #cut()}. */
  public double score(Set<String> features) {
    double s = bias;
    for (String f : features) {
      Double w = weights.get(f);
      if (w != null) {
        s += w;
      }
    }
    return s;
  }

  /** Probability-like confidence: the logistic of the score's distance from the cut. */
  public double confidence(double score) {
    return 1.0 / (1.0 + Math.exp(-(score - cut)));
  }

  /** The features that pushed most towards this category, e.g. {@code "ngram:t:玉米 +2.31"}. */
  public List<String> evidence(Set<String> features, int n) {
    List<Map.Entry<String, Double>> hits = new ArrayList<>();
    for (String f : features) {
      Double w = weights.get(f);
      if (w != null && w > 0) {
        hits.add(Map.entry(f, w));
      }
    }
    hits.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(n, hits.size()); i++) {
      out.add("ngram:" + hits.get(i).getKey() + String.format(Locale.ROOT, " %+.2f", hits.get(i).getValue()));
    }
    return out;
  }
}
