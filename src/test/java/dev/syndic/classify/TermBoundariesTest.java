package dev.syndic.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where a term's match begins and ends in the text. */
class TermBoundariesTest {

  private static List<String> evidence(Map<String, Double> terms, String title, String body) {
    RuleClassifier c = new RuleClassifier(List.of(new CategoryDefinition("x", 1, new CategoryRules(terms, Map.of(), List.of()))));
    List<Assignment> scored = c.score(title, body, List.of());
    return scored.isEmpty() ? List.of() : scored.get(0).evidence();
  }

  private static Map<String, Double> term(String term) {
    Map<String, Double> terms = new LinkedHashMap<>();
    terms.put(term, 3.0);
    return terms;
  }

  /**
   * The words of a web or e-mail address say where a story is kept, not what it is about: a
   * "原文链接" line under a farm story does not make it ai, nor a contact address sports.
   */
  @ParameterizedTest(name = "[{index}] {0} in \"{1}\" -> \"{2}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "ai       | 原文链接：https://tech.example.com/ai/robots-news.html     | ''",
        "ai       | 原文链接: http://example.com/news?tag=ai&page=2           | ''",
        "sports   | 来源：www.sports.cn 编辑整理                             | ''",
        "games    | 投稿邮箱：games@example.com                              | ''",
        "ai       | AI 改变了新闻业，详见 https://example.com/news          | body:ai +3.0",
        "ai       | 详见 https://example.com/news 与 AI 的关系              | body:ai +3.0",
        "人工智能 | 详见https://example.com/x人工智能的未来                 | body:人工智能 +3.0",
        "ai       | write to me@example.com about AI                        | body:ai +3.0",
        "ai       | Awww.AI robots are cute                                 | body:ai +3.0",
        "ai       | 相关：https://a.com/x https://b.com/ai https://c.com/y   | ''",
        "ai       | 见 https://a.com/x 与 https://c.com/y，AI 是主题         | body:ai +3.0",
        "ai       | 原文（https://example.com/news）：AI 芯片                | body:ai +3.0",
      })
  void aTermInsideAWebOrMailAddressDoesNotCount(String term, String body, String expected) {
    List<String> found = evidence(term(term), "今日新闻", body);

    assertEquals(expected.isEmpty() ? List.of() : List.of(expected), found);
  }

  /** A number in a term is not found inside a longer number: 618 is not in 16180, nor 歼20 in 歼200. */
  @ParameterizedTest(name = "[{index}] {0} in \"{1}\" -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "618     | 2026年618大促开启       | true",
        "618     | 618。                   | true",
        "618     | 本月销量达16180台       | false",
        "618     | 电话6180000             | false",
        "618     | 售价2618元              | false",
        "歼20    | 歼20首飞十周年          | true",
        "歼20    | 歼20A亮相航展           | true",
        "歼20    | 歼200预警机             | false",
        "315晚会 | 今年315晚会曝光         | true",
        "315晚会 | 第2315晚会              | false",
      })
  void aNumberAtATermsEdgeIsNotFoundInsideALongerNumber(String term, String title, boolean matches) {
    List<String> found = evidence(term(term), title, "");

    assertEquals(matches ? List.of("title:" + term + " +6.0") : List.of(), found);
  }

  /**
   * Publishers set apostrophes and hyphens as typographic characters (WordPress turns every "'"
   * into "’"; Word writes a non-breaking hyphen): a term written with the keyboard's finds them,
   * and the other way round.
   */
  @ParameterizedTest(name = "[{index}] {0} in \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "women's football | Women’s Football returns to Wembley",
        "women's football | Womenʼs Football returns to Wembley",
        "women’s football | Women's Football returns to Wembley",
        "self-driving     | Self\u2011driving taxis expand",
        "self-driving     | Self\u2010driving taxis expand",
        "self‐driving     | Self-driving taxis expand",
      })
  void typographicApostrophesAndHyphensMatchTheKeyboardsOnes(String term, String title) {
    List<String> found = evidence(term(term), title, "");

    assertEquals(List.of("title:" + term + " +6.0"), found);
  }

  /** Written both ways in one category, such a term is one term, as "AI" and "ＡＩ" are. */
  @ParameterizedTest(name = "[{index}] {0} / {1}")
  @CsvSource(delimiter = '|', value = {"women's | women’s", "self-driving | self‐driving", "self-driving | self\u2011driving"})
  void aTermWrittenTypographicallyIsTheSameTerm(String plain, String typographic) {
    assertEquals(RuleClassifier.termKey(plain), RuleClassifier.termKey(typographic));
  }
}
