package dev.syndic.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CategoryPolicyTest {

  static final CategoryDefinition GARDEN =
      new CategoryDefinition("garden", 4, new CategoryRules(Map.of("园艺", 3.0, "花园酒店", -5.0), Map.of(), List.of()));
  static final CategoryDefinition FARM = new CategoryDefinition("farm", 4, new CategoryRules(Map.of("养猪", 3.0), Map.of(), List.of()));
  static final ModelSet MODEL = ModelTrainer.train(ModelTrainerTest.examples(Set.of())).models();

  static CategoryPolicy policy(CategoryDefinition... enabled) {
    return new CategoryPolicy(new RuleClassifier(List.of(enabled)), MODEL);
  }

  @Test
  void rulesAssignWithTheirEvidence() {
    List<CategoryPolicy.Decided> d = policy(GARDEN).decide("园艺入门", "", List.of(), null);
    assertEquals(1, d.size());
    assertEquals("rule", d.get(0).origin());
    assertEquals(List.of("title:园艺 +6.0"), d.get(0).evidence());
  }

  @Test
  void theModelAssignsWhatTheRulesMissAndSaysWhich() {
    List<CategoryPolicy.Decided> d = policy(GARDEN).decide("玫瑰月季修剪方法", "", List.of(), null);
    assertEquals(1, d.size(), d::toString);
    assertEquals("model", d.get(0).origin());
    assertTrue(d.get(0).score() >= 0.5 && d.get(0).score() <= 1.0);
    assertTrue(d.get(0).evidence().stream().anyMatch(e -> e.startsWith("ngram:t:")), d::toString);
  }

  @Test
  void aNegativeRuleTermVetoesTheModel() {
    assertTrue(policy(GARDEN).decide("玫瑰花园酒店修剪", "", List.of(), null).isEmpty());
  }

  @Test
  void aDisabledCategoryIsNotAssignedByItsModel() {
    assertTrue(policy(FARM).decide("玫瑰月季修剪方法", "", List.of(), null).isEmpty());
    assertTrue(policy(FARM).explain("玫瑰月季修剪方法", "", List.of(), null).stream().noneMatch(e -> e.slug().equals("garden")),
        "nor explained by it");
  }

  @Test
  void theSourceDefaultIsAddedOnce() {
    List<CategoryPolicy.Decided> d = policy(GARDEN, FARM).decide("养猪场扩建", "", List.of(), "farm");
    assertEquals(1, d.size());
    assertEquals("rule", d.get(0).origin());
    List<CategoryPolicy.Decided> other = policy(GARDEN, FARM).decide("股市大涨", "", List.of(), "farm");
    assertEquals("source", other.get(0).origin());
  }

  @Test
  void aModelThatDecidesAloneOverrulesTheRulesItLearnedToDistrust() {
    ModelSet decides = ModelTrainer.train(ModelTrainerTest.misleadingRules()).models();
    assertEquals(CategoryModel.Mode.MODEL, decides.of("garden").orElseThrow().mode());
    CategoryDefinition garden = new CategoryDefinition("garden", 4, new CategoryRules(Map.of("花园", 2.0, "浇水", 1.0), Map.of(), List.of()));
    RuleClassifier rules = new RuleClassifier(List.of(garden));
    CategoryPolicy policy = new CategoryPolicy(rules, decides);

    assertEquals(List.of("garden"), rules.classify("西安花园酒店客房促销", "", List.of()).stream().map(Assignment::slug).toList());
    assertTrue(policy.decide("西安花园酒店客房促销", "", List.of(), null).isEmpty(), "the rules alone would say garden");
    List<CategoryPolicy.Decided> d = policy.decide("花园兰花浇水的技巧", "", List.of(), null);
    assertEquals(1, d.size(), d::toString);
    assertEquals("model", d.get(0).origin());
    assertTrue(d.get(0).evidence().stream().anyMatch(e -> e.startsWith("rule:garden ")), d::toString);
    assertTrue(d.get(0).evidence().contains("title:花园 +4.0"), d::toString);
  }

  @Test
  void theExplanationGivesTheModelsScoreAgainstItsCutAndItsVeto() {
    CategoryModel model = MODEL.of("garden").orElseThrow();
    assertEquals(CategoryModel.Mode.RULES_OR_MODEL, model.mode());

    CategoryPolicy.Explained taken = only("garden", policy(GARDEN).explain("玫瑰月季修剪方法", "", List.of(), null));
    assertTrue(taken.assigned(), taken::toString);
    assertEquals("rules: nothing matched", taken.reasons().get(0));
    assertTrue(taken.reasons().get(1).matches("model \\(rules_or_model\\): score -?\\d+\\.\\d\\d >= cut -?\\d+\\.\\d\\d"), taken::toString);

    CategoryPolicy.Explained vetoed = only("garden", policy(GARDEN).explain("玫瑰花园酒店修剪", "", List.of(), null));
    assertFalse(vetoed.assigned(), vetoed::toString);
    assertTrue(vetoed.ruleScore() < 0, vetoed::toString);
    assertTrue(vetoed.reasons().get(1).startsWith("model (rules_or_model): score "), vetoed::toString);
    assertTrue(vetoed.reasons().get(1).endsWith(", vetoed by a negative rule score"), vetoed::toString);

    CategoryPolicy.Explained missed = only("garden", policy(GARDEN).explain("股市大涨 银行板块领涨", "", List.of(), null));
    assertFalse(missed.assigned(), missed::toString);
    assertTrue(missed.reasons().get(1).matches("model \\(rules_or_model\\): score -?\\d+\\.\\d\\d < cut -?\\d+\\.\\d\\d"), missed::toString);
  }

  private static CategoryPolicy.Explained only(String slug, List<CategoryPolicy.Explained> explained) {
    return explained.stream().filter(e -> e.slug().equals(slug)).findFirst().orElseThrow(() -> new AssertionError(slug + " not in " + explained));
  }

  @Test
  void aModelOfAnEarlierFormatIsNotUsable() {
    assertTrue(MODEL.usable());
    assertFalse(new ModelSet(null, List.of()).usable());
  }
}
