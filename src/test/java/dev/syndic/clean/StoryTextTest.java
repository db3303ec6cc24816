package dev.syndic.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoryTextTest {

  /**
   * The texts are jsoup's, whichever way they are built: from the blocks (paragraphs with blanks,
   * no-break spaces and empty blocks between them, inside wrappers) or by {@code text()} of the
   * whole (text or inline elements beside the blocks, blanks kept by {@code <pre>} or CDATA at a
   * block's ends, where a block's own text trims them).
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "<p>One  two</p>\n<p> three </p><p></p><p><br></p>\t<h2>Four\u00A0</h2><ul><li>five</li><li>six</li></ul>",
      "<div>\n <div> <p>人工\n智能</p><p>『大模型』</p> </div>\n</div>",
      "<p>a</p>\u00A0<p>b</p>",
      "<p>a</p> loose text <p>b</p>",
      "<p>a</p><strong>b</strong><p>c</p>",
      "<p>a</p><br><p>c</p>",
      "<p>a <pre>  code\n  </pre></p><p>b</p>",
      "<pre>\n  indented\n</pre><p>b</p>",
      "<p><![CDATA[  kept  ]]></p><p>b</p>",
      "<p><img src=\"https://example.com/a.jpg\"></p><p>\u200Bb\u00AD</p><hr><figure><figcaption> c </figcaption></figure>",
      "",
      "just text"})
  void isWhatJsoupReads(String html) {
    Element body = Jsoup.parseBodyFragment(html).body();
    StoryText story = StoryText.of(body);
    Element root = Boilerplate.blocksOf(body);
    List<String> blocks = root.children().stream().map(Element::text).toList();
    assertEquals(body.text(), story.text());
    assertEquals(blocks, story.blocks());
  }

  /**
   * The blocks' texts the boilerplate's removal read are taken again only where they are still
   * the blocks': after empty markup and idle line breaks went (inside a block, between the blocks,
   * the story's wrapper left with one block and looked through) and texts changed, the story's
   * texts are those read afresh.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "<p>a <span> </span>b</p><p>c,d</p><p>e</p>",
      "<p><br>one<br><br><br>two<br></p><p>three</p><br>",
      "<div><p>one</p><p></p><p>two</p></div>",
      "<div><p>one</p><p>two</p></div><p>\u00A0</p>",
      "<span> </span><p>x,y</p><p>z</p>",
      "<p>人工智能,大模型</p><p>正文。</p><p>免责声明：本文仅代表作者观点,不代表本站立场。</p>",
      "<p>Title</p><p>One, two</p><p><a href=\"https://a.example/7\">Read more</a></p>"})
  void takesTheTextsOfUnchangedBlocks(String html) {
    Element body = Jsoup.parseBodyFragment(html).body();
    BlockTexts known = Boilerplate.strip(body, "Title", "https://a.example/7");
    EmptyMarkup.tidy(body, known::changing);
    for (TextNode t : body.getAllElements().stream().flatMap(e -> e.textNodes().stream()).toList()) {
      if (t.getWholeText().contains(",")) {
        known.changing(t);
        t.text(t.getWholeText().replace(",", "，"));
      }
    }
    assertEquals(StoryText.of(body), StoryText.of(body, known));
  }

  /**
   * The matched text built from the blocks' normalized texts is the title and the story's text
   * normalized as one, when every part is plain text and when one is not (a combining mark that
   * NFKC composes with the character before it, across blocks too; a ligature; a Traditional
   * character; invisible and blank characters at the blocks' ends; empty blocks; no title).
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "<p>One  two</p>\n<p> three </p><p></p><p><br></p>\t<h2>Four\u00A0</h2><ul><li>ＦＩＶＥ</li><li>六，七。</li></ul>",
      "<p>人工智能\u200B</p><p>\u200B機器學習</p><p>\u3000</p>",
      "<p>cafe</p><p>\u0301 accent</p>",
      "<p>e\u0301</p><p>ﬁne</p>",
      "<p>a</p> loose text <p>b</p>",
      "<p>x²</p><p>y</p>",
      "<div><p>only</p></div>",
      "",
      "just text"})
  void normalizesAsTheWholeText(String html) {
    for (String title : new String[] {"", "Title ＡＩ", "e\u0301", " \u200B "}) {
      StoryText story = StoryText.of(Jsoup.parseBodyFragment(html).body());
      StoryText.Normalized normalized = story.normalized(title);
      assertEquals(TextNormalizer.normalize(title + "\n" + story.text()), normalized.matchText(), title + " | " + html);
      StringBuilder core = new StringBuilder();
      story.blocks().forEach(block -> core.append(TextNormalizer.normalize(block)).append('\n'));
      assertEquals(story.blocks().isEmpty() ? TextNormalizer.normalize(story.text()) : core.toString().strip(), normalized.coreText());
    }
  }

  /** The same over random blocks of plain and other characters, blanks and invisible ones. */
  @Test
  void normalizesRandomBlocksAsTheWholeText() {
    String alphabet = "aZ 中國，。\u3000\u00A0\u200B\u00ADＡ１e\u0301ﬁ²\t\nİß";
    SplittableRandom random = new SplittableRandom(17);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder html = new StringBuilder();
      for (int b = random.nextInt(4); b > 0; b--) {
        html.append("<p>");
        for (int c = random.nextInt(6); c > 0; c--) {
          html.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        html.append("</p>");
      }
      String title = random.nextBoolean() ? "" : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length())));
      StoryText story = StoryText.of(Jsoup.parseBodyFragment(html.toString()).body());
      assertEquals(TextNormalizer.normalize(title + "\n" + story.text()), story.normalized(title).matchText(), title + " | " + html);
    }
  }
}
