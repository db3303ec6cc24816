package dev.syndic.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CutSearchTest {

  // Held-out scores: the four positives score 5, 4, 3 and 0.5; the negatives 2, 1, 0, -1, -2, -3.
  static final double[] SCORES = {5, 4, 3, 0.5, 2, 1, 0, -1, -2, -3};
  static final boolean[] Y = {true, true, true, true, false, false, false, false, false, false};
  static final boolean[] NO_RULES = new boolean[10];

  @Test
  void theCutIsHalfwayBelowTheLastScoreOfTheBestF1() {
    CutSearch.Choice c = CutSearch.choose(SCORES, Y, NO_RULES, true, 0.01);
    // With rules that assign nothing, "rules or model" is the model, and the simpler mode is kept.
    assertEquals(CategoryModel.Mode.RULES_OR_MODEL, c.mode());
    assertEquals(c.model(), c.rulesOrModel());
    // Yes for 5, 4, 3 (P 1, R 0.75, F1 0.857); going down to 0.5 adds two negatives (F1 0.8).
    assertEquals(2.5, c.cut(), 1e-9);
    assertEquals(0.857, c.model().f1());
    assertEquals(0.0, c.rulesOnly().f1());
  }

  @Test
  void rulesThatAlreadyGetEverythingRightKeepTheModelOut() {
    CutSearch.Choice c = CutSearch.choose(SCORES, Y, Y, true, 0.01);
    assertEquals(CategoryModel.Mode.RULES_ONLY, c.mode());
    assertEquals(1.0, c.rulesOnly().f1());
  }

  @Test
  void theModelAddsToTheRulesWhenItMayNotDecideAlone() {
    boolean[] ruled = {true, false, false, false, false, false, false, false, false, false};
    CutSearch.Choice c = CutSearch.choose(SCORES, Y, ruled, false, 0.01);
    assertEquals(CategoryModel.Mode.RULES_OR_MODEL, c.mode());
    assertTrue(c.rulesOrModel().f1() > c.rulesOnly().f1());
  }

  @Test
  void aGainSmallerThanTheMarginIsNotWorthTheModel() {
    // Rules: three of four positives, no false positive (F1 0.857); the model's best is the same.
    boolean[] ruled = {true, true, true, false, false, false, false, false, false, false};
    CutSearch.Choice c = CutSearch.choose(SCORES, Y, ruled, true, 0.01);
    assertEquals(CategoryModel.Mode.RULES_ONLY, c.mode());
  }
}
