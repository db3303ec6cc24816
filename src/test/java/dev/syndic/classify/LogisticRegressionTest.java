package dev.syndic.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

  /** Feature 0 marks positives, feature 1 negatives, feature 2 is in every example (noise). */
  static LogisticRegression.Sparse[] separable() {
    LogisticRegression.Sparse[] x = new LogisticRegression.Sparse[20];
    for (int i = 0; i < x.length; i++) {
      x[i] = new LogisticRegression.Sparse(new int[] {i < 10 ? 0 : 1, 2}, new double[] {1, 1});
    }
    return x;
  }

  static boolean[] labels() {
    boolean[] y = new boolean[20];
    for (int i = 0; i < 10; i++) {
      y[i] = true;
    }
    return y;
  }

  static double[] ones(int n) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1);
    return w;
  }

  @Test
  void separatesASmallSyntheticSet() {
    LogisticRegression.Fit fit = LogisticRegression.fit(separable(), labels(), ones(20), 3, 1e-3);
    assertTrue(fit.weights()[0] > 1, () -> "positive marker weight " + fit.weights()[0]);
    assertTrue(fit.weights()[1] < -1, () -> "negative marker weight " + fit.weights()[1]);
    for (int i = 0; i < 20; i++) {
      double p = LogisticRegression.sigmoid(fit.score(separable()[i]));
      assertEquals(i < 10, p > 0.5, "example " + i + " probability " + p);
    }
  }

  @Test
  void strongerRegularizationGivesSmallerWeights() {
    double previous = Double.POSITIVE_INFINITY;
    for (double lambda : new double[] {1e-4, 1e-2, 1}) {
      double[] w = LogisticRegression.fit(separable(), labels(), ones(20), 3, lambda).weights();
      double norm = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
      assertTrue(norm < previous, "lambda " + lambda + " norm " + norm + " not below " + previous);
      previous = norm;
    }
  }

  @Test
  void exampleWeightsBalanceARareClass() {
    // One positive among nineteen negatives, all with the same features: the bias alone decides.
    LogisticRegression.Sparse[] x = new LogisticRegression.Sparse[20];
    boolean[] y = new boolean[20];
    for (int i = 0; i < 20; i++) {
      x[i] = new LogisticRegression.Sparse(new int[] {0}, new double[] {1});
    }
    y[0] = true;
    double[] balanced = ones(20);
    balanced[0] = 19;
    LogisticRegression.Fit plain = LogisticRegression.fit(x, y, ones(20), 1, 1e-3);
    LogisticRegression.Fit weighted = LogisticRegression.fit(x, y, balanced, 1, 1e-3);
    assertTrue(LogisticRegression.sigmoid(plain.score(x[0])) < 0.1);
    assertEquals(0.5, LogisticRegression.sigmoid(weighted.score(x[0])), 0.02);
  }

  @Test
  void sameInputSameWeights() {
    assertArrayEquals(
        LogisticRegression.fit(separable(), labels(), ones(20), 3, 1e-3).weights(),
        LogisticRegression.fit(separable(), labels(), ones(20), 3, 1e-3).weights());
  }

  @Test
  void refusesMismatchedInputAndZeroLambda() {
    assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(separable(), new boolean[3], ones(20), 3, 1e-3));
    assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(separable(), labels(), ones(20), 3, 0));
  }
}
