package dev.syndic.dedupe;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.clean.CleanedEntry;
import dev.syndic.clean.ContentCleaner;
import dev.syndic.clean.TextNormalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The judgement on cleaned entries, with the republication noise real content sites add. */
class DuplicateJudgeTest {

  static final String TITLE = "国产大模型API再掀降价潮 推理成本竞赛升温";
  static final String[] STORY = {
    "3月以来，国内多家人工智能企业相继宣布下调旗下大模型的API调用价格，部分轻量级模型的输入价格已降至每百万Token不足1元。",
    "业内人士表示，随着推理芯片供给改善以及模型量化、稀疏化等技术逐步成熟，单位算力成本在过去一年下降了六成以上。",
    "海外方面，一家美国头部模型公司也在本周更新了定价策略，旗舰模型的调用费用较去年同期下调约四成。",
    "分析人士认为，价格战将加速大模型在政务、金融、制造等行业的落地，但也将考验中小模型厂商的资金实力与工程化能力。",
    "多家云服务商表示，将通过提升推理集群利用率和优化调度系统，进一步降低企业客户的综合使用成本。"
  };
  static final String OTHER = "<p>今年春播粮食意向面积稳中有增，南方早稻育秧进度过半，各地加快推进春耕生产。</p>"
      + "<p>农业农村部表示，将加强农资供应保障，确保化肥、种子和农机及时到位，为全年粮食丰收打好基础。</p>"
      + "<p>专家提醒，近期部分地区墒情偏差，要抓住降雨有利时机抢墒播种，同时做好病虫害监测预警。</p>";

  final ContentCleaner cleaner = new ContentCleaner();

  @Test
  void aCopyWithEveryKindOfNoiseIsADuplicate() {
    String noisy = "<p>" + TITLE + "</p><p>" + TITLE + "</p><p>来源: 科技观潮号</p>"
        + "<p>" + STORY[0].replace("人工智能", "『人工智能』").replace("1元", "1元💰").replace("，", ",") + "</p>"
        + "<p>" + STORY[1].replace("算力", "『算力』🔥") + "</p><p>" + STORY[2] + "</p><p>" + STORY[3] + "</p><p>" + STORY[4] + "</p>"
        + "<p>特别声明:[" + TITLE + "] 该文观点仅代表作者本人,资讯网系信息发布平台,资讯网仅提供信息存储空间服务。</p>"
        + "<p>猜你喜欢</p><p>春季赏花游持续升温</p><p>多地景区推出夜游项目，游客数量明显增长…</p><p>春季赏花游持续升温</p>";
    assertTrue(score(entry(TITLE + "(模型大推理本成)", noisy), original()) >= 0);
  }

  @Test
  void aTruncatedCopyWithARelatedBlockIsADuplicate() {
    String truncated = "<p>" + STORY[0] + "</p><p>" + STORY[1].substring(0, 20) + "…</p>"
        + "<p><strong>Related stories</strong></p><p>" + OTHER + "</p>";
    assertTrue(score(entry(TITLE, truncated), original()) >= 0);
  }

  @Test
  void theSameTitleOverADifferentStoryIsNotADuplicate() {
    assertTrue(score(entry(TITLE, OTHER), original()) < 0);
  }

  @Test
  void storiesSharingOnlyBoilerplateAreNotDuplicates() {
    String block = "<p>特别声明:[x] 该文观点仅代表作者本人,资讯网系信息发布平台,资讯网仅提供信息存储空间服务。</p><p>猜你喜欢</p><p>" + OTHER + "</p>";
    Fingerprint a = entry(TITLE, body(STORY) + block);
    Fingerprint b = entry("春耕备耕全面展开", "<p>各地春耕备耕工作全面展开，农资储备充足。</p><p>农民抢抓农时，田间地头一片繁忙景象，机械化水平继续提高。</p>" + block);
    assertTrue(score(a, b) < 0);
  }

  @Test
  void titleOnlyItemsMatchOnTheTitleWithoutItsSuffixButShortTitlesNeedEquality() {
    assertTrue(score(entry(TITLE + "(推成理本)", ""), entry(TITLE, "")) >= 0);
    assertTrue(score(entry("上联：银笛吹开云天月，下联怎么对？", ""), entry("雨落青荷琴声起，下联怎么对？", "")) < 0);
  }

  @Test
  void englishCopyWithSiteSuffixBylineQuotesAndDisclaimer() {
    String original = "<p>Efforts are being made to 'protect' workers' days off on Christmas Day and New Year's Day.</p>"
        + "<p>Support is being sought for a bill which would ensure that large shops stay closed on both days across the country.</p>"
        + "<p>The consultation has so far attracted almost 500 responses and closes on 7 February, officials said on Monday.</p>";
    String copy = "<p>Source: BBC News</p>" + original.replace("'protect'", "\u2018protect\u2019").replace("workers'", "workers\u2019")
        .replace("  ", " ") + "<p>The views expressed are the author's own; The Trending Wire only provides storage.</p>";
    assertTrue(score(entry("Drive to save festive holidays | WorldNewsPortal", copy), entry("Drive to save festive holidays", original)) >= 0);
    assertFalse(score(entry("Drive to save festive holidays", OTHER), entry("Drive to save festive holidays", original)) >= 0);
  }

  @Test
  void candidateKeysOfACopyMeetTheOriginalsKeys() {
    Set<Long> mine = new HashSet<>(CandidateKeys.of(original()));
    String truncated = "<p>本文转自央视网</p><p>" + STORY[0] + "</p><p>" + STORY[1] + "…</p>";
    List<Long> copy = CandidateKeys.of(entry(TITLE + "(降潮价)", truncated));
    assertTrue(copy.stream().anyMatch(mine::contains));
    assertFalse(CandidateKeys.of(entry("完全无关的标题内容在这里出现", OTHER)).stream().anyMatch(mine::contains));
  }

  static final String[] FARM = {"今年春播粮食意向面积稳中有增，南方早稻育秧进度过半，各地加快推进春耕生产，农资供应保障有力。",
      "农业农村部表示，将加强农资供应保障，确保化肥、种子和农机及时到位，为全年粮食丰收打好基础。"};
  static final String[] VOLLEYBALL = {"中国女排在世界联赛中以三比一战胜巴西队，取得本站比赛两连胜，下一场将迎战实力强劲的美国队。",
      "主教练赛后表示，年轻队员在关键分上的处理越来越成熟，全队将认真总结，争取在下一站继续保持状态。"};
  static final String[] MARKETS = {"沪深两市今日震荡走高，创业板指数上涨超过百分之二，成交额较前一交易日明显放大，北向资金净流入。",
      "分析人士指出，政策面积极信号不断释放，叠加上市公司一季报业绩改善，市场风险偏好有望继续回升。"};

  /**
   * A digest holds short stories whole: past its lead story (whose copy it could be) it matches none
   * of them, so it cannot chain different stories into one cluster.
   */
  @Test
  void aRoundupIsNotADuplicateOfTheStoriesItHoldsPastItsLead() {
    String[] ai = {STORY[0], STORY[1]};
    Fingerprint digest = entry("早报：今天有这些新闻", "<p>早上好，以下是今天早上值得关注的几条新闻，请您一起来看看吧。</p>"
        + body(FARM) + body(ai) + body(VOLLEYBALL) + body(MARKETS));
    assertTrue(score(digest, entry(TITLE, body(ai))) < 0, "the digest is not the ai story");
    assertTrue(score(digest, entry("中国女排三比一胜巴西", body(VOLLEYBALL))) < 0, "nor the volleyball story");
    assertTrue(score(digest, entry("沪深两市震荡走高", body(MARKETS))) < 0, "nor the markets story");
  }

  /** What tells a truncated copy from a story inside a roundup: it opens as its original does. */
  @Test
  void aShortTruncatedCopyStillMatchesItsLongOriginal() {
    String[] longer = new String[STORY.length + FARM.length + VOLLEYBALL.length + MARKETS.length];
    int n = 0;
    for (String[] part : List.of(STORY, FARM, VOLLEYBALL, MARKETS)) {
      for (String p : part) {
        longer[n++] = p;
      }
    }
    Fingerprint original = entry(TITLE, body(longer));
    assertTrue(score(entry(TITLE, body(new String[] {longer[0], longer[1], longer[2]})), original) >= 0);
    Fingerprint attributed = entry(TITLE, "<p>科技网消息（新闻联播）：" + String.join("", longer) + "</p>");
    assertTrue(score(entry(TITLE, "<p>本文转自科技网 " + longer[0] + longer[1].substring(0, 20) + "…</p>"), attributed) >= 0,
        "each copy names its source in its own words before the story");
    assertTrue(score(entry(TITLE, body(new String[] {longer[5], longer[6], longer[7]})), original) < 0, "a middle part is not a truncated copy");
  }

  @Test
  void aSharedHomePageLinkIsNotTheSameStory() {
    Fingerprint a = withLink(TITLE, body(STORY), "https://www.example.gov.cn/");
    Fingerprint b = withLink("春耕生产有序推进各地农资供应充足", OTHER, "https://www.example.gov.cn/");
    assertTrue(score(a, b) < 0, "two stories linked to the site's home page");
    assertFalse(CandidateKeys.of(a).stream().anyMatch(CandidateKeys.of(b)::contains), "and the home page is no candidate key");
    String page = "https://www.example.gov.cn/news/1.html";
    assertTrue(score(withLink(TITLE, body(STORY), page), withLink("春耕生产有序推进各地农资供应充足", OTHER, page)) < 0,
        "one link over bodies sharing nothing: a single-page site's stories");
    assertTrue(score(withLink(TITLE, body(STORY), page), withLink("短标题", "", page)) >= 0, "one link and one side without a body: the same story");
  }

  private Fingerprint withLink(String title, String html, String link) {
    CleanedEntry c = cleaner.clean(title, html, link);
    return Fingerprint.of(TextNormalizer.normalize(c.title()), c.coreText(), link);
  }

  @Test
  void aHugeBodyIsBounded() {
    String huge = "<p>" + "人工智能大模型推理成本下降。".repeat(400_000) + "</p>";
    long t0 = System.nanoTime();
    Fingerprint f = entry(TITLE, huge);
    assertTrue(f.shingles().length <= Fingerprint.MAX_TOKENS);
    assertTrue(System.nanoTime() - t0 < 20_000_000_000L);
  }

  private Fingerprint original() {
    return entry(TITLE, body(STORY));
  }

  private static String body(String[] paragraphs) {
    StringBuilder b = new StringBuilder();
    for (String p : paragraphs) {
      b.append("<p>").append(p).append("</p>");
    }
    return b.toString();
  }

  private Fingerprint entry(String title, String html) {
    CleanedEntry c = cleaner.clean(title, html, "https://example.com/a");
    return Fingerprint.of(TextNormalizer.normalize(c.title()), c.coreText(), null);
  }

  private static double score(Fingerprint a, Fingerprint b) {
    return DuplicateJudge.score(a, b);
  }
}
