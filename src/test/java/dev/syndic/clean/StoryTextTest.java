package dev.syndic.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
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
}
