package dev.syndic.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits one category's {@link CategoryModel} on labeled examples: builds the vocabulary (n-grams
 * seen in at least {@value #MIN_EXAMPLES} examples, which drops typos and one-off names, and every
 * rule feature), turns each example into the vector {@link CategoryModel#score} reads, balances the
 * classes and runs {@link LogisticRegression}.
 */
final class ModelFit {

  static final int MIN_EXAMPLES = 2;
  static final double SMALLEST_WEIGHT = 1e-4;

  private ModelFit() {}

  static CategoryModel fit(String slug, List<TrainingExample> examples, boolean[] y, double lambda, CategoryModel.Mode mode, double cut) {
    Map<String, Integer> seen = new HashMap<>();
    for (TrainingExample e : examples) {
      e.features().ngrams().forEach(g -> seen.merge(g, 1, Integer::sum));
      e.features().rules().keySet().forEach(r -> seen.merge(EntryFeatures.RULE_PREFIX + r, MIN_EXAMPLES, Integer::sum));
    }
    Map<String, Integer> index = new HashMap<>();
    List<String> names = new ArrayList<>();
    seen.forEach((name, count) -> {
      if (count >= MIN_EXAMPLES) {
        index.put(name, names.size());
        names.add(name);
      }
    });
    LogisticRegression.Sparse[] x = new LogisticRegression.Sparse[examples.size()];
    int positives = 0;
    for (int i = 0; i < x.length; i++) {
      x[i] = vector(examples.get(i).features(), index);
      positives += y[i] ? 1 : 0;
    }
    int negatives = x.length - positives;
    double[] weight = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      // Balanced: each class weighs half of the whole, whatever its size.
      weight[i] = y[i] ? 0.5 / Math.max(1, positives) : 0.5 / Math.max(1, negatives);
    }
    LogisticRegression.Fit fit = LogisticRegression.fit(x, y, weight, names.size(), lambda);
    Map<String, Double> weights = new HashMap<>();
    for (int j = 0; j < names.size(); j++) {
      double w = fit.weights()[j];
      if (Math.abs(w) >= SMALLEST_WEIGHT) {
        weights.put(names.get(j), Math.round(w * 10000) / 10000.0);
      }
    }
    return new CategoryModel(slug, mode, fit.bias(), cut, positives, negatives, weights);
  }

  /** The example as {@link CategoryModel#score} reads it, restricted to the vocabulary. */
  static LogisticRegression.Sparse vector(EntryFeatures f, Map<String, Integer> index) {
    double scale = CategoryModel.ngramScale(f);
    int[] idx = new int[f.ngrams().size() + f.rules().size()];
    double[] val = new double[idx.length];
    int k = 0;
    for (String g : f.ngrams()) {
      Integer j = index.get(g);
      if (j != null) {
        idx[k] = j;
        val[k++] = scale;
      }
    }
    for (Map.Entry<String, Double> r : f.rules().entrySet()) {
      Integer j = index.get(EntryFeatures.RULE_PREFIX + r.getKey());
      if (j != null) {
        idx[k] = j;
        val[k++] = r.getValue();
      }
    }
    return new LogisticRegression.Sparse(Arrays.copyOf(idx, k), Arrays.copyOf(val, k));
  }
}
