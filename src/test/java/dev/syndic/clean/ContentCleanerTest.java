package dev.syndic.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentCleanerTest {

  private static final String BASE = "https://news.example.cn/2024/05/story.html";

  private final ContentCleaner cleaner = new ContentCleaner();

  private String html(String body) {
    return cleaner.clean("t", body, BASE).html();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "<p>hi</p><script>alert(1)</script>                          | <p>hi</p>",
        "<p>hi<script src=\"https://evil.example/x.js\"></script></p> | <p>hi</p>",
        "<style>p{color:red}</style><p>hi</p>                        | <p>hi</p>",
        "<p>hi</p><iframe src=\"https://evil.example/\"></iframe>     | <p>hi</p>",
        "<p onclick=\"steal()\" onmouseover=\"x()\">hi</p>           | <p>hi</p>",
        "<img src=\"https://img.example.cn/a.png\" onerror=\"x()\">  | <img src=\"https://img.example.cn/a.png\">",
        "<p style=\"position:fixed\">hi</p>                          | <p>hi</p>",
        "<form action=\"/steal\"><input name=\"q\"></form><p>hi</p>  | <p>hi</p>",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\"><p>hi</p> | <p>hi</p>",
        "<svg onload=\"x()\"><circle/></svg><p>hi</p>                 | <p>hi</p>",
      })
  void removesActiveContent(String dirty, String expected) {
    assertEquals(expected, html(dirty));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "  javascript:alert(1)",
        "java&#x09;script:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
      })
  void dropsScriptUrlsButKeepsTheLinkText(String href) {
    assertEquals("<a rel=\"nofollow noopener\">click</a>", html("<a href=\"" + href + "\">click</a>"));
  }

  /**
   * A podcast's episode or a story's clip is content: it was dropped with the element. It stays
   * with its sources made absolute and the reader's controls, without autoplay, looping, event
   * handlers or styles; a source that is not a web address goes, and a player left with none goes.
   */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "<video src=\"/media/clip.mp4\" poster=\"img/poster.jpg\" width=\"640\" autoplay muted loop onplay=\"x()\" style=\"top:0\"></video>"
            + " | <video src=\"https://news.example.cn/media/clip.mp4\" poster=\"https://news.example.cn/2024/05/img/poster.jpg\" width=\"640\" controls=\"controls\"></video>",
        "<audio src=\"https://cdn.example.cn/ep1.mp3\" autoplay preload=\"auto\"></audio> | <audio src=\"https://cdn.example.cn/ep1.mp3\" controls=\"controls\"></audio>",
        "<video><source src=\"clip.webm\" type=\"video/webm\"><source src=\"javascript:alert(1)\">视频</video>"
            + " | <video controls=\"controls\"><source src=\"https://news.example.cn/2024/05/clip.webm\" type=\"video/webm\">视频</video>",
        "<p>x</p><video src=\"javascript:alert(1)\" poster=\"data:image/png;base64,AA\"></video><audio><source src=\"data:audio/mp3;base64,AA\"></audio> | <p>x</p>",
      })
  void audioAndVideoStayWithControlsAndAbsoluteSources(String media, String kept) {
    assertEquals(kept, html(media));
  }

  @Test
  void anImageWhoseScriptUrlIsDroppedGoesWithIt() {
    assertEquals("<p>x</p>", html("<p>x</p><img src=\"javascript:alert(1)\" alt=\"x\">"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // WeChat and its republications: no src at all
        "<img data-src=\"https://mmbiz.qpic.cn/mmbiz_jpg/abc/640\" data-type=\"jpeg\"> | https://mmbiz.qpic.cn/mmbiz_jpg/abc/640",
        // a data: URI or a known blank image stands in until the script swaps it
        "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" data-original=\"/pics/a.jpg\">  | https://news.example.cn/pics/a.jpg",
        "<img src=\"/static/images/blank.gif\" data-lazy-src=\"https://cdn.example.net/b.png\"> | https://cdn.example.net/b.png",
        "<img src=\"https://a.example/img/1x1.png?v=2\" data-src=\"c.webp\">                    | https://news.example.cn/2024/05/c.webp",
        "<img src=\"   \" data-actualsrc=\"https://pic.example.com/d.jpg\">                     | https://pic.example.com/d.jpg",
        // the first lazy attribute that holds an address
        "<img data-src=\"data:image/png;base64,AAAA\" data-original=\"https://a.example/e.jpg\"> | https://a.example/e.jpg",
        // only a source set (responsive images, lazy or not): its largest candidate
        "<img srcset=\"https://a.example/s.jpg 480w, https://a.example/l.jpg 1200w, https://a.example/m.jpg 800w\"> | https://a.example/l.jpg",
        "<img src=\"data:image/gif;base64,R0lG\" data-srcset=\"/pics/f.jpg, /pics/f@2x.jpg 2x\">         | https://news.example.cn/pics/f@2x.jpg",
        "<img srcset=\"https://cdn.example/w_300,h_200/g.jpg\">                                          | https://cdn.example/w_300,h_200/g.jpg",
        // a real src stays, whatever the data attributes say
        "<img src=\"https://a.example/low.jpg\" data-src=\"https://a.example/high.jpg\">        | https://a.example/low.jpg",
      })
  void lazyLoadedImagesKeepTheirSource(String img, String src) {
    assertEquals("<p>图：</p><img src=\"" + src + "\">", html("<p>图：</p>" + img));
  }

  @Test
  void anImageWithNoSourceLeftIsDropped() {
    assertEquals("<p>图：</p>", html("<p>图：</p><img data-src=\"javascript:alert(1)\"><img src=\"data:image/gif;base64,R0lGOD\">"));
  }

  /** Content sites put emoji after Chinese words; they went out inside the story's sentences. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "<p>美元\uD83D\uDCB5走强，中国\uD83C\uDDE8\uD83C\uDDF3人民和学生\uD83C\uDF93们</p> | <p>美元走强，中国人民和学生们</p>",
      "<p>工人罢工\uFE0F，要求加薪</p>                                                           | <p>工人罢工，要求加薪</p>",
      "<p>申请『加入北约』\uFE0F受阻</p>                                                         | <p>申请加入北约受阻</p>",
      "<p>农民\uD83D\uDC68\u200D\uD83C\uDF3E无法返乡</p>                                        | <p>农民无法返乡</p>",
      "<p>A great day \uD83D\uDE00</p><p>今天，\uD83D\uDE00</p><p>版权所有©2024</p>          | <p>A great day \uD83D\uDE00</p><p>今天，\uD83D\uDE00</p><p>版权所有©2024</p>",
      "<p>北京↔上海高铁，价格⬆，五星★级，祝贺㊗</p>                                                 | <p>北京↔上海高铁，价格⬆，五星★级，祝贺㊗</p>",
      "<p>天气晴☀\uFE0F适合出行</p>                                                           | <p>天气晴适合出行</p>",
  })
  void emojiAfterChineseWordsGoAndOthersStay(String dirty, String kept) {
    assertEquals(kept, html(dirty));
  }

  @Test
  void emojiAfterChineseWordsGoFromTheTitleToo() {
    assertEquals("美元走强", cleaner.clean("美元\uD83D\uDCB5走强", "<p>正文。</p>", BASE).title());
  }

  /** Content sites turn Chinese punctuation half-width ("住建部:完善"); readers and partners got it so. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "<p>今天,我国宣布:新政策;你知道吗?好!</p>            | <p>今天，我国宣布：新政策；你知道吗？好！</p>",
      "<p>他说:“我们很高兴”,随后离开。</p>                | <p>他说：“我们很高兴”，随后离开。</p>",
      "<p>会议于10:30开始,AI:大模型,3,000元,OK!</p>      | <p>会议于10:30开始,AI:大模型,3,000元,OK!</p>",
      "<p>Hello, world: fine; yes? no!</p>             | <p>Hello, world: fine; yes? no!</p>",
      "<pre>print(\"你好,世界!\")</pre>                  | <pre>print(\"你好,世界!\")</pre>",
      "<p>运行 <code>你好,世界</code> 即可。</p>            | <p>运行 <code>你好,世界</code> 即可。</p>",
  })
  void halfWidthPunctuationBetweenChineseWordsTurnsFullWidth(String dirty, String kept) {
    assertEquals(kept, html(dirty));
  }

  @Test
  void halfWidthPunctuationInAChineseTitleTurnsFullWidth() {
    assertEquals("住建部：完善持有环节税收", cleaner.clean("住建部:完善持有环节税收", "<p>正文。</p>", BASE).title());
  }

  /** Empty paragraphs, the frame an embed was cleaned out of and runs of line breaks showed as gaps. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "<p>一。</p><p></p><p>&nbsp;</p><div><iframe src=\"https://v.example/e/1\"></iframe></div><p>二。</p> | <p>一。</p><p>二。</p>",
      "<p>一。</p><p><br></p><p><strong> </strong></p><p>二。</p>                                        | <p>一。</p><p>二。</p>",
      "<p>Two<em> </em>words<span></span>.</p>                                                         | <p>Two words.</p>",
      "<p><br>一。<br><br><br><br>二。<br></p>                                                           | <p>一。<br><br>二。</p>",
      "<div><a href=\"https://a.example/1\"><span></span></a></div><p>一。</p>                          | <p>一。</p>",
  })
  void emptyElementsAndIdleLineBreaksGo(String dirty, String kept) {
    assertEquals(kept, html(dirty));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"<p>一。</p><p><img src=\"https://a.example/a.png\"></p>", "<p>一。<br>二。</p>", "<p>一。<br><br>二。</p>",
      "<table><tbody><tr><td></td><td>二</td></tr></tbody></table>", "<pre>一\n\n\n二</pre>", "<p>一。</p><hr><p>二。</p>",
      "<div>一。</div><div><br></div><div>二。</div>", "一<div></div>二"})
  void elementsWithSomethingToSeeAndBreaksThatEndLinesStay(String body) {
    assertEquals(body, html(body));
  }

  /** FeedBurner's and mailers' one-pixel images went out in every item: each reader's visit reported. */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"<img src=\"http://feeds.feedburner.com/~r/blog/~4/abc\" height=\"1\" width=\"1\" alt=\"\">",
      "<img src=\"https://t.example/open.gif\" width=\"0\" height=\"0\">", "<img src=\"https://t.example/p.gif\" width=\"1px\" height=\"1px\">",
      "<img src=\"https://t.example/p.gif\" width=\"1\">", "<img src=\"https://t.example/p.gif\" height=\" 1 \">"})
  void aTrackingPixelIsDropped(String img) {
    assertEquals("<p>图：</p>", html("<p>图：</p>" + img));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"<img src=\"https://a.example/a.png\" width=\"10\" height=\"1\">", "<img src=\"https://a.example/a.png\" width=\"100\">",
      "<img src=\"https://a.example/a.png\" width=\"12\" height=\"10\">", "<img src=\"https://a.example/a.png\">"})
  void anImageOfAnyOtherSizeStays(String img) {
    assertEquals("<p>图：</p>" + img, html("<p>图：</p>" + img));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/about                          | https://news.example.cn/about",
        "other.html                      | https://news.example.cn/2024/05/other.html",
        "../04/old.html?id=3             | https://news.example.cn/2024/04/old.html?id=3",
        "//cdn.example.net/x.html        | https://cdn.example.net/x.html",
        "https://elsewhere.example/a     | https://elsewhere.example/a",
        "#comments                       | https://news.example.cn/2024/05/story.html#comments",
      })
  void makesLinksAbsoluteAgainstTheBase(String href, String absolute) {
    assertEquals(
        "<a href=\"" + absolute + "\" rel=\"nofollow noopener\">x</a>", html("<a href=\"" + href + "\">x</a>"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "img/photo.jpg         | https://news.example.cn/2024/05/img/photo.jpg",
        "/static/logo.png      | https://news.example.cn/static/logo.png",
        "//img.example.net/a.gif | https://img.example.net/a.gif",
      })
  void makesImagesAbsoluteAgainstTheBase(String src, String absolute) {
    assertEquals("<img src=\"" + absolute + "\" alt=\"图\">", html("<img src=\"" + src + "\" alt=\"图\">"));
  }

  @Test
  void relativeUrlsWithoutABaseAreDroppedNotLeftDangling() {
    assertEquals(
        "<a rel=\"nofollow noopener\">x</a><a href=\"https://a.example/z\" rel=\"nofollow noopener\">z</a>",
        cleaner.clean("t", "<a href=\"/x\">x</a><img src=\"y.png\" alt=\"y\"><a href=\"https://a.example/z\">z</a>", null).html());
  }

  @Test
  void keepsOrdinaryMarkup() {
    String body =
        "<h2>小标题</h2><p>正文<strong>加粗</strong><em>斜体</em></p><ul><li>一</li></ul>"
            + "<blockquote>引用</blockquote><figure><img src=\"https://a.example/i.png\"><figcaption>说明</figcaption></figure>";

    assertEquals(body, html(body));
  }

  /**
   * Feeds often wrap a whole story in one container ({@code <div class="entry-content">}): its
   * blocks are the story's blocks. Judged as one block, a short story with a disclaimer at its end
   * was dropped whole, and in a longer one the repeated title, the byline, the disclaimer and the
   * "猜你喜欢" list all went out.
   */
  @Test
  void boilerplateInsideTheStorysContainerGoesAndTheStoryStays() {
    String story = "<p>中国人民银行今日宣布下调存款准备金率0.5个百分点。</p>";
    String body = "<div class=\"entry-content\"><div><p>央行宣布降准</p><p>来源：新华社</p>" + story
        + "<p>本文如有侵权请联系删除。</p><p>猜你喜欢</p><ul><li><a href=\"https://news.example.cn/x\">别的故事</a></li></ul></div></div>";

    CleanedEntry e = cleaner.clean("央行宣布降准", body, BASE);

    assertEquals("<div><div>" + story + "</div></div>", e.html());
    assertEquals("中国人民银行今日宣布下调存款准备金率0.5个百分点。", e.coreText());
    String longer = "<div>" + story + "<p>此举将释放长期资金约1万亿元。</p><p>相关阅读</p><p><a href=\"https://news.example.cn/y\">又一个故事</a></p></div>";
    assertEquals("<div>" + story + "<p>此举将释放长期资金约1万亿元。</p></div>", cleaner.clean("央行宣布降准", longer, BASE).html());
  }

  /**
   * 『』 that content sites wrap around a headline's keywords left the body but stayed in the title,
   * the part of an item every reader and partner shows; in a title that quotes with 「」 they are
   * the inner quotation marks and stay.
   */
  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "『大模型』价格战再升级，『推理成本』降九成 | 大模型价格战再升级，推理成本降九成",
        "院長：「這部『人工智慧基本法』很重要」       | 院長：「這部『人工智慧基本法』很重要」",
        // Japanese marks a name with them
        "国産RSSリーダー『NewsGlue』                 | 国産RSSリーダー『NewsGlue』",
        "『大模型』の价格战再升级                     | 大模型の价格战再升级",
      })
  void decorativeBracketsLeaveTheTitleToo(String title, String shown) {
    assertEquals(shown, cleaner.clean(title, "<p>正文。</p>", BASE).title());
  }

  /** A feed that escaped its CDATA wrapper with the HTML sends the wrapper as the body's text: the HTML inside is the story. */
  @Test
  void htmlInsideAnEscapedCdataWrapperIsTheStorysHtml() {
    assertEquals("<p>Escaped <b>wrapper</b></p>", cleaner.clean("T", " <![CDATA[<p>Escaped <b>wrapper</b></p>]]>\n", BASE).html());
    assertEquals("<p>Code: <code>a[b[0]]&gt;c</code></p>", cleaner.clean("T", "<p>Code: <code>a[b[0]]&gt;c</code></p>", BASE).html());
  }

  @Test
  void aJapaneseBodyKeepsTheBracketsAroundAName() {
    String body = "<p>アメリカではハイビジョンWMV9データを収録した『ターミネーター2』のDVDが登場</p>";

    assertEquals(body, cleaner.clean("DVDにWMVデータ", body, BASE).html());
  }

  @Test
  void plainTitleComesFromHtmlTitle() {
    CleanedEntry e = cleaner.clean("  <b>OpenAI</b> &amp; 微软 <script>alert(1)</script>宣布合作 ", "", BASE);

    assertEquals("OpenAI & 微软 宣布合作", e.title());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "AT&amp;T cuts prices      | AT&T cuts prices",
        "AT&T cuts prices          | AT&T cuts prices",
        "5 &lt; 6, says maths      | 5 < 6, says maths",
        "Q&amp;A: &quot;AI&quot;   | Q&A: \"AI\"",
        "'  spaced   out  '        | spaced out",
      })
  void titleEntitiesAreDecodedAndWhitespaceCollapsed(String raw, String plain) {
    assertEquals(plain, cleaner.clean(raw, null, BASE).title());
  }

  @Test
  void textAndMatchTextAreDerivedFromTheCleanedContent() {
    CleanedEntry e =
        cleaner.clean("大模型<i>發布</i>", "<p>ＡＩ 新進展</p><script>var secret = 1;</script><p>Second   para</p>", BASE);

    assertEquals("大模型發布", e.title());
    assertEquals("ＡＩ 新進展 Second para", e.text());
    assertEquals("大模型发布 ai 新进展 second para", e.matchText());
    assertFalse(e.html().contains("secret"), e.html());
  }

  @Test
  void nullInputsGiveEmptyValues() {
    CleanedEntry e = cleaner.clean(null, null, null);

    assertEquals("", e.title());
    assertEquals("", e.html());
    assertEquals("", e.text());
    assertEquals("", e.matchText());
    assertEquals("en", e.language());
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "国产大模型密集发布                                    | zh",
        "OpenAI发布新一代推理模型                              | zh",
        "深度求索发布 DeepSeek-V3，性能对标 GPT-4o             | zh",
        "機器學習改變醫療                                      | zh",
        "国産RSSリーダー『NewsGlue』                           | ja",
        "アメリカでは新しいDVDが登場しました                   | ja",
        "東京の株式市場で日経平均が大幅に続落した              | ja",
        "小明の日记                                            | zh",
        "《ポケモン》新作今日在国内发布，中文版由国内公司代理发行 | zh",
        // a kana or two and no Chinese character is no Chinese: a shrug, a reply "OK ツ"
        "¯\\_(ツ)_/¯                                            | en",
        "OK ツ                                                  | en",
        "The AI boom continues across the industry            | en",
        "Interview with 李飞飞 on the future of artificial intelligence research | en",
        "12345 !!!                                              | en",
      })
  void detectsLanguage(String title, String language) {
    assertEquals(language, cleaner.clean(title, "", BASE).language());
  }

  @Test
  void detectsLanguageFromTitleAndBodyTogether() {
    assertEquals("zh", cleaner.clean("DeepSeek", "<p>深度求索今天发布了新的开源模型</p>", BASE).language());
    assertEquals("en", cleaner.clean("深度求索", "<p>The Chinese lab released a new open model today, again.</p>", BASE).language());
  }

  @Test
  void languageIsIndependentOfDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr"));
      assertEquals("title", cleaner.clean("TITLE", "", BASE).matchText());
    } finally {
      Locale.setDefault(saved);
    }
  }

  @org.junit.jupiter.api.Test
  void codePointsHtmlForbidsAreDropped() {
    var c = new ContentCleaner().clean("Title\u0085 here", "<p>isn\u00e2\u0080\u0099t\u009d ok\u0007\ufffe</p>", "https://example.com/");
    assertEquals("Title here", c.title());
    assertEquals("<p>isn\u00e2t ok</p>", c.html());
  }

  /** A megabyte "title" went out twice in every item it reached; a title is cut at 500 characters. */
  @Test
  void anOverlongTitleIsCutAndMarked() {
    String huge = "标题".repeat(300_000) + "end";
    String title = cleaner.clean(huge, "<p>Body.</p>", null).title();
    assertEquals(ContentCleaner.MAX_TITLE + 1, title.length());
    assertEquals("标题".repeat(ContentCleaner.MAX_TITLE / 2) + "…", title);
    String astral = "a" + "😀".repeat(400);
    String cut = ContentCleaner.shortened(astral);
    assertFalse(Character.isHighSurrogate(cut.charAt(cut.length() - 2)), "no half of a surrogate pair is left");
    assertEquals("Short title", cleaner.clean("Short title", "<p>Body.</p>", null).title());
  }

  /** A right-to-left override in a title makes "invoice\u202Egpj.exe" read as "invoiceexe.jpg" in a list. */
  @Test
  void bidirectionalControlsLeaveTitlesButRightToLeftMarksStay() {
    assertEquals("invoicegpj.exe", cleaner.clean("invoice\u202Egpj.exe", "<p>Body.</p>", null).title());
    assertEquals("a b c", cleaner.clean("a \u2066b\u2069 \u202Bc\u202C", "<p>Body.</p>", null).title());
    assertEquals("שלום\u200F world", cleaner.clean("שלום\u200F world", "<p>Body.</p>", null).title());
  }

  /** A publisher's hard-wrapped Chinese is one text: 人工智能 stays one word for the term lists, search and duplicates. */
  @Test
  void lineBreaksInsideChineseAreNoSpaces() {
    CleanedEntry c = cleaner.clean("人工\n智能的新进展", "<p>国产人工\n  智能芯片，\n今年产能翻番。\nAI chips\nship soon.</p><pre>代码\n保留</pre>", BASE);
    assertEquals("人工智能的新进展", c.title());
    assertTrue(c.text().contains("国产人工智能芯片，今年产能翻番。"), c.text());
    assertTrue(c.text().contains("AI chips ship soon."), "between Latin words a line break is a space: " + c.text());
    assertTrue(c.html().contains("<pre>代码\n保留</pre>"), "preformatted text keeps its lines: " + c.html());
    assertTrue(c.matchText().contains("人工智能芯片"), c.matchText());
  }
}
