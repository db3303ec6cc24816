package dev.syndic.classify;

import java.util.Arrays;

/**
 * Chooses how a category's model is used, and its cut, from held-out scores (see {@link
 * ModelTrainer}): sweeps the cut down through the scores and keeps the one with the best F1, for
 * the model alone and for "rules or model".
 */
final class CutSearch {

  /** The chosen mode and cut, and the cross-validated quality of each way to decide. */
  record Choice(
      CategoryModel.Mode mode,
      double cut,
      ModelTrainer.Quality rulesOnly,
      ModelTrainer.Quality rulesOrModel,
      ModelTrainer.Quality model,
      double bestModelF1) {}

  private record Sweep(double cut, double f1, ModelTrainer.Quality quality) {}

  private CutSearch() {}

  static Choice choose(double[] scores, boolean[] y, boolean[] ruled, boolean mayDecide, double margin) {
    int positives = 0;
    int tpRules = 0;
    int fpRules = 0;
    for (int i = 0; i < y.length; i++) {
      positives += y[i] ? 1 : 0;
      tpRules += y[i] && ruled[i] ? 1 : 0;
      fpRules += !y[i] && ruled[i] ? 1 : 0;
    }
    ModelTrainer.Quality rulesOnly = ModelTrainer.Quality.of(tpRules, fpRules, positives - tpRules);
    double rulesF1 = f1(tpRules, fpRules, positives - tpRules);
    Sweep either = sweep(scores, y, ruled, positives);
    Sweep alone = sweep(scores, y, new boolean[y.length], positives);
    CategoryModel.Mode mode = CategoryModel.Mode.RULES_ONLY;
    double best = rulesF1;
    double cut = 0;
    if (either.f1() > best + margin) {
      mode = CategoryModel.Mode.RULES_OR_MODEL;
      best = either.f1();
      cut = either.cut();
    }
    if (mayDecide && alone.f1() > best + margin) {
      mode = CategoryModel.Mode.MODEL;
      cut = alone.cut();
    }
    double bestModel = Math.max(either.f1(), mayDecide ? alone.f1() : 0);
    return new Choice(mode, cut, rulesOnly, either.quality(), alone.quality(), bestModel);
  }

  /** Lowers the cut past each score in turn; the examples {@code always} marks count as yes throughout. */
  private static Sweep sweep(double[] scores, boolean[] y, boolean[] always, int positives) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    int tp = 0;
    int fp = 0;
    for (int i = 0; i < n; i++) {
      tp += always[i] && y[i] ? 1 : 0;
      fp += always[i] && !y[i] ? 1 : 0;
    }
    double bestF1 = f1(tp, fp, positives - tp);
    double bestCut = Double.POSITIVE_INFINITY;
    ModelTrainer.Quality quality = ModelTrainer.Quality.of(tp, fp, positives - tp);
    for (int k = 0; k < n; k++) {
      int i = order[k];
      if (!always[i]) {
        tp += y[i] ? 1 : 0;
        fp += y[i] ? 0 : 1;
      }
      boolean tie = k + 1 < n && scores[order[k + 1]] == scores[i];
      double f = f1(tp, fp, positives - tp);
      if (!tie && f > bestF1 + 1e-9) {
        bestF1 = f;
        double next = k + 1 < n ? scores[order[k + 1]] : scores[i] - 1;
        // Halfway to the next score, so the cut generalizes rather than sitting on one example.
        bestCut = (scores[i] + next) / 2;
        quality = ModelTrainer.Quality.of(tp, fp, positives - tp);
      }
    }
    return new Sweep(bestCut, bestF1, quality);
  }

  private static double f1(int tp, int fp, int fn) {
    return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }
}
