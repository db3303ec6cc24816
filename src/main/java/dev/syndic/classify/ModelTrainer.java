package dev.syndic.classify;

import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Trains one logistic regression model per category from admin-labeled examples
 * ({@link ModelFit}), and decides by cross-validation how {@link CategoryPolicy} uses it.
 *
 * <p>Examples of a category: every entry judged for it, plus, as negatives, entries judged
 * positive for another category and not judged for this one (an admin who files a story under
 * sports has said something about it). Classes are balanced by example weights.
 *
 * <p>{@value #FOLDS}-fold cross-validation (folds stratified by label, dealt in a fixed shuffled
 * order) scores every example by a model trained without it, for each regularization strength in
 * {@link #LAMBDAS}. {@link CutSearch} then judges three ways to decide: the rules alone, rules or
 * model, and the model alone (it reads the rule scores, so it can keep what the rules get right),
 * each fold decided with a cut chosen on the other folds, so that the figures are what the way
 * would do on new entries. A way that adds the model is chosen only when it beats the rules on the
 * examples where they disagree by more than chance, and the model decides alone only with at
 * least {@value #MIN_TO_DECIDE} positive examples. A category needs {@value #MIN_POSITIVES}
 * positive and as many negative examples for any model.
 */
public final class ModelTrainer {

  static final int FOLDS = 5;
  static final int MIN_POSITIVES = 8;
  static final int MIN_TO_DECIDE = 30;
  static final double[] LAMBDAS = {1e-4, 1e-3};

  /** What training found for one category, measured by cross-validation. */
  @Serdeable
  public record Report(
      String slug,
      int positives,
      int negatives,
      CategoryModel.Mode mode,
      double lambda,
      double cut,
      Quality rulesOnly,
      Quality rulesOrModel,
      Quality model) {}

  /** Precision, recall and F1 over the examples. */
  @Serdeable
  public record Quality(double precision, double recall, double f1) {
    static Quality of(int tp, int fp, int fn) {
      double p = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
      double r = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
      return new Quality(round(p), round(r), round(p + r == 0 ? 0 : 2 * p * r / (p + r)));
    }
  }

  /** The models and a report per category that had examples. */
  public record Result(ModelSet models, List<Report> reports) {}

  private ModelTrainer() {}

  public static Result train(List<TrainingExample> examples) {
    Set<String> slugs = new TreeSet<>();
    examples.forEach(e -> slugs.addAll(e.labels().keySet()));
    List<CategoryModel> models = new ArrayList<>();
    List<Report> reports = new ArrayList<>();
    for (String slug : slugs) {
      List<TrainingExample> judged = new ArrayList<>();
      List<Boolean> labels = new ArrayList<>();
      for (TrainingExample e : examples) {
        Boolean label = e.labels().get(slug);
        if (label == null && e.labels().containsValue(true)) {
          label = false;
        }
        if (label != null) {
          judged.add(e);
          labels.add(label);
        }
      }
      int pos = (int) labels.stream().filter(b -> b).count();
      int neg = labels.size() - pos;
      if (pos < MIN_POSITIVES || neg < MIN_POSITIVES) {
        reports.add(new Report(slug, pos, neg, CategoryModel.Mode.RULES_ONLY, 0, 0, null, null, null));
        continue;
      }
      boolean[] y = new boolean[judged.size()];
      boolean[] ruled = new boolean[judged.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = labels.get(i);
        ruled[i] = judged.get(i).ruleSlugs().contains(slug);
      }
      int[] fold = folds(y, slug);
      CutSearch.Choice best = null;
      double bestLambda = LAMBDAS[0];
      for (double lambda : LAMBDAS) {
        double[] heldOut = crossValidate(slug, judged, y, fold, lambda);
        CutSearch.Choice c = CutSearch.choose(heldOut, y, ruled, fold, pos >= MIN_TO_DECIDE);
        if (best == null || c.bestModelF1() > best.bestModelF1() + 1e-9) {
          best = c;
          bestLambda = lambda;
        }
      }
      CategoryModel fitted = ModelFit.fit(slug, judged, y, bestLambda, best.mode(), best.cut());
      models.add(fitted);
      reports.add(new Report(slug, pos, neg, best.mode(), bestLambda, round(best.cut()), best.rulesOnly(), best.rulesOrModel(), best.model()));
    }
    return new Result(new ModelSet(models), reports);
  }

  /** Every example's score from a model trained on the other folds. */
  private static double[] crossValidate(String slug, List<TrainingExample> judged, boolean[] y, int[] fold, double lambda) {
    int n = judged.size();
    double[] heldOut = new double[n];
    for (int f = 0; f < FOLDS; f++) {
      List<TrainingExample> train = new ArrayList<>();
      List<Boolean> labels = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (fold[i] != f) {
          train.add(judged.get(i));
          labels.add(y[i]);
        }
      }
      boolean[] trainY = new boolean[labels.size()];
      for (int i = 0; i < trainY.length; i++) {
        trainY[i] = labels.get(i);
      }
      CategoryModel m = ModelFit.fit(slug, train, trainY, lambda, CategoryModel.Mode.MODEL, 0);
      for (int i = 0; i < n; i++) {
        if (fold[i] == f) {
          heldOut[i] = m.score(judged.get(i).features());
        }
      }
    }
    return heldOut;
  }

  /**
   * Each example's fold: positives and negatives dealt round-robin, in an order shuffled with a
   * seed of the category's name, so that examples taught together (one feed, one day) spread over
   * the folds and the same examples always give the same folds.
   */
  static int[] folds(boolean[] y, String slug) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(slug.hashCode()));
    int[] fold = new int[y.length];
    int positives = 0;
    int negatives = 0;
    for (int i : order) {
      fold[i] = y[i] ? positives++ % FOLDS : negatives++ % FOLDS;
    }
    return fold;
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
