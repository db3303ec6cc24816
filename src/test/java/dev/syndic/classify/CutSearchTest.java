package dev.syndic.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CutSearchTest {

  // Held-out scores: the four positives score 5, 4, 3 and 0.5; the negatives 2, 1, 0, -1, -2, -3.
  static final double[] SCORES = {5, 4, 3, 0.5, 2, 1, 0, -1, -2, -3};
  static final boolean[] Y = {true, true, true, true, false, false, false, false, false, false};
  static final boolean[] NO_RULES = new boolean[10];

  @Test
  void theCutIsHalfwayBelowTheLastScoreOfTheBestF1() {
    // Yes for 5, 4, 3 (P 1, R 0.75, F1 0.857); going down to 0.5 adds two negatives (F1 0.8).
    assertEquals(2.5, CutSearch.cut(SCORES, Y, NO_RULES, null, -1), 1e-9);
    // Without the examples of fold 1 (the positive 3 and the negative 2), going down to 0.5 is best
    // (3 of 3 positives and one negative, F1 0.857 against 0.8 down to 4): halfway to 0.
    int[] fold = {0, 0, 1, 0, 1, 0, 0, 0, 0, 0};
    assertEquals(0.25, CutSearch.cut(SCORES, Y, NO_RULES, fold, 1), 1e-9);
  }

  /** Positives 0 .. p-1 score above every negative; the rules assign the first {@code ruled}. */
  private static Object[] separable(int positives, int negatives, int ruledPositives) {
    int n = positives + negatives;
    double[] scores = new double[n];
    boolean[] y = new boolean[n];
    boolean[] ruled = new boolean[n];
    int[] fold = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i < positives;
      ruled[i] = i < ruledPositives;
      scores[i] = y[i] ? 10 + i : -i;
      fold[i] = i % 5;
    }
    return new Object[] {scores, y, ruled, fold};
  }

  private static CutSearch.Choice choose(Object[] data, boolean mayDecide) {
    return CutSearch.choose((double[]) data[0], (boolean[]) data[1], (boolean[]) data[2], (int[]) data[3], mayDecide);
  }

  @Test
  void aModelThatFindsWhatTheRulesMissIsUsed() {
    CutSearch.Choice c = choose(separable(20, 40, 5), false);
    assertEquals(CategoryModel.Mode.RULES_OR_MODEL, c.mode());
    assertEquals(1.0, c.rulesOrModel().f1());
    assertEquals(0.4, c.rulesOnly().f1());
  }

  @Test
  void rulesThatAlreadyGetEverythingRightKeepTheModelOut() {
    CutSearch.Choice c = choose(separable(20, 40, 20), true);
    assertEquals(CategoryModel.Mode.RULES_ONLY, c.mode());
    assertEquals(1.0, c.rulesOnly().f1());
  }

  @Test
  void aGainThatCouldBeChanceIsNotWorthTheModel() {
    // The rules find 18 of 20; the model finds the other two, a better F1 but two examples of evidence.
    CutSearch.Choice c = choose(separable(20, 40, 18), true);
    assertTrue(c.rulesOrModel().f1() > c.rulesOnly().f1());
    assertEquals(CategoryModel.Mode.RULES_ONLY, c.mode());
    // Five more of them are no longer chance (McNemar: 7 for the model, 0 against).
    assertEquals(CategoryModel.Mode.RULES_OR_MODEL, choose(separable(20, 40, 13), true).mode());
  }

  @Test
  void eachFoldIsJudgedWithACutChosenOnTheOthers() {
    // Fold 0 ranks its two positives first, fold 1 ranks its two last. A cut chosen on all the
    // scores at once looks useful (F1 0.571: down to the 4); one chosen without the fold it decides
    // is not, and the reported quality is that honest one.
    double[] scores = {5, 4, 3, 2, 1, 0, 0.5, -1, 4.5, 3.5, 2.5, 1.5};
    boolean[] y = {true, true, false, false, false, false, true, true, false, false, false, false};
    int[] fold = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
    boolean[] none = new boolean[12];
    double inSample = CutSearch.cut(scores, y, none, null, -1);
    assertEquals(3.75, inSample, 1e-9);
    CutSearch.Choice c = CutSearch.choose(scores, y, none, fold, true);
    assertTrue(c.model().f1() < 0.5, c::toString);
    boolean[] honest = CutSearch.honest(scores, y, none, fold);
    assertTrue(honest[5], "fold 0 is decided with fold 1's cut, below all its scores");
    assertFalse(honest[6], "fold 1 is decided with fold 0's cut, 3.5");
  }
}
