package dev.syndic.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An entry's evidence adds up to its score, so an editor can check a decision against its
 * threshold from the evidence alone. Each item was written to one decimal: a strong term first
 * named late in a long story and then again (3 x 0.5 x 1.5) showed "+2.3" for 2.25, a score of
 * 8.25 for evidence adding to 8.3, and an admin's weight of 1.98 showed "+4.0" in a title, the
 * threshold, for an entry its 3.96 left out.
 */
class EvidenceSumTest {

  private static final Pattern ADDED = Pattern.compile(" ([+-][0-9]+\\.[0-9]+)$");

  @ParameterizedTest(name = "[{index}] {0} weight {1}: {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "大模型 | 3    | 大模型发布 | ''                  | 6.0",
        "大模型 | 1.98 | 大模型发布 | ''                  | 3.96",
        "大模型 | 1.33 | 大模型发布 | ''                  | 2.66",
        "芯片   | 3    | 大模型发布 | LATE 芯片 芯片 芯片 | 8.25",
      })
  void theEvidenceAddsUpToTheScore(String term, double weight, String title, String body, double score) {
    Map<String, Double> terms = new HashMap<>(Map.of("大模型", 3.0));
    terms.put(term, weight);
    RuleClassifier rules = new RuleClassifier(List.of(new CategoryDefinition("ai", 4, new CategoryRules(terms, Map.of(), List.of()))));

    Assignment a = rules.score(title, body.replace("LATE", "无关的文字。".repeat(100)), List.of()).get(0);

    assertEquals(score, a.score(), 1e-9, a::toString);
    assertEquals(a.score(), a.evidence().stream().mapToDouble(EvidenceSumTest::added).sum(), 1e-9, () -> "evidence " + a.evidence());
  }

  private static double added(String evidence) {
    Matcher m = ADDED.matcher(evidence);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }
}
