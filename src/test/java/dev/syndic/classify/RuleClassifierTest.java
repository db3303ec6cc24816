package dev.syndic.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleClassifierTest {

  private static CategoryDefinition category(String slug, double threshold, Map<String, Double> terms) {
    return new CategoryDefinition(slug, threshold, new CategoryRules(terms, Map.of(), List.of()));
  }

  private static Map<String, Double> terms(Object... termThenWeight) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < termThenWeight.length; i += 2) {
      out.put((String) termThenWeight[i], ((Number) termThenWeight[i + 1]).doubleValue());
    }
    return out;
  }

  private static RuleClassifier classifier(CategoryDefinition... categories) {
    return new RuleClassifier(List.of(categories));
  }

  /** The one assignment expected, or a failure naming what came out instead. */
  private static Assignment only(List<Assignment> assignments, String slug) {
    assertEquals(1, assignments.size(), () -> "expected only " + slug + " but got " + assignments);
    assertEquals(slug, assignments.get(0).slug());
    return assignments.get(0);
  }

  @Test
  void chineseTermMatchesAsSubstringAndTitleCountsDouble() {
    RuleClassifier c = classifier(category("ai", 4, terms("大模型", 3)));

    Assignment a = only(c.classify("国产大模型密集发布", "", List.of()), "ai");

    assertEquals(6.0, a.score());
    assertEquals(List.of("title:大模型 +6.0"), a.evidence());
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" matches AI: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "The AI boom continues                   | true",
        "ai is everywhere                        | true",
        "Regulating Ai, slowly                   | true",
        "AI-powered search arrives               | true",
        "(AI) and the law                        | true",
        "Is it AI?                               | true",
        "国产AI芯片出货量翻番                     | true",
        "用AI写作业                               | true",
        "He said the talks had failed            | false",
        "Thailand reopens its border             | false",
        "The AIs are coming                      | false",
        "Paint and rain                          | false",
        "MAIN street closed                      | false",
        "AI2 releases an open dataset            | false",
        "Kai Tak airport memories                | false",
      })
  void latinTermMatchesWholeWordsOnlyIgnoringCase(String title, boolean matches) {
    RuleClassifier c = classifier(category("ai", 2, terms("AI", 2)));

    List<Assignment> out = c.classify(title, null, List.of());

    if (matches) {
      assertEquals(List.of("title:AI +4.0"), only(out, "ai").evidence());
    } else {
      assertEquals(List.of(), out);
    }
  }

  @Test
  void latinPhraseMatchesAcrossCollapsedWhitespaceAndCase() {
    RuleClassifier c = classifier(category("ai", 3, terms("machine learning", 3)));

    assertEquals(3.0, only(c.classify("", "Advances in Machine \n  Learning research", List.of()), "ai").score());
    assertEquals(List.of(), c.classify("", "machine learnings", List.of()));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "国产AI芯片出货量翻番          | 6.0",
        "新一代 AI芯片 发布            | 6.0",
        "ai芯片价格下跌                | 6.0",
        "ＡＩ芯片需求旺盛              | 6.0",
        "MAI芯片并不存在               | 0.0",
        "xAI芯片                       | 0.0",
        "3AI芯片                       | 0.0",
        "芯片行业的AI应用              | 0.0",
      })
  void mixedLatinAndChineseTermIsBoundedOnItsLatinSide(String title, double expected) {
    RuleClassifier c = classifier(category("ai", 1, terms("AI芯片", 3)));

    List<Assignment> out = c.classify(title, "", List.of());

    assertEquals(expected, out.isEmpty() ? 0.0 : only(out, "ai").score());
  }

  /**
   * Terms read normalized text, so "ＡＩ" is "AI" and "電腦" is "电脑": listed both ways (as an
   * editor covering both scripts would), they are one term and count once, with the larger weight.
   */
  @Test
  void termsThatAreOneOnceNormalizedCountOnce() {
    RuleClassifier c = classifier(category("tech", 4, terms("AI", 2, "ａｉ", 2, "電腦", 1, "电脑", 3)));

    Assignment a = only(c.classify("AI 电脑", "", List.of()), "tech");

    assertEquals(10.0, a.score(), a::toString);
    assertEquals(2, a.evidence().size(), a::toString);
  }

  @Test
  void termMatchesThroughInvisibleCharactersInsideIt() {
    RuleClassifier c = classifier(category("ai", 2, terms("machine learning", 3, "人工智能", 3)));

    assertEquals(List.of("title:machine learning +6.0"), only(c.classify("New machine lear\u00ADning chip", "", List.of()), "ai").evidence());
    assertEquals(List.of("title:人工智能 +6.0"), only(c.classify("人工\u200B智能发展报告发布", "", List.of()), "ai").evidence());
  }

  @Test
  void negativeTermPullsScoreBelowThreshold() {
    CategoryDefinition withNegative = category("ai", 4, terms("机器人", 2, "扫地机器人", -3));
    CategoryDefinition withoutNegative = category("ai", 4, terms("机器人", 2));

    assertEquals(List.of(), classifier(withNegative).classify("扫地机器人新品上市", "", List.of()));
    Assignment plain = only(classifier(withoutNegative).classify("扫地机器人新品上市", "", List.of()), "ai");
    assertEquals(4.0, plain.score());
    // Below threshold, not merely lowered: 4 from the title term, -3 from the body.
    assertEquals(List.of(), classifier(withNegative).classify("机器人进工厂", "也有扫地机器人", List.of()));
  }

  @Test
  void negativeTermIsShownInEvidenceWhenCategoryStillWins() {
    RuleClassifier c = classifier(category("ai", 1, terms("机器人", 2, "扫地机器人", -3)));

    Assignment a = only(c.classify("机器人进工厂", "隔壁展台是扫地机器人", List.of()), "ai");

    assertEquals(1.0, a.score());
    assertEquals(List.of("title:机器人 +4.0", "body:扫地机器人 -3.0"), a.evidence());
  }

  @ParameterizedTest(name = "[{index}] title=\"{0}\" body=\"{1}\" -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "深度学习新进展 | ''             | 4.0 | title:深度学习 +4.0",
        "''             | 深度学习新进展 | 2.0 | body:深度学习 +2.0",
        "深度学习新进展 | 深度学习再一次 | 4.0 | title:深度学习 +4.0",
      })
  void titleWeighsDoubleAndATermCountsOnce(String title, String body, double score, String evidence) {
    RuleClassifier c = classifier(category("ai", 2, terms("深度学习", 2)));

    Assignment a = only(c.classify(title, body, List.of()), "ai");

    assertEquals(score, a.score());
    assertEquals(List.of(evidence), a.evidence());
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // a strong term the body keeps coming back to is what the story is about
        "人工智能改变生活。人工智能助力产业。人工智能造福人类。 | 4.5 | body:人工智能 x3 +4.5",
        // twice is still a mention
        "人工智能改变生活。人工智能助力产业。                   | 3.0 | body:人工智能 +3.0",
        // a weak term does not add up by repetition: it stays under the weak cap
        "芯片短缺。芯片涨价。芯片扩产。芯片出口。               | 1.0 | body:芯片 +1.0",
      })
  void aStrongTermTheBodyRepeatsCountsHalfAgain(String body, double score, String evidence) {
    RuleClassifier c = classifier(category("ai", 4, terms("人工智能", 3, "芯片", 1)));

    Assignment a = c.score("新闻", body, List.of()).get(0);

    assertEquals(score, a.score());
    assertEquals(List.of(evidence), a.evidence());
  }

  @Test
  void aRepeatedTermInsideANegativeTermIsNotRepeatedEvidence() {
    RuleClassifier c = classifier(category("agriculture", 4, terms("农民", 3, "农民工", -3, "农村", 2)));
    String body = "农民工讨薪。农民工返乡。农民工培训。农村。";

    Assignment a = c.score("新闻", body, List.of()).get(0);

    assertEquals(2.0, a.score(), () -> a.evidence().toString());
    assertTrue(a.evidence().contains("body:农民 +3.0"), () -> a.evidence().toString());
    assertEquals(List.of(), c.classify("新闻", body, List.of()));
  }

  @Test
  void bodyOnlyMatchOfAStrongTermStaysBelowAThresholdItsTitleMatchReaches() {
    RuleClassifier c = classifier(category("ai", 4, terms("深度学习", 2)));

    assertEquals(4.0, only(c.classify("深度学习新进展", "", List.of()), "ai").score());
    assertEquals(List.of(), c.classify("新进展", "深度学习", List.of()));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" / \"{1}\" -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GPT-5 正式发布          | ''                       | 6.0 | title:/GPT-?[0-9]/ +6.0",
        "新模型发布              | 对标 gpt4 的性能          | 3.0 | body:/GPT-?[0-9]/ +3.0",
        "GPT-4o 和 GPT-5 对比    | GPT-3                    | 6.0 | title:/GPT-?[0-9]/ +6.0",
      })
  void patternsMatchCaseInsensitivelyOnceWithTitleDoubled(String title, String body, double score, String evidence) {
    RuleClassifier c =
        classifier(new CategoryDefinition("ai", 3, new CategoryRules(Map.of(), Map.of("GPT-?[0-9]", 3.0), List.of())));

    Assignment a = only(c.classify(title, body, List.of()), "ai");

    assertEquals(score, a.score());
    assertEquals(List.of(evidence), a.evidence());
  }

  /**
   * An expression's literals are looked for in the pass that finds the body's terms when folding
   * leaves the normalized body as it is, and in a pass of their own when it does not (a final
   * sigma folds to σ); either way the same expressions run.
   */
  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '#',
      value = {
        "grain prices rose as 大模型 shipped        # 2.0 # body:大模型 +1.0, body:/(corn|grain)s? prices/ +1.0",
        "λόγος: grain prices rose as 大模型 shipped # 2.0 # body:大模型 +1.0, body:/(corn|grain)s? prices/ +1.0",
        "GRAINS PRICES, 大模型                      # 2.0 # body:大模型 +1.0, body:/(corn|grain)s? prices/ +1.0",
        "大模型 shipped; grain and fuel prices rose # 1.0 # body:大模型 +1.0",
        "λόγος: 大模型 shipped; corn, fuel prices   # 1.0 # body:大模型 +1.0",
        "grain prices                               # 1.0 # body:/(corn|grain)s? prices/ +1.0",
      })
  void anExpressionRunsOnABodyThatHoldsItsLiteralsWhicheverPassFindsThem(String body, double score, String evidence) {
    RuleClassifier c = classifier(new CategoryDefinition("farm", 3,
        new CategoryRules(terms("大模型", 1.0), Map.of("(corn|grain)s? prices", 1.0), List.of())));

    List<Assignment> scored = c.score("", body, List.of());

    assertEquals(1, scored.size(), () -> scored.toString());
    assertEquals(score, scored.get(0).score());
    assertEquals(List.of(evidence.split(", ")), scored.get(0).evidence());
  }

  @Test
  void patternThatDoesNotMatchAddsNothing() {
    RuleClassifier c =
        classifier(new CategoryDefinition("ai", 3, new CategoryRules(Map.of(), Map.of("GPT-?[0-9]", 3.0), List.of())));

    assertEquals(List.of(), c.classify("ChatGPTs everywhere", "GPT without a version", List.of()));
  }

  /**
   * The README's and the API's example of an expression refused for its backtracking is refused: a
   * group around a wildcard repeated a fixed number of times. The classic nested repetition {@code
   * (a+)+b} is no such expression on this JDK, whose engine remembers where a greedy loop failed,
   * and it is taken; it was the README's example of a refusal, and {@code (a+)+} and {@code
   * ([\s\S]*){30}} (taken too, without the {@code \d{40}} the test puts after it) the API's.
   */
  @Test
  void theDocumentedExamplesOfBacktrackingAreRefusedAndANestedPlusIsNot() {
    assertFalse(RuleExpressions.runsInTime("(.*a){20}"));
    assertTrue(RuleExpressions.runsInTime("(a+)+b"));
  }

  /**
   * An expression that backtracks without end (stored before the API refused such, or written into
   * categories.yml) would hold the thread; it counts as not matching once past its budget, and the
   * entry keeps everything else the rules found. The ordinary expressions of the shipped
   * categories pass the check the API makes.
   */
  @Test
  void anExpressionThatBacktracksWithoutEndCountsAsNoMatchAndTheRestStands() {
    String stalling = "([\\s\\S]*){30}\\d{40}";
    assertFalse(RuleExpressions.runsInTime(stalling));
    assertTrue(RuleExpressions.runsInTime("GPT-?[0-9]"));
    RuleClassifier c = classifier(new CategoryDefinition("ai", 3, new CategoryRules(Map.of("大模型", 3.0), Map.of(stalling, 5.0), List.of())));

    Assignment a = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> only(c.classify("大模型发布会", "一篇没有四十个连续数字的正文，足以让这个表达式回溯很久。".repeat(3), List.of()), "ai"));

    assertEquals(6.0, a.score());
    assertEquals(List.of("title:大模型 +6.0"), a.evidence());
  }

  /** {@code (?:.|\n)*} recurses per character: a long body overflows the stack, which is no match, not an error. */
  @Test
  void anExpressionThatOverflowsTheStackCountsAsNoMatchAndTheRestStands() {
    String deep = "(?:.|\\n)*结束";
    assertTrue(RuleExpressions.recursesTooDeeply(deep));
    assertFalse(RuleExpressions.recursesTooDeeply("[\\s\\S]*结束"));
    assertFalse(RuleExpressions.recursesTooDeeply("GPT-?[0-9]"));
    RuleClassifier c = classifier(new CategoryDefinition("ai", 3, new CategoryRules(Map.of("大模型", 3.0), Map.of(deep, 5.0), List.of())));

    Assignment a = only(c.classify("大模型发布会", "发布会现场座无虚席，".repeat(20_000), List.of()), "ai");

    assertEquals(List.of("title:大模型 +6.0"), a.evidence());
  }

  @ParameterizedTest(name = "[{index}] tags {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "人工智能               | tag:人工智能 +4.0",
        "Artificial Intelligence| tag:Artificial Intelligence +4.0",
        "' ai '                 | tag: ai  +4.0",
      })
  void feedTagAddsTheThreshold(String tag, String evidence) {
    RuleClassifier c =
        classifier(new CategoryDefinition("ai", 4, new CategoryRules(Map.of(), Map.of(), List.of("AI", "人工智能", "artificial intelligence"))));

    Assignment a = only(c.classify("今日要闻", "", List.of("头条", tag)), "ai");

    assertEquals(4.0, a.score());
    assertEquals(List.of(evidence), a.evidence());
  }

  /**
   * A feed's own labels are read as terms are (NFKC, any case, Traditional as Simplified): a Hong
   * Kong or Taiwan feed labels its stories "娛樂", a full-width "ＡＩ" is AI, and a tag listed with
   * a stray space still means the category.
   */
  @ParameterizedTest(name = "[{index}] feed tag {0}")
  @CsvSource(delimiter = '|', value = {"娛樂", "ＡＩ", "ai", "Tech", "  TECH "})
  void feedTagsMatchAsNormalizedText(String tag) {
    RuleClassifier c = classifier(new CategoryDefinition("x", 4, new CategoryRules(Map.of(), Map.of(), List.of("娱乐", "AI", " tech "))));

    Assignment a = only(c.classify("今日要闻", "", List.of(tag)), "x");

    assertEquals(List.of("tag:" + tag + " +4.0"), a.evidence());
  }

  @Test
  void feedTagCountsOnceEvenWhenSeveralTagsMatch() {
    RuleClassifier c =
        classifier(new CategoryDefinition("ai", 4, new CategoryRules(Map.of(), Map.of(), List.of("AI", "人工智能"))));

    Assignment a = only(c.classify("今日要闻", "", List.of("AI", "人工智能")), "ai");

    assertEquals(4.0, a.score());
    assertEquals(List.of("tag:AI +4.0"), a.evidence());
  }

  @Test
  void unknownFeedTagAndPartialTagDoNothing() {
    RuleClassifier c =
        classifier(new CategoryDefinition("ai", 4, new CategoryRules(Map.of(), Map.of(), List.of("AI"))));

    assertEquals(List.of(), c.classify("今日要闻", "", List.of("AI news", "科技", "")));
  }

  @Test
  void feedTagTopsUpWeakEvidenceAndIsListedLast() {
    RuleClassifier c =
        classifier(new CategoryDefinition("agriculture", 4, new CategoryRules(Map.of("蔬菜", 1.0), Map.of("[0-9]+亩", 1.0), List.of("三农"))));

    Assignment a = only(c.classify("蔬菜丰收", "种了30亩", List.of("三农")), "agriculture");

    assertEquals(7.0, a.score());
    assertEquals(List.of("title:蔬菜 +2.0", "body:/[0-9]+亩/ +1.0", "tag:三农 +4.0"), a.evidence());
  }

  @Test
  void entryCanLandInSeveralCategoriesBestFirst() {
    RuleClassifier c =
        classifier(
            category("technology", 4, terms("芯片", 2, "AI", 1)),
            category("ai", 4, terms("AI", 2, "大模型", 3)),
            category("sports", 4, terms("足球", 3)));

    List<Assignment> out = c.classify("AI芯片厂商押注大模型", "", List.of());

    assertEquals(List.of("ai", "technology"), out.stream().map(Assignment::slug).toList());
    assertEquals(10.0, out.get(0).score());
    assertEquals(List.of("title:AI +4.0", "title:大模型 +6.0"), out.get(0).evidence());
    assertEquals(6.0, out.get(1).score());
    assertEquals(List.of("title:AI +2.0", "title:芯片 +4.0"), sorted(out.get(1).evidence()));
  }

  @Test
  void sameTermInTwoCategoriesCountsForBoth() {
    RuleClassifier c = classifier(category("a", 2, terms("AI", 2)), category("b", 2, terms("ai", 1.5)));

    assertEquals(List.of("a"), c.classify("", "AI", List.of()).stream().map(Assignment::slug).toList());
    List<Assignment> inTitle = c.classify("AI", "", List.of());
    assertEquals(List.of("a", "b"), inTitle.stream().map(Assignment::slug).toList());
    assertEquals(List.of(4.0, 3.0), inTitle.stream().map(Assignment::score).toList());
  }

  @Test
  void aCategoryMatchedTwiceAsStronglyElsewhereIsNotAssigned() {
    RuleClassifier c = classifier(category("sports", 4, terms("球队", 3, "主教练", 3)), category("entertainment", 4, terms("综艺", 2)));

    // sports 12 (3 thresholds) against entertainment 4 (1 threshold): a sports story.
    assertEquals(List.of("sports"), c.classify("球队主教练上综艺", "", List.of()).stream().map(Assignment::slug).toList());
    // sports 6 (1.5 thresholds) against 4: not twice as strong, both stay.
    assertEquals(List.of("sports", "entertainment"), c.classify("球队上综艺", "", List.of()).stream().map(Assignment::slug).toList());
    // Alone, the weak match is assigned as before.
    assertEquals(List.of("entertainment"), c.classify("明星上综艺", "", List.of()).stream().map(Assignment::slug).toList());
  }

  @Test
  void aSecondCategoryFoundOnlyInTheBodyNeedsToLeadOrToStandOnItsOwn() {
    RuleClassifier c = classifier(category("fashion", 4, terms("连衣裙", 3, "高跟鞋", 3, "搭配", 2, "单品", 3)),
        category("entertainment", 4, terms("明星", 2, "绯闻", 3, "电影", 3, "追星族", -0.5)));

    // A fashion article (fashion 6) that mentions stars in passing (entertainment 5, body only).
    assertEquals(List.of("fashion"), slugs(c.classify("今夏穿什么", "连衣裙配高跟鞋。明星也有绯闻。", List.of())));
    // Evidence against a category in the title gives it no footing (entertainment 4: 5 - 1).
    assertEquals(List.of("fashion"), slugs(c.classify("追星族今夏穿什么", "连衣裙配高跟鞋。明星也有绯闻。", List.of())));
    // The stars in the title (entertainment 7 against fashion 8): the story is about both.
    assertEquals(List.of("fashion", "entertainment"), slugs(c.classify("明星今夏穿什么", "连衣裙配高跟鞋,搭配。也有绯闻。", List.of())));
    // Twice its threshold in the body (8 of 4) stands on its own, though fashion scores more (11).
    assertEquals(List.of("fashion", "entertainment"), slugs(c.classify("今夏穿什么", "连衣裙配高跟鞋,搭配单品。明星绯闻与电影。", List.of())));
    // The leading category needs no title match.
    assertEquals(List.of("entertainment"), slugs(c.classify("今夏", "明星绯闻与电影。搭配。", List.of())));
  }

  private static List<String> slugs(List<Assignment> assignments) {
    return assignments.stream().map(Assignment::slug).toList();
  }

  @ParameterizedTest(name = "[{index}] {0} + {1} vs threshold {2} -> assigned {3}")
  @CsvSource({
    "1.5, 2.5, 4.0, true",
    "1.5, 2.4, 4.0, false",
    "2.0, 2.0, 4.0, true",
    "0.5, 0.25, 0.75, true",
  })
  void thresholdExactlyMetIsAssigned(double w1, double w2, double threshold, boolean assigned) {
    RuleClassifier c = classifier(category("agriculture", threshold, terms("小麦", w1, "玉米", w2)));

    List<Assignment> out = c.classify("", "小麦和玉米", List.of());

    if (assigned) {
      assertEquals(w1 + w2, only(out, "agriculture").score());
    } else {
      assertEquals(List.of(), out);
    }
  }

  @Test
  void nothingMatchingIsNeverAssignedEvenWithZeroThreshold() {
    RuleClassifier c = classifier(category("ai", 0, terms("大模型", 3)));

    assertEquals(List.of(), c.classify("天气晴朗", "适合出游", List.of()));
    assertEquals(List.of(), c.classify(null, null, List.of()));
  }

  @Test
  void evidenceListsEveryMatchWithItsSignedContribution() {
    RuleClassifier c =
        classifier(
            new CategoryDefinition(
                "ai",
                4,
                new CategoryRules(
                    terms("大模型", 3, "算力", 2, "智能手机", -2, "OpenAI", 3), Map.of("[万千]卡集群", 3.0), List.of("AI"))));

    Assignment a = only(c.classify("OpenAI发布新大模型", "万卡集群提供算力，也能跑在智能手机上", List.of("AI")), "ai");

    assertEquals(6.0 + 6.0 + 2.0 - 2.0 + 3.0 + 4.0, a.score());
    assertEquals(
        List.of(
            "body:/[万千]卡集群/ +3.0",
            "body:智能手机 -2.0",
            "body:算力 +2.0",
            "tag:AI +4.0",
            "title:OpenAI +6.0",
            "title:大模型 +6.0"),
        sorted(a.evidence()));
    assertTrue(a.evidence().get(a.evidence().size() - 1).startsWith("tag:"), a.evidence()::toString);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" matches term \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "機器學習改變醫療診斷     | 机器学习",
        "語言模型的幻覺問題       | 语言模型",
        "农业机械化水平提升       | 農業",
        "農業機械化水平提升       | 农业",
        "ＡＩ助手走進千家萬戶     | AI",
        "ＯｐｅｎＡＩ發布新模型   | openai",
        "OPENAI 发布新模型        | OpenAI",
      })
  void normalizedInputMatchesNormalizedTerms(String title, String term) {
    RuleClassifier c = classifier(category("x", 2, terms(term, 1)));

    Assignment a = only(c.classify(title, "", List.of()), "x");

    assertEquals(2.0, a.score());
    assertEquals(List.of("title:" + term + " +2.0"), a.evidence());
  }

  @Test
  void noCategoriesClassifiesNothing() {
    assertEquals(List.of(), new RuleClassifier(List.of()).classify("大模型", "AI", List.of("AI")));
  }

  private static List<String> sorted(List<String> evidence) {
    return evidence.stream().sorted().toList();
  }
}
