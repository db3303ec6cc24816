package dev.syndic.classify;

import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains one naive Bayes model per category from admin-labeled examples (binarized multinomial
 * naive Bayes with additive smoothing: each feature counts once per entry, which suits headlines).
 *
 * <p>The decision cut is chosen by {@value #FOLDS}-fold cross-validation: every example is scored
 * by a model trained without it, and the cut is the one that maximizes F1 of the combined decision
 * (rules <em>or</em> model, see {@link CategoryPolicy}). If no cut beats the rules alone, the model
 * is stored inactive. A category needs {@value #MIN_EACH} positive and negative examples.
 */
public final class ModelTrainer {

  static final int FOLDS = 5;
  static final int MIN_EACH = 3;
  static final double ALPHA = 0.5;

  /** What training found for one category, measured by cross-validation. */
  @Serdeable
  public record Report(String slug, int positives, int negatives, boolean active, double cut, Quality rulesOnly, Quality combined) {}

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
    Set<String> slugs = new java.util.TreeSet<>();
    examples.forEach(e -> slugs.addAll(e.labels().keySet()));
    List<CategoryModel> models = new ArrayList<>();
    List<Report> reports = new ArrayList<>();
    for (String slug : slugs) {
      List<TrainingExample> judged = examples.stream().filter(e -> e.labels().containsKey(slug)).toList();
      int pos = (int) judged.stream().filter(e -> e.labels().get(slug)).count();
      int neg = judged.size() - pos;
      if (pos < MIN_EACH || neg < MIN_EACH) {
        reports.add(new Report(slug, pos, neg, false, 0, null, null));
        continue;
      }
      double[] heldOut = new double[judged.size()];
      for (int fold = 0; fold < FOLDS; fold++) {
        List<TrainingExample> train = new ArrayList<>();
        for (int i = 0; i < judged.size(); i++) {
          if (i % FOLDS != fold) {
            train.add(judged.get(i));
          }
        }
        CategoryModel m = fit(slug, train, true, 0);
        for (int i = fold; i < judged.size(); i += FOLDS) {
          heldOut[i] = m.score(judged.get(i).features());
        }
      }
      Cut best = bestCut(slug, judged, heldOut);
      models.add(fit(slug, judged, best.active, best.cut));
      reports.add(new Report(slug, pos, neg, best.active, round(best.cut), best.rulesOnly, best.combined));
    }
    return new Result(new ModelSet(models), reports);
  }

  private record Cut(boolean active, double cut, Quality rulesOnly, Quality combined) {}

  private static Cut bestCut(String slug, List<TrainingExample> judged, double[] scores) {
    int n = judged.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    int tpRules = 0;
    int fpRules = 0;
    int positives = 0;
    for (TrainingExample e : judged) {
      boolean label = e.labels().get(slug);
      boolean rule = e.ruleSlugs().contains(slug);
      positives += label ? 1 : 0;
      tpRules += label && rule ? 1 : 0;
      fpRules += !label && rule ? 1 : 0;
    }
    Quality rulesOnly = Quality.of(tpRules, fpRules, positives - tpRules);
    double bestF1 = f1(tpRules, fpRules, positives - tpRules);
    double bestCut = Double.POSITIVE_INFINITY;
    int tp = tpRules;
    int fp = fpRules;
    Quality combined = rulesOnly;
    // Lowering the cut past each held-out score adds that example to the model's yeses.
    for (int k = 0; k < n; k++) {
      TrainingExample e = judged.get(order[k]);
      if (!e.ruleSlugs().contains(slug)) {
        if (e.labels().get(slug)) {
          tp++;
        } else {
          fp++;
        }
      }
      boolean tie = k + 1 < n && scores[order[k + 1]] == scores[order[k]];
      double f = f1(tp, fp, positives - tp);
      if (!tie && f > bestF1 + 1e-9) {
        bestF1 = f;
        double next = k + 1 < n ? scores[order[k + 1]] : scores[order[k]] - 1;
        // Halfway to the next score, so the cut generalizes rather than sitting on one example.
        bestCut = (scores[order[k]] + next) / 2;
        combined = Quality.of(tp, fp, positives - tp);
      }
    }
    boolean active = !Double.isInfinite(bestCut);
    return new Cut(active, active ? bestCut : 0, rulesOnly, combined);
  }

  private static double f1(int tp, int fp, int fn) {
    return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }

  /** Naive Bayes counts; keeps features seen in at least two examples (when pruning). */
  static CategoryModel fit(String slug, List<TrainingExample> judged, boolean active, double cut) {
    Map<String, int[]> counts = new HashMap<>();
    int pos = 0;
    int neg = 0;
    long totalPos = 0;
    long totalNeg = 0;
    for (TrainingExample e : judged) {
      boolean label = e.labels().get(slug);
      if (label) {
        pos++;
        totalPos += e.features().size();
      } else {
        neg++;
        totalNeg += e.features().size();
      }
      for (String f : e.features()) {
        counts.computeIfAbsent(f, k -> new int[2])[label ? 0 : 1]++;
      }
    }
    int vocabulary = counts.size();
    Map<String, Double> weights = new HashMap<>();
    for (Map.Entry<String, int[]> c : counts.entrySet()) {
      int[] pn = c.getValue();
      if (pn[0] + pn[1] < 2) {
        continue;
      }
      double w = Math.log((pn[0] + ALPHA) / (totalPos + ALPHA * vocabulary)) - Math.log((pn[1] + ALPHA) / (totalNeg + ALPHA * vocabulary));
      weights.put(c.getKey(), round(w));
    }
    return new CategoryModel(slug, active, Math.log((double) pos / neg), cut, pos, neg, weights);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
