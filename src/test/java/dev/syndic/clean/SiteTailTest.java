package dev.syndic.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SiteTailTest {

  private static final String FIRST = "<p>县里今天开镰收割早稻。</p>";

  private static String stripped(String html) {
    Element body = Jsoup.parseBodyFragment(html).body();
    Boilerplate.strip(body, "早稻开镰", "https://news.example.cn/a/1.html");
    return String.join(" / ", body.children().eachText());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiterString = " => ", value = {
      // a portal's call to comment, glued to the last sentence or on its own line
      "<p>预计亩产比去年高一成。我要评论</p> => 预计亩产比去年高一成。",
      "<p>预计亩产比去年高一成。(记者 王明) 我要评论</p> => 预计亩产比去年高一成。(记者 王明)",
      "<p>预计亩产比去年高一成。&nbsp;<a href=\"/c/1\">我要评论</a></p> => 预计亩产比去年高一成。",
      "<p>预计亩产比去年高一成。《晚报》供稿我要评论</p> => 预计亩产比去年高一成。《晚报》供稿",
      "<p>预计亩产比去年高一成。</p><p>[我来说两句]</p> => 预计亩产比去年高一成。",
      "<p>预计亩产比去年高一成。 发表评论 &gt;&gt;</p> => 预计亩产比去年高一成。",
      "<p>Yields are up a tenth.</p><p><a href=\"/a/1#respond\">Leave a comment</a></p> => Yields are up a tenth.",
      // the site's channels and its labelled notice, as portals end every story
      "<p>预计亩产比去年高一成。更多信息请访问：农业频道 农业论坛 农业博客圈特别说明：由于各方面情况的不断调整与变化，本网所提供的所有信息仅供参考，"
          + "敬请读者以权威部门公布的正式信息为准。</p> => 预计亩产比去年高一成。",
      "<p>预计亩产比去年高一成。</p><p>特别提示：本文内容仅供参考，不构成任何投资建议。</p> => 预计亩产比去年高一成。",
      "<p>预计亩产比去年高一成。更多精彩内容，请关注<a href=\"/farm\">三农频道</a></p> => 预计亩产比去年高一成。",
      "<p>预计亩产比去年高一成。 声明：本文仅代表作者本人观点，不代表本站立场。我要评论</p> => 预计亩产比去年高一成。",
      "<p>预计亩产比去年高一成。(农业论坛供稿 王明/文）声明：本网独家稿件，转载请注明出处。</p> => 预计亩产比去年高一成。(农业论坛供稿 王明/文）",
      "<p>预计亩产比去年高一成。王明/文声明：本网独家稿件，转载请注明出处。</p> => 预计亩产比去年高一成。王明/文",
      "<p>预计亩产比去年高一成。</p><p>【版权声明】：本文版权所有，未经许可不得转载。</p> => 预计亩产比去年高一成。",
      // a blog platform's links to the post and its trackback
      "<p>今天换了个博客。 (<a href=\"/p/1\">浏览全文</a>&nbsp; <a href=\"/tb/1\">引用此文</a>)</p> => 今天换了个博客。",
      "<p>今天换了个博客。 [阅读全文 | 评论(3) | 引用(0)]</p> => 今天换了个博客。",
  })
  void theSitesFurnitureLeavesTheStorysEnd(String last, String expected) {
    assertEquals("县里今天开镰收割早稻。 / " + expected, stripped(FIRST + last));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      // the words inside the story's sentences
      "<p>村委会主任拒绝发表评论。</p>",
      "<p>他说，网友评论大多是正面的，下一步将扩大种植面积。</p>",
      "<p>专家表示，以上数据仅供参考，各地应以实测为准。</p>",
      "<p>农业农村部在声明中说：今年的早稻收购价格仅供参考的说法不实。此前有传言称价格将下调。</p>",
      "<p>更多信息请访问县农业局网站。</p>",
      "<p>农业局当天发表声明：未经许可不得使用“五常大米”商标。</p>",
      "<p>特别说明：今年的补贴标准比去年提高了两成。</p>",
      "<p>Readers can leave a comment on the ministry's site until May.</p>",
      "<p>The article drew 40 comments (3 from farmers) and a reply from the minister.</p>",
  })
  void theStorysOwnLastWordsStay(String last) {
    String text = Jsoup.parseBodyFragment(last).body().text();
    assertEquals("县里今天开镰收割早稻。 / " + text, stripped(FIRST + last));
  }

  /** A hostile feed's megabyte of calls costs a few of them: each search reads a window at the end, and a few tails go at most. */
  @Test
  void aMegabyteOfCallsIsReadInBoundedTime() {
    String html = FIRST + "<p>" + "我要评论 ".repeat(200_000) + "</p>";
    String shown = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> stripped(html));
    assertTrue(shown.startsWith("县里今天开镰收割早稻。 / 我要评论"), shown.substring(0, 40));
  }

  /** Old blog platforms send lines between line breaks, not paragraphs. */
  @Test
  void aStoryNotInBlocksLosesItsTailToo() {
    Element body = Jsoup.parseBodyFragment("今天换了个博客<br><br><img src=\"https://blog.example.cn/u.gif\"><a href=\"https://new.example.cn/\">新地址</a> \t"
        + "(<a href=\"/p/1\">浏览全文</a>&nbsp; <a href=\"/tb/1\">引用此文</a>)").body();
    body.ownerDocument().outputSettings().prettyPrint(false);
    Boilerplate.strip(body, "搬家", null);
    assertEquals("今天换了个博客<br><br><img src=\"https://blog.example.cn/u.gif\"><a href=\"https://new.example.cn/\">新地址</a>", body.html());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiterString = " => ", value = {
      "<p>预计亩产比去年高一成。我要评论</p> => 预计亩产比去年高一成。",
      "<p>我要评论</p> => 我要评论",
  })
  void theOnlyBlockKeepsItsStory(String html, String expected) {
    assertEquals(expected, stripped(html));
  }
}
