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
      out.add(new TrainingExample(TextFeatures.of(g, null), Map.of("garden", true), ruleSlugsForPositives));
    }
    for (String o : OTHER) {
      out.add(new TrainingExample(TextFeatures.of(o, null), Map.of("garden", false), Set.of()));
    }
    return out;
  }

  @Test
  void learnsACategoryTheRulesMissAndSeparatesUnseenText() {
    ModelTrainer.Result r = ModelTrainer.train(examples(Set.of()));
    CategoryModel m = r.models().of("garden").orElseThrow();
    assertTrue(m.active(), () -> "reports: " + r.reports());
    assertEquals(10, m.positives());
    assertTrue(m.score(TextFeatures.of("玫瑰月季修剪方法", null)) >= m.cut(), "unseen garden headline");
    assertTrue(m.score(TextFeatures.of("股市基金利率", null)) < m.cut(), "unseen finance headline");
    assertTrue(m.evidence(TextFeatures.of("玫瑰月季修剪方法", null), 3).get(0).startsWith("ngram:t:"));
    ModelTrainer.Report report = r.reports().get(0);
    assertTrue(report.combined().f1() > report.rulesOnly().f1(), () -> "report: " + report);
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
}
