package dev.syndic.classify;

import com.ibm.icu.text.BreakIterator;
import dev.syndic.classify.LabeledCrossValidation.Prepared;
import dev.syndic.clean.TextNormalizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Compares ways to learn a category from labeled examples, outside the service, by nested
 * cross-validation on one labeled folder (see {@link LabeledCrossValidation} for the folder): the
 * outer folds are held out from everything (model and cut), the cut is chosen by an inner 5-fold
 * cross-validation on the rest. Each text model is used three ways: alone, "rules or model", and
 * "rules unless the model vetoes, or the model" (two cuts). This is how the shipped method was
 * chosen; the README gives the range of the figures, src/bench/HISTORY.md the table of every variant.
 *
 * <p>A variant is a name and options, e.g. {@code nb:n=3:a=0.5}: {@code shipped} (the service's own
 * features and {@link ModelFit}), {@code lr} (logistic regression over character 1..n-grams,
 * unit vector), {@code nb} (Bernoulli naive Bayes log-count ratios), {@code nblr} (logistic
 * regression over n-grams scaled by those ratios, NBSVM's idea, Wang and Manning 2012), {@code
 * nbstack} (a logistic regression over the naive Bayes score out of fold and the rule scores),
 * {@code rulelr} (rule scores only), {@code termlr} (n-grams plus one feature per matched rule
 * term). Options: {@code n} longest n-gram, {@code l} L2 strength, {@code a} smoothing, {@code r=0}
 * without rule scores, {@code w=1} ICU dictionary words instead of characters.
 *
 * <pre>
 *   java -cp target/test-classes:target/classes:$CP dev.syndic.classify.TextModelComparison \
 *       TRAIN_DIR shipped:l=1e-3,lr:n=3:l=1e-3:r=0,nb:n=3:a=0.5,nblr:n=3:a=0.5:l=1e-3 [repeats]
 * </pre>
 */
public final class TextModelComparison {

  private interface Trainer {
    ToDoubleFunction<Prepared> fit(List<Prepared> train, boolean[] y);
  }

  private record Options(String kind, int n, double lambda, double alpha, boolean rules, boolean words) {

    static Options parse(String variant) {
      String[] parts = variant.split(":");
      Map<String, Double> m = new HashMap<>();
      for (String kv : Arrays.asList(parts).subList(1, parts.length)) {
        m.put(kv.substring(0, kv.indexOf('=')), Double.parseDouble(kv.substring(kv.indexOf('=') + 1)));
      }
      return new Options(parts[0], m.getOrDefault("n", 2.0).intValue(), m.getOrDefault("l", 1e-3), m.getOrDefault("a", 1.0),
          m.getOrDefault("r", 1.0) > 0, m.getOrDefault("w", 0.0) > 0);
    }
  }

  private final RuleClassifier rules;
  private final String slug;
  private final Options o;
  private final Map<Prepared, Set<String>> grams = new IdentityHashMap<>();

  private TextModelComparison(RuleClassifier rules, String slug, Options o) {
    this.rules = rules;
    this.slug = slug;
    this.o = o;
  }

  public static void main(String[] args) throws Exception {
    RuleClassifier rules = LabeledCrossValidation.shippedRules();
    List<Prepared> all = LabeledCrossValidation.prepare(LabeledCrossValidation.read(Path.of(args[0])), rules);
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    for (String slug : List.of("agriculture", "entertainment")) {
      for (String variant : args[1].split(",")) {
        TextModelComparison c = new TextModelComparison(rules, slug, Options.parse(variant));
        int[][] counts = c.nested(all, repeats);
        System.out.printf(Locale.ROOT, "%-14s %-30s rules %s | alone %s | rules or model %s | veto or add %s%n", slug, variant,
            format(counts[0]), format(counts[1]), format(counts[2]), format(counts[3]));
      }
    }
  }

  private Trainer trainer() {
    return switch (o.kind()) {
      case "shipped" -> (train, y) -> {
        CategoryModel m = ModelFit.fit(slug, train.stream().map(Prepared::example).toList(), y, o.lambda(), CategoryModel.Mode.MODEL, 0);
        return e -> m.score(e.example().features());
      };
      case "lr" -> (train, y) -> lr(train, y, null);
      case "termlr" -> (train, y) -> lr(train, y, null);
      case "nblr" -> (train, y) -> lr(train, y, ratio(train, y));
      case "nb" -> this::nb;
      case "nbstack" -> this::nbStack;
      case "rulelr" -> (train, y) -> {
        LogisticRegression.Fit fit = LogisticRegression.fit(train.stream().map(e -> stack(0, e)).toArray(LogisticRegression.Sparse[]::new),
            y, balanced(y), 3, o.lambda());
        return e -> fit.score(stack(0, e));
      };
      default -> throw new IllegalArgumentException("unknown variant " + o.kind());
    };
  }

  /** Rows: rules, model alone, rules or model, veto or add; columns: tp, fp, fn. */
  private int[][] nested(List<Prepared> all, int repeats) {
    Trainer t = trainer();
    boolean[] y = labels(all);
    int[][] c = new int[4][3];
    for (int rep = 0; rep < repeats; rep++) {
      int[] fold = folds(y, 100 + rep);
      for (int f = 0; f < 5; f++) {
        List<Prepared> train = new ArrayList<>();
        List<Prepared> test = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
          (fold[i] == f ? test : train).add(all.get(i));
        }
        boolean[] trainY = labels(train);
        double[] inner = outOfFold(train, trainY, t);
        boolean[] ruled = ruled(train);
        double alone = CutSearch.cut(inner, trainY, new boolean[trainY.length], null, -1);
        double either = CutSearch.cut(inner, trainY, ruled, null, -1);
        double[] vetoAdd = twoCuts(inner, trainY, ruled);
        ToDoubleFunction<Prepared> m = t.fit(train, trainY);
        boolean[] testY = labels(test);
        boolean[] testRuled = ruled(test);
        for (int i = 0; i < test.size(); i++) {
          double s = m.applyAsDouble(test.get(i));
          count(c[0], testY[i], testRuled[i]);
          count(c[1], testY[i], s >= alone);
          count(c[2], testY[i], testRuled[i] || s >= either);
          count(c[3], testY[i], testRuled[i] ? s >= vetoAdd[0] : s >= vetoAdd[1]);
        }
      }
    }
    return c;
  }

  private Set<String> grams(Prepared e) {
    return grams.computeIfAbsent(e, k -> {
      Set<String> out = new HashSet<>();
      if (o.kind().equals("termlr")) {
        for (Assignment a : rules.score(e.item().title(), e.item().body(), List.of())) {
          for (String ev : a.evidence()) {
            out.add("term:" + a.slug() + ":" + ev.substring(ev.indexOf(':') + 1, ev.lastIndexOf(' ')));
          }
        }
      }
      String title = TextNormalizer.normalize(e.item().title());
      String body = TextNormalizer.normalize(e.item().body());
      while (!title.isEmpty() && body.startsWith(title)) {
        body = body.substring(title.length()).strip();
      }
      add(title, "t:", out);
      add(body.substring(0, Math.min(body.length(), TextFeatures.BODY_CHARS)), "b:", out);
      return out;
    });
  }

  private void add(String text, String prefix, Set<String> out) {
    if (o.words()) {
      BreakIterator words = BreakIterator.getWordInstance(Locale.CHINESE);
      words.setText(text);
      String previous = null;
      for (int start = words.first(), end = words.next(); end != BreakIterator.DONE; start = end, end = words.next()) {
        String w = text.substring(start, end).strip();
        if (w.isEmpty() || !Character.isLetterOrDigit(w.charAt(0))) {
          previous = null;
          continue;
        }
        out.add(prefix + "w:" + w);
        if (o.n() >= 2 && previous != null) {
          out.add(prefix + "w:" + previous + " " + w);
        }
        previous = w;
      }
      return;
    }
    for (String g : TextFeatures.of(text, null)) {
      if (!TextFeatures.isCjk(g.charAt(2))) {
        out.add(prefix + g.substring(2));
      }
    }
    int i = 0;
    while (i < text.length()) {
      if (!TextFeatures.isCjk(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && TextFeatures.isCjk(text.charAt(i))) {
        i++;
      }
      for (int k = start; k < i; k++) {
        for (int len = 1; len <= o.n() && k + len <= i; len++) {
          out.add(prefix + text.substring(k, k + len));
        }
      }
    }
  }

  /** Bernoulli naive Bayes log-count ratio of each feature seen twice or more. */
  private Map<String, Double> ratio(List<Prepared> train, boolean[] y) {
    Map<String, double[]> c = new HashMap<>();
    double positives = 0;
    for (int i = 0; i < y.length; i++) {
      positives += y[i] ? 1 : 0;
      for (String g : grams(train.get(i))) {
        c.computeIfAbsent(g, k -> new double[2])[y[i] ? 0 : 1]++;
      }
    }
    double p = positives + 2 * o.alpha();
    double q = y.length - positives + 2 * o.alpha();
    Map<String, Double> r = new HashMap<>();
    c.forEach((g, v) -> {
      if (v[0] + v[1] >= 2) {
        r.put(g, Math.log((v[0] + o.alpha()) / p) - Math.log((v[1] + o.alpha()) / q));
      }
    });
    return r;
  }

  private ToDoubleFunction<Prepared> nb(List<Prepared> train, boolean[] y) {
    Map<String, Double> r = ratio(train, y);
    return e -> grams(e).stream().mapToDouble(g -> r.getOrDefault(g, 0.0)).sum();
  }

  private ToDoubleFunction<Prepared> lr(List<Prepared> train, boolean[] y, Map<String, Double> ratio) {
    Map<String, Integer> seen = new HashMap<>();
    train.forEach(e -> grams(e).forEach(g -> seen.merge(g, 1, Integer::sum)));
    Map<String, Integer> index = new HashMap<>();
    seen.forEach((g, count) -> {
      if (count >= 2) {
        index.put(g, index.size());
      }
    });
    if (o.rules()) {
      train.forEach(e -> e.example().features().rules().keySet().forEach(k -> index.putIfAbsent("rule:" + k, index.size())));
    }
    Function<Prepared, LogisticRegression.Sparse> vector = e -> {
      Set<String> gs = grams(e);
      double scale = ratio != null || gs.isEmpty() ? 1 : 1 / Math.sqrt(gs.size());
      int[] idx = new int[gs.size() + e.example().features().rules().size()];
      double[] val = new double[idx.length];
      int k = 0;
      for (String g : gs) {
        Integer j = index.get(g);
        if (j != null) {
          idx[k] = j;
          val[k++] = ratio == null ? scale : ratio.getOrDefault(g, 0.0);
        }
      }
      if (o.rules()) {
        for (Map.Entry<String, Double> r : e.example().features().rules().entrySet()) {
          Integer j = index.get("rule:" + r.getKey());
          if (j != null) {
            idx[k] = j;
            val[k++] = r.getValue();
          }
        }
      }
      return new LogisticRegression.Sparse(Arrays.copyOf(idx, k), Arrays.copyOf(val, k));
    };
    LogisticRegression.Fit fit = LogisticRegression.fit(train.stream().map(vector).toArray(LogisticRegression.Sparse[]::new), y,
        balanced(y), index.size(), o.lambda());
    return e -> fit.score(vector.apply(e));
  }

  private ToDoubleFunction<Prepared> nbStack(List<Prepared> train, boolean[] y) {
    double[] outOfFold = outOfFold(train, y, this::nb);
    LogisticRegression.Sparse[] x = new LogisticRegression.Sparse[train.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = stack(outOfFold[i], train.get(i));
    }
    LogisticRegression.Fit fit = LogisticRegression.fit(x, y, balanced(y), 3, o.lambda());
    ToDoubleFunction<Prepared> nb = nb(train, y);
    return e -> fit.score(stack(nb.applyAsDouble(e), e));
  }

  /** A text score, the category's own rule score and the strongest other category's. */
  private LogisticRegression.Sparse stack(double text, Prepared e) {
    Map<String, Double> r = e.example().features().rules();
    double other = 0;
    for (Map.Entry<String, Double> x : r.entrySet()) {
      if (!x.getKey().equals(slug)) {
        other = Math.max(other, x.getValue());
      }
    }
    return new LogisticRegression.Sparse(new int[] {0, 1, 2}, new double[] {text / 10, r.getOrDefault(slug, 0.0), other});
  }

  private double[] outOfFold(List<Prepared> items, boolean[] y, Trainer t) {
    int[] fold = folds(y, 7);
    double[] s = new double[y.length];
    for (int f = 0; f < 5; f++) {
      List<Prepared> train = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        if (fold[i] != f) {
          train.add(items.get(i));
        }
      }
      ToDoubleFunction<Prepared> m = t.fit(train, labels(train));
      for (int i = 0; i < y.length; i++) {
        if (fold[i] == f) {
          s[i] = m.applyAsDouble(items.get(i));
        }
      }
    }
    return s;
  }

  /** The best (veto cut for what the rules assign, add cut for the rest), over a grid of scores. */
  private static double[] twoCuts(double[] s, boolean[] y, boolean[] ruled) {
    double[] sorted = s.clone();
    Arrays.sort(sorted);
    List<Double> cuts = new ArrayList<>(List.of(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
    for (int i = 0; i + 1 < sorted.length; i += Math.max(1, sorted.length / 200)) {
      cuts.add((sorted[i] + sorted[i + 1]) / 2);
    }
    double best = -1;
    double[] out = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    for (double veto : cuts) {
      for (double add : cuts) {
        int[] c = new int[3];
        for (int i = 0; i < s.length; i++) {
          count(c, y[i], ruled[i] ? s[i] >= veto : s[i] >= add);
        }
        double f = f1(c);
        if (f > best + 1e-9) {
          best = f;
          out = new double[] {veto, add};
        }
      }
    }
    return out;
  }

  private boolean[] labels(List<Prepared> items) {
    boolean[] y = new boolean[items.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = Boolean.TRUE.equals(items.get(i).example().labels().get(slug));
    }
    return y;
  }

  private boolean[] ruled(List<Prepared> items) {
    boolean[] r = new boolean[items.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = items.get(i).example().ruleSlugs().contains(slug);
    }
    return r;
  }

  private static int[] folds(boolean[] y, long seed) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    int[] fold = new int[y.length];
    int p = 0;
    int q = 0;
    for (int i : order) {
      fold[i] = y[i] ? p++ % 5 : q++ % 5;
    }
    return fold;
  }

  private static double[] balanced(boolean[] y) {
    int positives = 0;
    for (boolean b : y) {
      positives += b ? 1 : 0;
    }
    double[] w = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      w[i] = y[i] ? 0.5 / positives : 0.5 / (y.length - positives);
    }
    return w;
  }

  private static void count(int[] c, boolean gold, boolean said) {
    c[0] += gold && said ? 1 : 0;
    c[1] += !gold && said ? 1 : 0;
    c[2] += gold && !said ? 1 : 0;
  }

  private static double f1(int[] c) {
    return c[0] == 0 ? 0 : 2.0 * c[0] / (2.0 * c[0] + c[1] + c[2]);
  }

  private static String format(int[] c) {
    double p = c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
    double r = c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
    return String.format(Locale.ROOT, "P %.3f R %.3f F1 %.3f", p, r, f1(c));
  }
}
