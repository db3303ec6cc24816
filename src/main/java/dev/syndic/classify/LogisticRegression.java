package dev.syndic.classify;

/**
 * L2-regularized binary logistic regression over sparse vectors, fitted by full-batch gradient
 * descent with Nesterov momentum. Minimizes
 *
 * <pre>  sum_i c_i * log(1 + exp(-y_i (w.x_i + b))) / sum_i c_i  +  lambda / 2 * |w|^2</pre>
 *
 * where {@code c_i} is the example's weight (the caller balances the classes with it) and the
 * bias {@code b} is not regularized. The step is fixed at the inverse of the gradient's Lipschitz
 * bound, {@code (max |x_i|^2 + 1) / 4 + lambda}, so no line search is needed; callers keep vectors
 * short (unit-length n-grams) so that it stays large. Deterministic: the same input gives the same
 * weights.
 *
 * <p>Written here rather than taken from a library: it is 80 lines, has no dependencies and the
 * models must serialize to JSON for PostgreSQL anyway.
 */
final class LogisticRegression {

  static final int ITERATIONS = 400;

  /** One example: feature indices and their values (parallel arrays). */
  record Sparse(int[] index, double[] value) {}

  /** Fitted weights (indexed like the features) and the bias. */
  record Fit(double[] weights, double bias) {

    double score(Sparse x) {
      double s = bias;
      for (int k = 0; k < x.index().length; k++) {
        s += weights[x.index()[k]] * x.value()[k];
      }
      return s;
    }
  }

  private LogisticRegression() {}

  /**
   * Fits the model.
   *
   * @param dimensions the number of distinct feature indices
   * @param weight per-example weight, positive
   * @throws IllegalArgumentException when the arrays differ in length or lambda is not positive
   */
  static Fit fit(Sparse[] x, boolean[] y, double[] weight, int dimensions, double lambda) {
    if (x.length != y.length || x.length != weight.length || !(lambda > 0)) {
      throw new IllegalArgumentException("examples, labels and weights must match and lambda must be > 0");
    }
    double total = 0;
    for (double c : weight) {
      total += c;
    }
    double longest = 0;
    for (Sparse xi : x) {
      double norm = 0;
      for (double v : xi.value()) {
        norm += v * v;
      }
      longest = Math.max(longest, norm);
    }
    double step = 1.0 / ((longest + 1) / 4 + lambda);
    double[] w = new double[dimensions];
    double[] previous = new double[dimensions];
    double[] look = new double[dimensions];
    double[] grad = new double[dimensions];
    double b = 0;
    double previousB = 0;
    for (int it = 1; it <= ITERATIONS; it++) {
      double momentum = (it - 1.0) / (it + 2.0);
      for (int j = 0; j < dimensions; j++) {
        look[j] = w[j] + momentum * (w[j] - previous[j]);
        grad[j] = lambda * look[j];
      }
      double lookB = b + momentum * (b - previousB);
      double gradB = 0;
      for (int i = 0; i < x.length; i++) {
        double s = lookB;
        Sparse xi = x[i];
        for (int k = 0; k < xi.index().length; k++) {
          s += look[xi.index()[k]] * xi.value()[k];
        }
        // d/ds of log(1 + exp(-y s)) is -y * sigmoid(-y s).
        double sign = y[i] ? 1 : -1;
        double g = -sign * sigmoid(-sign * s) * weight[i] / total;
        for (int k = 0; k < xi.index().length; k++) {
          grad[xi.index()[k]] += g * xi.value()[k];
        }
        gradB += g;
      }
      System.arraycopy(w, 0, previous, 0, dimensions);
      previousB = b;
      for (int j = 0; j < dimensions; j++) {
        w[j] = look[j] - step * grad[j];
      }
      b = lookB - step * gradB;
    }
    return new Fit(w, b);
  }

  static double sigmoid(double s) {
    return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
  }
}
