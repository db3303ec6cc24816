package dev.syndic.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cap on weak terms found only in a body (added with the learning classifier). */
class RuleClassifierWeakTermsTest {

  static final RuleClassifier RULES = new RuleClassifier(List.of(new CategoryDefinition("film", 4,
      new CategoryRules(Map.of("电影", 3.0, "导演", 1.0, "明星", 1.0, "观众", 1.0, "剧情", 1.0, "家庭影院", -3.0, "actor", 2.0), Map.of(), List.of()))));

  @Test
  void weakBodyTermsDoNotAddUpToACategory() {
    assertTrue(RULES.classify("一篇长文", "导演 明星 观众 剧情 都出现了", List.of()).isEmpty());
    assertEquals(1, RULES.score("一篇长文", "导演 明星 观众 剧情", List.of()).get(0).score());
  }

  @Test
  void aTermFirstSeenPastTheLeadCountsHalf() {
    String filler = "今天天气不错。".repeat(RuleClassifier.LEAD_CHARS / 7 + 1);
    assertEquals(3.0, RULES.score("一篇长文", "电影", List.of()).get(0).score());
    assertEquals(1.5, RULES.score("一篇长文", filler + "电影", List.of()).get(0).score());
    // Seen in the lead and again later: the better place counts.
    assertEquals(3.0, RULES.score("一篇长文", "电影" + filler + "电影", List.of()).get(0).score());
  }
}
