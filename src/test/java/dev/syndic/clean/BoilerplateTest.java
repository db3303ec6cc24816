package dev.syndic.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.RequiredLiterals;
import java.time.Duration;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BoilerplateTest {

  private static String stripped(String title, String html) {
    Element body = Jsoup.parseBodyFragment(html).body();
    Boilerplate.strip(body, title);
    return body.children().eachText().toString();
  }

  @Test
  void relatedBlockAndEverythingAfterItGo() {
    assertEquals("[正文第一段。, 正文第二段。]",
        stripped("标题", "<p>正文第一段。</p><p>正文第二段。</p><h3>猜你喜欢</h3><p>别的故事</p><p>又一个</p>"));
    assertEquals("[Story text.]", stripped("Title", "<p>Story text.</p><p>You may also like:</p><ul><li>Other</li></ul>"));
  }

  @Test
  void aRelatedHeadingFollowedByLinksOrHeadlinesCutsTheRest() {
    assertEquals("[Story.]", stripped("Title",
        "<p>Story.</p><h2>More from Reuters</h2><p><a href=\"/a\">Rice prices climb as the monsoon arrives late in the south.</a></p>"
            + "<p><a href=\"/b\">Wheat harvest beats forecasts.</a></p>"));
    assertEquals("[正文。]", stripped("标题", "<p>正文。</p><p>相关阅读：</p><ul><li>别的故事标题</li><li>又一个故事标题</li></ul><p>责任编辑：张三</p>"));
    assertEquals("[正文。]", stripped("标题", "<p>正文。</p><h3>猜你喜欢</h3><ul><li><a href=\"/a\">这三种早餐最伤胃</a><br>营养师提醒：空腹喝冷饮不可取。</li>"
        + "<li><a href=\"/b\">退休后每月多领300元？</a><br>符合条件的人员需在规定时间内提交申请。</li></ul>"), "headline links with their teasers");
    assertEquals("[正文。]", stripped("标题", "<p>正文。</p><h3>推荐阅读</h3>"), "a heading with nothing after it");
  }

  /** Sites put their related list in its own container, the heading first: it went out whole. */
  @Test
  void aRelatedBlockInItsOwnContainerGoes() {
    assertEquals("[正文。]", stripped("标题", "<p>正文。</p><div class=\"related\"><h3>相关阅读</h3><ul><li><a href=\"/a\">别的故事</a></li></ul></div>"
        + "<p>责任编辑：张三</p>"));
    assertEquals("[Story.]", stripped("Title", "<p>Story.</p><div><p><strong>You may also like</strong></p><p><a href=\"/b\">Other</a></p></div>"));
    assertEquals("[Story., 相关阅读显示，用户更爱长文。]", stripped("Title", "<p>Story.</p><div><p>相关阅读显示，用户更爱长文。</p></div>"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "More from the interview | <p>Para two is the rest of the story.</p><p>And a third paragraph.</p>",
      "Recommended | <ul><li>Wear sunscreen daily, even in winter.</li><li>Drink water before you feel thirsty.</li></ul>",
      "Related | <p>In related news, the ministry said exports rose.</p><p>More on that next week.</p>",
  })
  void aRelatedHeadingFollowedByTheStoryIsTheStory(String heading, String rest) {
    Element body = Jsoup.parseBodyFragment("<p>Para one.</p><h2>" + heading + "</h2>" + rest).body();
    String before = body.children().eachText().toString();
    Boilerplate.strip(body, "Title");
    assertEquals(before, body.children().eachText().toString());
  }

  @Test
  void disclaimersGoInEitherLanguageAndAnyCase() {
    assertEquals("[正文。]", stripped("标题", "<p>正文。</p><p>免责声明：本文仅代表作者观点，不代表本站立场。</p>"));
    assertEquals("[正文。]", stripped("标题", "<p>本文来自网络，如有侵权请联系删除。</p><p>正文。</p>"));
    assertEquals("[Story.]", stripped("Title", "<p>Story.</p><p>THE VIEWS EXPRESSED HERE ARE THE AUTHOR'S OWN.</p>"));
    assertEquals("[Story.]", stripped("Title", "<p>Story.</p><p>This site Only Provides Storage services.</p>"));
  }

  @Test
  void storyTextThatOnlyTouchesTheWordsStays() {
    // "声明" alone, or a disclaimer phrase inside a long paragraph, is the story, not boilerplate.
    assertEquals("[外交部发表声明，回应有关问题。]", stripped("标题", "<p>外交部发表声明，回应有关问题。</p>"));
    String longParagraph = "报道称，" + "市场人士表示今年粮食产量稳定增长。".repeat(30) + "如有侵权的说法并不成立。";
    assertEquals("[" + longParagraph + "]", stripped("标题", "<p>" + longParagraph + "</p>"));
  }

  @Test
  void aChineseBylineNeedsItsColonOrASpace() {
    assertEquals("[正文。]", stripped("标题", "<p>正文。</p><p>记者 张三</p>"));
    assertEquals("[作者认为这个问题很重要。, 正文。]", stripped("标题", "<p>作者认为这个问题很重要。</p><p>正文。</p>"));
    assertEquals("[Byzantine art returns to the museum., Body.]",
        stripped("Title", "<p>Byzantine art returns to the museum.</p><p>Body.</p>"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"By Jane Doe", "BY JANE DOE", "By: Jane Doe", "By Jane Doe and John Smith, Reuters", "By Jane Doe, John Smith & Li Wei",
      "By J. K. Rowling", "By María José Núñez", "By Ludwig van Beethoven", "By Jane Doe in Beijing", "By Jane Doe, staff writer",
      "By The Associated Press", "By O'Brien-Smith, Jr."})
  void aByFollowedByNamesIsABylineAtEitherEnd(String byline) {
    assertEquals("[Story.]", stripped("Title", "<p>" + byline + "</p><p>Story.</p>"));
    assertEquals("[Story.]", stripped("Title", "<p>Story.</p><p>" + byline + "</p>"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"By 2030, half of new cars sold in China will be electric.", "By then, the damage was done.",
      "By Friday, the index had fallen 5 percent from its peak.", "By contrast, rice prices held steady", "By Monday. Then it rained.",
      "By Jane Doe on 12 May"})
  void aSentenceStartingWithByIsTheStoryAtEitherEnd(String sentence) {
    assertEquals("[" + sentence + ", Story.]", stripped("Title", "<p>" + sentence + "</p><p>Story.</p>"));
    assertEquals("[Story., " + sentence + "]", stripped("Title", "<p>Story.</p><p>" + sentence + "</p>"));
  }

  @Test
  void theOnlyBlockIsNeverTakenForAByline() {
    assertEquals("[By Jane Doe]", stripped("Title", "<p>By Jane Doe</p>"));
    assertEquals("[来源：新华社]", stripped("标题", "<p>来源：新华社</p>"));
    assertEquals("[正文。]", stripped("标题", "<p>来源：新华社</p><p>正文。</p><p>责任编辑：张三</p>"), "one byline, then the other");
  }

  /**
   * Republishers put their byline before the story's first words in one paragraph: removed as a
   * byline, the paragraph took the story's first line (a sub-headline, the lead) with it.
   */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "<p>本地快讯</p><p>来源:某某新闻客户端 城郊新建三座污水处理厂</p><p>今天，三座污水处理厂同时开工。</p>"
          + " | [城郊新建三座污水处理厂, 今天，三座污水处理厂同时开工。]",
      "<p>本文转自示例网 记者从市交通局了解到，地铁三号线今天开通。</p><p>第二段。</p> | [记者从市交通局了解到，地铁三号线今天开通。, 第二段。]",
      "<p>作者：王五&nbsp;在经过两个月的等待后，成绩终于出来了。</p> | [在经过两个月的等待后，成绩终于出来了。]",
  })
  void aBylineBeforeTheStorysFirstWordsGoesAndTheWordsStay(String html, String expected) {
    assertEquals(expected, stripped("本地快讯", html));
  }

  /**
   * A reporter's question in an interview (longer than a byline line, which goes whole), and words
   * that begin with 转自, are the story's (found by review).
   */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"记者：您认为 ChatGPT 这样的大模型对中小学教育、高校科研以及职业培训等行业的影响到底有多大，学校和老师又该如何应对这些变化？", "转自动驾驶 测试开始以来，事故率明显下降。"})
  void aStoryParagraphThatBeginsLikeABylineStaysWhole(String paragraph) {
    assertEquals("[" + paragraph + ", 第二段。]", stripped("本地快讯", "<p>" + paragraph + "</p><p>第二段。</p>"));
  }

  /** A short question or sentence after a label is the story's too, at either end: a byline names people or an agency. */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"记者：您怎么看今年的粮价？", "记者：粮价今年涨了多少?", "记者：今年粮价上涨了。", "作者：这本书写了三年！", "Source: is the leak real?"})
  void aShortQuestionOrSentenceAfterALabelIsTheStorysAtEitherEnd(String paragraph) {
    assertEquals("[" + paragraph + ", 第二段。]", stripped("本地快讯", "<p>" + paragraph + "</p><p>第二段。</p>"));
    assertEquals("[第一段。, " + paragraph + "]", stripped("本地快讯", "<p>第一段。</p><p>" + paragraph + "</p>"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"作者:王五 来源:互联网", "来源:网络 编辑:李四", "来源：新华社 2024年5月1日", "责任编辑：张三 李四", "转自 示例网",
      "记者：张三 李四", "记者 张三 通讯员 李四", "原标题：粮价为何上涨？"})
  void aParagraphOfBylinesNamesOrDatesGoesWhole(String line) {
    assertEquals("[正文第一段。]", stripped("标题", "<p>" + line + "</p><p>正文第一段。</p>"));
  }

  /** A copy repeats the title under a portal's picture label and without the suffix it added to the title. */
  @Test
  void theTitleRepeatedUnderItsPictureLabelGoes() {
    assertEquals("[正文第一段。]", stripped("组图：春耕机器人下田 一天插秧五十亩(秧插)", "<p>组图：春耕机器人下田 一天插秧五十亩</p><p>正文第一段。</p>"));
    assertEquals("[正文第一段。]", stripped("组图：春耕机器人下田 一天插秧五十亩", "<p>春耕机器人下田 一天插秧五十亩</p><p>正文第一段。</p>"));
    assertEquals("[组图：机器人下田的另一种说法, 正文第一段。]",
        stripped("组图：春耕机器人下田 一天插秧五十亩", "<p>组图：机器人下田的另一种说法</p><p>正文第一段。</p>"));
  }

  @Test
  void repeatedTitleAndBylinesAtEitherEndGo() {
    assertEquals("[正文第一段。]",
        stripped("农业农村部部署春耕", "<p>农业农村部部署春耕</p><p>来源：新华社</p><p>正文第一段。</p><p>责任编辑：张三</p>"));
    assertEquals("[Body.]", stripped("A Headline Here", "<p>A headline here</p><p>Body.</p><p>Reporting by Jane Doe</p>"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"法院审理认为，涉案文章版权归原作者所有，被告未经许可转载构成侵权，应赔偿经济损失。", "平台辩称，其仅提供信息存储空间服务，不应承担赔偿责任。",
      "The spokesman said the poll does not necessarily reflect the views of all members.", "该公司发表特别声明，否认相关报道。"})
  void aStoryParagraphWithOneDisclaimerPhraseStaysInsideTheStory(String paragraph) {
    assertEquals("[Story., " + paragraph + ", More story.]", stripped("Title", "<p>Story.</p><p>" + paragraph + "</p><p>More story.</p>"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"免责声明：本文转自网络，仅供参考。", "【特别声明】本文仅代表作者本人。", "版权声明：本文为原创，转载请注明出处。", "Disclaimer: this is not advice.",
      "(Disclaimer: the author holds no shares.)", "本文来自网络，版权归原作者所有，如有侵权请联系删除。"})
  void aLabelledDisclaimerOrOneWithTwoPhrasesGoesWhereverItIs(String disclaimer) {
    assertEquals("[Story., More story.]", stripped("Title", "<p>Story.</p><p>" + disclaimer + "</p><p>More story.</p>"));
  }

  @Test
  void aDisclaimerWithOnePhraseGoesAmongTheBoilerplateAtEitherEnd() {
    assertEquals("[正文。]", stripped("标题", "<p>正文。</p><p>本文版权归原作者所有。</p><p>责任编辑：张三</p>"), "behind a byline");
    assertEquals("[正文。]", stripped("标题", "<p>正文。</p><p>本文版权归原作者所有。</p><p><img src=\"x.png\"></p>"), "before an image");
    assertEquals("[正文。]", stripped("标题", "<p>标题</p><p>本站仅提供信息存储空间服务。</p><p>正文。</p>"), "after the title");
    assertEquals("[正文。, 法院认为版权归原作者所有。, 判决已生效。]",
        stripped("标题", "<p>正文。</p><p>法院认为版权归原作者所有。</p><p>判决已生效。</p><p>本文如有侵权请联系删除。</p>"), "only the run at the end");
  }

  /**
   * Share buttons, "follow us" lines and the QR code under them are the republishing site's, not
   * the story's: they went out to readers and partners, pointing at another site's account.
   */
  @Test
  void shareAndFollowUsLinesAtEitherEndGoWithTheQrCodeUnderThem() {
    Element body = Jsoup.parseBodyFragment("<p>分享到：微信 微博 QQ空间</p><p>正文第一段。</p><p><img src=\"https://a.example/photo.jpg\"></p>"
        + "<p>正文第二段。</p><p>更多精彩内容，欢迎扫码关注我们的公众号</p><p><img src=\"https://a.example/qr.jpg\"></p><p>责任编辑：张三</p>").body();
    Boilerplate.strip(body, "标题");
    assertEquals("<p>正文第一段。</p><p><img src=\"https://a.example/photo.jpg\"></p><p>正文第二段。</p>", body.html().replace("\n", ""));
    assertEquals("[正文。]", stripped("标题", "<p>正文。</p><p>点击上方蓝字关注我们</p>"));
    assertEquals("[Story.]", stripped("Title", "<p>Story.</p><p>Share this: Facebook Twitter Email</p><p>Follow us on Twitter and Instagram</p>"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"市民可扫描二维码报名参加活动。", "该账号已有十万人关注，分享到朋友圈的文章多为原创。", "Share prices fell 3% on the news."})
  void aStorysLastParagraphThatMentionsSharingOrQrCodesStays(String paragraph) {
    assertEquals("[Story., " + paragraph + "]", stripped("Title", "<p>Story.</p><p>" + paragraph + "</p>"));
  }

  /**
   * A feed's one-paragraph summary often ends with the republisher's disclaimer sentence: taken
   * for a disclaimer block, the whole story went and readers got an empty item. The body's only
   * block with text stays, unless it is a labelled disclaimer and nothing else.
   */
  @Test
  void aStoryInOneParagraphIsNotTakenWholeForItsDisclaimer() {
    String one = "国家发改委今日召开新闻发布会，介绍今年以来经济运行情况。本文来源于网络，如有侵权请联系删除。";
    assertEquals("[" + one + "]", stripped("标题", "<p>" + one + "</p>"));
    String two = "国家发改委今日召开新闻发布会。本站仅提供信息存储空间服务，如有侵权请联系删除。";
    assertEquals("[" + two + "]", stripped("标题", "<p>" + two + "</p><p><img src=\"https://a.example/x.png\"></p>"));
    assertEquals("[]", stripped("标题", "<p>免责声明：本文仅代表作者观点。</p>"), "a labelled disclaimer alone is no story");
  }

  /**
   * A summary feed's "read more" call went out as the story's last words ("…(阅读全文)", "Read
   * more"), pointing nowhere in a partner's page; the ellipsis that marks the cut stays.
   */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "<p>正文第一段。</p><p>第二段写到一半...(阅读全文)</p><p>特别声明:[标题] 该文观点仅代表作者本人,某网系信息发布平台,某网仅提供信息存储空间服务。</p>"
          + " | [正文第一段。, 第二段写到一半...]",
      "<p>正文。</p><p>第二段写到一半…… 查看全文&gt;&gt;</p> | [正文。, 第二段写到一半……]",
      "<p>正文第一段。</p><p><a href=\"https://a.example/1\">点击阅读全文</a></p> | [正文第一段。]",
      "<p>Para one.</p><p>The film was recognised on the global stage. Read more</p> | [Para one., The film was recognised on the global stage.]",
      "<p>Para one.</p><p>The minister said he was pleased. [...]</p> | [Para one., The minister said he was pleased.]",
      "<p>Para one.</p><p>The minister said he was [&#8230;]</p> | [Para one., The minister said he was…]",
      "<p>Para one.</p><p>Half a sentence… <a href=\"https://a.example/2\">Continue reading →</a></p> | [Para one., Half a sentence…]",
      "<p>Para one.</p><p>Para two. <a href=\"https://a.example/3\">(more…)</a></p> | [Para one., Para two.]",
  })
  void aReadMoreCallAtTheEndGoesAndTheEllipsisStays(String html, String expected) {
    assertEquals(expected, stripped("标题", html));
  }

  /**
   * The calls are looked for at the end of the last block only: a block of hundreds of thousands of
   * blanks between two words (a hostile feed) took minutes, as each search began with a run of
   * blanks at every position.
   */
  @Test
  void aLongRunOfBlanksInTheLastBlockIsSearchedInLinearTime() {
    String blanks = " ".repeat(200_000);
    String html = "<p>Story.</p><p>a" + blanks + "b" + blanks + "</p>";
    List<String> kept = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      Element body = Jsoup.parseBodyFragment(html).body();
      Boilerplate.strip(body, "标题", "https://a.example/news/7");
      return body.children().eachText();
    });
    assertEquals(List.of("Story.", "a b"), kept);
    assertEquals("[Story., Done.]", stripped("标题", "<p>Story.</p><p>Done. Read more" + blanks + "</p>"));
  }

  /**
   * WordPress feeds end each item with "The post … appeared first on …" and a link to the post in
   * the site's language ("Lue lisää…"): both went out under every story.
   */
  @Test
  void theSitesOwnFooterAndALinkToThePostItselfGo() {
    Element body = Jsoup.parseBodyFragment("<p>Kunnan tiedote julkaistiin tänään [...]</p><p><a href=\"https://a.example/news/7/\">Lue lisää…"
        + "<span> from Kunnan tiedote</span></a></p><p>The post <a href=\"https://a.example/news/7/\">Kunnan tiedote</a> first appeared on "
        + "<a href=\"https://a.example\">Example Town</a>.</p>").body();
    Boilerplate.strip(body, "Kunnan tiedote", "https://a.example/news/7/?utm_source=rss");
    assertEquals("[Kunnan tiedote julkaistiin tänään…]", body.children().eachText().toString());
    assertEquals("[Story.]", stripped("Title", "<p>Story.</p><p>The post Title appeared first on Example News.</p>"));
    // Renamed since: the link to the site, named as the footer names it, says what it is.
    Element renamed = Jsoup.parseBodyFragment("<p>Story.</p><p>The post <a href=\"https://a.example/news/7/\">Old title</a> appeared first on "
        + "<a href=\"https://a.example/\">A News</a>.</p><p></p>").body();
    Boilerplate.strip(renamed, "New title", "https://a.example/news/7/");
    assertEquals("[Story.]", renamed.children().eachText().toString());
  }

  /** A story's sentence can read like WordPress's footer: only the footer's shape, linking to the site or naming the post, goes. */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "<p>The post of prime minister first appeared on the agenda in 1990.</p><p>It was created in 1992.</p>",
      "<p>Parliament debated it for years.</p><p>The post of prime minister first appeared on the agenda in 1990.</p>",
      "<p>Parliament debated it for years.</p><p>The post of mayor first appeared on <a href=\"https://law.example/charter\">the city charter</a>.</p>",
      "<p>Parliament debated it.</p><p>The post of mayor first appeared on <a href=\"https://b.example/\">B News</a>.</p>",
      "<p>The post <a href=\"https://a.example/news/7/\">Budget</a> appeared first on <a href=\"https://a.example\">A News</a>.</p><p>Story.</p>"})
  void aStorySentenceShapedLikeTheWordPressFooterStays(String html) {
    Element body = Jsoup.parseBodyFragment(html).body();
    String before = body.children().eachText().toString();
    Boilerplate.strip(body, "Budget", "https://a.example/news/7/");
    assertEquals(before, body.children().eachText().toString());
  }

  @Test
  void aLastLinkToAnotherPageOrWithMoreTextStays() {
    String html = "<p>Story.</p><p><a href=\"https://a.example/report.pdf\">The full report</a></p>"
        + "<p>Read <a href=\"https://a.example/news/7\">our earlier story</a> on the budget.</p>";
    Element body = Jsoup.parseBodyFragment(html).body();
    String before = body.children().eachText().toString();
    Boilerplate.strip(body, "Title", "https://a.example/news/7");
    assertEquals(before, body.children().eachText().toString());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"<p>Story.</p><p>Teachers say children should read more</p>", "<p>Story.</p><p>专家建议读者阅读全文</p>",
      "<p>Story.</p><p>He wanted <b>more</b></p>", "<p>Story.</p><p>They gave us <a href=\"https://a.example/4\">more</a></p>"})
  void readMoreWordsInsideTheStoryStay(String html) {
    Element body = Jsoup.parseBodyFragment(html).body();
    String before = body.children().eachText().toString();
    Boilerplate.strip(body, "Title");
    assertEquals(before, body.children().eachText().toString());
  }

  /**
   * The read-more expression is tried only on a last line that holds one of its calls' words (it
   * has some to look for, in any case): most stories' last lines hold none.
   */
  @Test
  void theReadMoreCallIsLookedForOnlyWhereItsWordsAre() {
    assertFalse(ReadMoreTail.TAIL_REQUIRES.groups().isEmpty());
    assertFalse(ReadMoreTail.TAIL_REQUIRES.mayMatch(RequiredLiterals.fold("The harvest ended early. 今年的收成很好。")));
    for (String call : List.of("…(阅读全文)", "查看全文>>", "Done. READ MORE", "Half. Continue\treading →", "x. (more…)", "继续阅读")) {
      assertTrue(ReadMoreTail.TAIL_REQUIRES.mayMatch(RequiredLiterals.fold(call)), call);
    }
  }

  @Test
  void theDisclaimerPhrasesAreLookedForFirstAndNoneIsMissed() {
    assertTrue(Boilerplate.DISCLAIMER_REQUIRES != RequiredLiterals.NONE, "the expression's phrases are read off it");
    for (String disclaimer : List.of("特别声明：本文转载自网络", "免责声明", "本平台仅提供信息存储空间服务", "本站系信息发布平台", "不代表本网立场", "不代表本平台观点",
        "如有侵权请联系", "版权归原作者所有", "The views expressed are their own", "The Views Expressed Here Are The Authors Own",
        "this site only provides storage", "It does not necessarily reflect our views", "DOES NOT NECESSARILY REPRESENT")) {
      assertTrue(Boilerplate.isDisclaimer(disclaimer), disclaimer);
    }
    assertFalse(Boilerplate.DISCLAIMER_REQUIRES.mayMatch(RequiredLiterals.fold("an ordinary paragraph about the harvest")));
    assertFalse(Boilerplate.isDisclaimer("an ordinary paragraph about the harvest"));
  }
}
