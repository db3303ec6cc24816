package dev.syndic.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelTrainerTest {

  static final String[] GARDEN = {"玫瑰花园修剪", "花园里的玫瑰", "修剪月季的技巧", "阳台花园种月季", "玫瑰施肥修剪", "月季花园开放", "花园玫瑰盛开",
      "如何修剪花园", "月季玫瑰养护", "花园养护月季"};
  static final String[] OTHER = {"股市大涨", "球队赢得比赛", "新款手机发布", "电影票房创新高", "央行调整利率", "足球联赛开赛", "手机芯片升级",
      "演唱会门票售罄", "基金经理看好股市", "篮球比赛加时"};

  static List<TrainingExample> examples(Set<String> ruleSlugsForPositives) {
    List<TrainingExample> out = new ArrayList<>();
    for (String g : GARDEN) {
      out.add(new TrainingExample(EntryFeatures.text(g, null), Map.of("garden", true), ruleSlugsForPositives));
    }
    for (String o : OTHER) {
      out.add(new TrainingExample(EntryFeatures.text(o, null), Map.of("garden", false), Set.of()));
    }
    return out;
  }

  @Test
  void learnsACategoryTheRulesMissAndSeparatesUnseenText() {
    ModelTrainer.Result r = ModelTrainer.train(examples(Set.of()));
    CategoryModel m = r.models().of("garden").orElseThrow();
    assertTrue(m.active(), () -> "reports: " + r.reports());
    assertEquals(10, m.positives());
    assertTrue(m.score(EntryFeatures.text("玫瑰月季修剪方法", null)) >= m.cut(), "unseen garden headline");
    assertTrue(m.score(EntryFeatures.text("股市基金利率", null)) < m.cut(), "unseen finance headline");
    assertTrue(m.evidence(EntryFeatures.text("玫瑰月季修剪方法", null), 3).get(0).startsWith("ngram:t:"));
    ModelTrainer.Report report = r.reports().get(0);
    assertTrue(report.rulesOrModel().f1() > report.rulesOnly().f1(), () -> "report: " + report);
  }

  @Test
  void staysInactiveWhenTheRulesAlreadyGetEverythingRight() {
    ModelTrainer.Result r = ModelTrainer.train(examples(Set.of("garden")));
    assertFalse(r.models().of("garden").orElseThrow().active(), () -> "reports: " + r.reports());
  }

  @Test
  void needsAFewExamplesOfEachKind() {
    List<TrainingExample> few = examples(Set.of()).subList(8, 20);
    ModelTrainer.Result r = ModelTrainer.train(few);
    assertTrue(r.models().of("garden").isEmpty());
    assertEquals(2, r.reports().get(0).positives());
  }

  static final String[] PLANTS = {"玫瑰", "月季", "绿萝", "兰花", "多肉", "盆栽", "花园", "绿植"};
  static final String[] CARE = {"修剪", "施肥", "浇水", "换盆", "养护", "扦插"};
  static final String[] STAYS = {"入住", "预订", "开业", "客房", "房价", "促销"};

  /**
   * 48 garden headlines that the rules score for garden, 36 hotel headlines ("花园酒店") that the
   * rules also score for garden, and 24 others: the rules are wrong on every hotel.
   */
  static List<TrainingExample> misleadingRules() {
    List<TrainingExample> out = new ArrayList<>();
    for (String plant : PLANTS) {
      for (String care : CARE) {
        out.add(new TrainingExample(new EntryFeatures(TextFeatures.of(plant + care + "的方法", null), Map.of("garden", 1.5)),
            Map.of("garden", true), Set.of("garden")));
      }
    }
    for (String stay : STAYS) {
      for (String city : new String[] {"北京", "上海", "广州", "深圳", "杭州", "成都"}) {
        out.add(new TrainingExample(new EntryFeatures(TextFeatures.of(city + "花园酒店" + stay, null), Map.of("garden", 1.0)),
            Map.of("garden", false), Set.of("garden")));
      }
    }
    for (int i = 0; i < OTHER.length; i++) {
      out.add(new TrainingExample(EntryFeatures.text(OTHER[i], null), Map.of("garden", false), Set.of()));
      out.add(new TrainingExample(EntryFeatures.text(OTHER[i] + "消息", null), Map.of("garden", false), Set.of()));
      if (i < 4) {
        out.add(new TrainingExample(EntryFeatures.text(OTHER[i] + "快讯", null), Map.of("garden", false), Set.of()));
      }
    }
    return out;
  }

  @Test
  void withEnoughExamplesTheModelDecidesAloneAndOverrulesMisleadingRules() {
    ModelTrainer.Result r = ModelTrainer.train(misleadingRules());
    CategoryModel m = r.models().of("garden").orElseThrow();
    ModelTrainer.Report report = r.reports().get(0);
    assertEquals(CategoryModel.Mode.MODEL, m.mode(), report::toString);
    assertTrue(report.model().f1() > report.rulesOnly().f1(), report::toString);
    EntryFeatures hotel = new EntryFeatures(TextFeatures.of("西安花园酒店客房促销", null), Map.of("garden", 1.0));
    EntryFeatures garden = new EntryFeatures(TextFeatures.of("兰花浇水的技巧", null), Map.of("garden", 1.5));
    assertTrue(m.score(hotel) < m.cut(), () -> "unseen hotel " + m.score(hotel) + " cut " + m.cut());
    assertTrue(m.score(garden) >= m.cut(), () -> "unseen garden " + m.score(garden) + " cut " + m.cut());
  }

  @Test
  void withFewPositivesTheModelOnlyAddsToTheRules() {
    List<TrainingExample> few = new ArrayList<>(misleadingRules().subList(0, 20));
    few.addAll(misleadingRules().subList(48, 108));
    ModelTrainer.Result r = ModelTrainer.train(few);
    assertTrue(r.reports().get(0).positives() < ModelTrainer.MIN_TO_DECIDE);
    assertTrue(r.models().of("garden").orElseThrow().mode() != CategoryModel.Mode.MODEL, r.reports()::toString);
  }

  @Test
  void anotherCategorysPositivesAreThisOnesNegatives() {
    List<TrainingExample> examples = new ArrayList<>(examples(Set.of()));
    examples.add(new TrainingExample(EntryFeatures.text("养猪场扩建", null), Map.of("farm", true), Set.of()));
    examples.add(new TrainingExample(EntryFeatures.text("未判断的条目", null), Map.of("farm", false), Set.of()));
    ModelTrainer.Report garden = ModelTrainer.train(examples).reports().stream().filter(x -> x.slug().equals("garden")).findFirst().orElseThrow();
    assertEquals(10, garden.positives());
    assertEquals(11, garden.negatives(), "the farm positive counts, the farm negative says nothing of gardens");
  }
}
