package dev.syndic.classify;

import java.util.Arrays;

/**
 * Chooses how a category's model is used, and its cut, from held-out scores (see {@link
 * ModelTrainer}).
 *
 * <p>The cut of each way to decide ("rules or model", the model alone) is the one with the best F1
 * on the held-out scores. Judging a way by the F1 of a cut chosen on the very scores it is judged on
 * flatters it, and with a few dozen positive examples that flattery is as large as any real gain:
 * the model was chosen, then did worse than the rules on new entries. So each way is judged
 * honestly: the examples of each fold are decided with the cut chosen on the other folds' held-out
 * scores. A way that adds the model must then beat the rules on these honest decisions, and not by
 * chance: on the examples where the two disagree, the model must be right significantly more often
 * than the rules (McNemar's test, one-sided, at {@value #Z} standard errors, the usual 5% level).
 */
final class CutSearch {

  /** One-sided 5% of the standard normal distribution. */
  static final double Z = 1.645;

  /** The chosen mode and cut, and the honest cross-validated quality of each way to decide. */
  record Choice(
      CategoryModel.Mode mode,
      double cut,
      ModelTrainer.Quality rulesOnly,
      ModelTrainer.Quality rulesOrModel,
      ModelTrainer.Quality model,
      double bestModelF1) {}

  private CutSearch() {}

  /**
   * @param scores each example's score from a model trained without its fold
   * @param fold each example's fold (0 .. folds - 1)
   * @param ruled whether the rules assign the category to the example
   * @param mayDecide whether the model may decide alone (enough positive examples)
   */
  static Choice choose(double[] scores, boolean[] y, boolean[] ruled, int[] fold, boolean mayDecide) {
    boolean[] either = honest(scores, y, ruled, fold);
    boolean[] alone = honest(scores, y, new boolean[y.length], fold);
    ModelTrainer.Quality rulesOnly = quality(ruled, y);
    ModelTrainer.Quality rulesOrModel = quality(either, y);
    ModelTrainer.Quality model = quality(alone, y);
    CategoryModel.Mode mode = CategoryModel.Mode.RULES_ONLY;
    double best = f1(ruled, y);
    double cut = 0;
    if (f1(either, y) > best && significant(either, ruled, y)) {
      mode = CategoryModel.Mode.RULES_OR_MODEL;
      best = f1(either, y);
      cut = cut(scores, y, ruled, null, -1);
    }
    if (mayDecide && f1(alone, y) > best && significant(alone, ruled, y)) {
      mode = CategoryModel.Mode.MODEL;
      cut = cut(scores, y, new boolean[y.length], null, -1);
    }
    double bestModel = Math.max(f1(either, y), mayDecide ? f1(alone, y) : 0);
    return new Choice(mode, cut, rulesOnly, rulesOrModel, model, bestModel);
  }

  /** Each example decided by {@code always} or by the cut chosen without its fold. */
  static boolean[] honest(double[] scores, boolean[] y, boolean[] always, int[] fold) {
    int folds = Arrays.stream(fold).max().orElse(-1) + 1;
    boolean[] said = new boolean[y.length];
    for (int f = 0; f < folds; f++) {
      double cut = cut(scores, y, always, fold, f);
      for (int i = 0; i < y.length; i++) {
        if (fold[i] == f) {
          said[i] = always[i] || scores[i] >= cut;
        }
      }
    }
    return said;
  }

  /**
   * McNemar's test: among the examples where the model's way and the rules disagree, the model's
   * way is right significantly more often.
   */
  static boolean significant(boolean[] withModel, boolean[] ruled, boolean[] y) {
    int better = 0;
    int worse = 0;
    for (int i = 0; i < y.length; i++) {
      if (withModel[i] != ruled[i]) {
        if (withModel[i] == y[i]) {
          better++;
        } else {
          worse++;
        }
      }
    }
    return better > worse && (better - worse) >= Z * Math.sqrt(better + worse);
  }

  /**
   * The best-F1 cut: lowers it past each score in turn (the examples {@code always} marks count as
   * yes throughout), over the examples not in fold {@code skip} ({@code fold} null: all of them).
   * Halfway to the next score, so the cut generalizes rather than sitting on one example; infinity
   * when no cut beats saying no (beyond {@code always}).
   */
  static double cut(double[] scores, boolean[] y, boolean[] always, int[] fold, int skip) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (fold == null || fold[i] != skip) {
        order[m++] = i;
      }
    }
    Integer[] used = Arrays.copyOf(order, m);
    Arrays.sort(used, (a, b) -> Double.compare(scores[b], scores[a]));
    int positives = 0;
    int tp = 0;
    int fp = 0;
    for (int i : used) {
      positives += y[i] ? 1 : 0;
      tp += always[i] && y[i] ? 1 : 0;
      fp += always[i] && !y[i] ? 1 : 0;
    }
    double bestF1 = f1(tp, fp, positives - tp);
    double bestCut = Double.POSITIVE_INFINITY;
    for (int k = 0; k < m; k++) {
      int i = used[k];
      if (!always[i]) {
        tp += y[i] ? 1 : 0;
        fp += y[i] ? 0 : 1;
      }
      boolean tie = k + 1 < m && scores[used[k + 1]] == scores[i];
      double f = f1(tp, fp, positives - tp);
      if (!tie && f > bestF1 + 1e-9) {
        bestF1 = f;
        double next = k + 1 < m ? scores[used[k + 1]] : scores[i] - 1;
        bestCut = (scores[i] + next) / 2;
      }
    }
    return bestCut;
  }

  static ModelTrainer.Quality quality(boolean[] said, boolean[] y) {
    int[] c = counts(said, y);
    return ModelTrainer.Quality.of(c[0], c[1], c[2]);
  }

  private static double f1(boolean[] said, boolean[] y) {
    int[] c = counts(said, y);
    return f1(c[0], c[1], c[2]);
  }

  private static int[] counts(boolean[] said, boolean[] y) {
    int[] c = new int[3];
    for (int i = 0; i < y.length; i++) {
      c[0] += said[i] && y[i] ? 1 : 0;
      c[1] += said[i] && !y[i] ? 1 : 0;
      c[2] += !said[i] && y[i] ? 1 : 0;
    }
    return c;
  }

  private static double f1(int tp, int fp, int fn) {
    return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }
}
