package dev.syndic.parse;

import static dev.syndic.parse.ParseTesting.feed;
import static dev.syndic.parse.ParseTesting.titles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Broken feeds as they are found in the wild: repaired, read, and the repair recorded. */
class FeedParserRepairTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "whitespace-before-prolog.xml | 1 | 空白之后的条目 | dropped text before the first tag",
        "text-before-prolog.xml       | 1 | 文字垃圾之后 | dropped text before the first tag",
        "junk-before-prolog.xml       | 2 | 第一篇文章 | dropped text before the first tag",
        "notice-before-prefixed-atom.xml | 2 | Writing an RSS feed by hand | dropped text before the first tag",
        "notice-before-rdf-comment.xml | 1 | Read after the comment | dropped text before the first tag",
        "stray-ampersand.xml          | 2 | AT&T and R&D news | escaped stray '&'",
        "html-entities.xml            | 2 | Markets\u00a0rally \u2014 again | replaced HTML entities",
        "control-chars.xml            | 2 | Bell and vertical tab 控制字符 | removed characters XML forbids",
        "control-char-refs.xml        | 1 | Backspace and unit null | removed references to characters XML forbids",
        "surrogate-pair-refs.xml      | 1 | Launch day \uD83D\uDE80 | joined references to the two halves of a character",
        "undeclared-prefix.xml        | 2 | Undeclared prefixes | declared namespace prefixes [dc, content, foo]",
        "undeclared-rdf-prefix.xml    | 1 | Read although rdf is undeclared | declared namespace prefixes [rdf]",
        "undeclared-attribute-prefix.xml | 2 | First item | declared namespace prefixes [rdf]",
        "unclosed-tag.xml             | 3 | First survives | rebuilt an ill-formed document",
      })
  void brokenFeedsAreRepairedAndSaySo(String fixture, int entries, String firstTitle, String repair) {
    ParsedFeed feed = feed(fixture);

    assertEquals(entries, feed.entries().size(), () -> "titles: " + titles(feed));
    assertEquals(firstTitle, feed.entries().get(0).title());
    assertTrue(feed.repaired().stream().anyMatch(r -> r.startsWith(repair)), () -> "repairs: " + feed.repaired());
  }

  @Test
  void strayAmpersandsBecomeText() {
    ParsedFeed feed = feed("stray-ampersand.xml");

    assertEquals("Tom & Jerry's Feed", feed.title());
    assertEquals("http://amp.example.com/?a=1&b=2", feed.link());
    ParsedEntry first = feed.entries().get(0);
    assertEquals("http://amp.example.com/item?id=7&ref=rss", first.link());
    assertEquals("Fish & chips & already escaped & numeric & hex", first.summaryHtml());
    ParsedEntry second = feed.entries().get(1);
    assertEquals("CDATA keeps B&Q intact", second.title());
    assertEquals("Undefined &foo; entity", second.summaryHtml());
  }

  @Test
  void ampersandInAQueryStringIsNotMistakenForAnEntityBomb() {
    // The parser's complaint ("must end with the ';' delimiter") contains the word "limit".
    String rss =
        "<rss version=\"2.0\"><channel><title>q</title><link>http://q.example.com/</link><description>d</description>"
            + "<item><title>i</title><guid>q1</guid><link>http://q.example.com/read?id=1&page=2</link></item></channel></rss>";

    ParsedFeed feed = feed(rss.getBytes(StandardCharsets.UTF_8), null);

    assertEquals("http://q.example.com/read?id=1&page=2", feed.entries().get(0).link());
    assertEquals(List.of("escaped stray '&'"), feed.repaired());
  }

  @Test
  void htmlEntitiesBecomeCharactersAndCdataIsLeftAlone() {
    ParsedFeed feed = feed("html-entities.xml");

    assertEquals("Entities\u00a0Weekly", feed.title());
    assertEquals("© 2026 «quoted» … été <b>kept</b>", feed.entries().get(0).summaryHtml());
    assertEquals("R&D in CDATA", feed.entries().get(1).title());
    assertEquals(List.of("replaced HTML entities"), feed.repaired());
  }

  @Test
  void controlCharactersAreRemovedFromEveryField() {
    ParsedFeed feed = feed("control-chars.xml");

    assertEquals("Control characters", feed.title());
    assertEquals("NUL byte and unit separator", feed.entries().get(0).summaryHtml());
    assertEquals("Clean title", feed.entries().get(1).title());
    assertEquals(List.of("removed characters XML forbids"), feed.repaired());
  }

  /**
   * XML 1.1 allows references to control characters (&#1;), which the parser then hands to JDOM,
   * whose text is XML 1.0's: it threw, the parser's "never throws" broke, and the poll was recorded
   * as an internal error of Syndic's at every poll, the feed never read.
   */
  @Test
  void referencesToControlCharactersInAnXml11FeedAreRemoved() {
    String xml = "<?xml version=\"1.1\"?><rss version=\"2.0\"><channel><title>T</title><link>http://example.com/</link>"
        + "<description>d</description><item><title>Bell&#7; and start&#x1;</title><link>http://example.com/a</link></item></channel></rss>";

    ParsedFeed feed = feed(xml.getBytes(StandardCharsets.UTF_8), null);

    assertEquals(List.of("Bell and start"), titles(feed));
    assertEquals(List.of("removed references to characters XML forbids"), feed.repaired());
  }

  @Test
  void undeclaredPrefixesAreDeclaredSoTheirModulesAreRead() {
    ParsedEntry first = feed("undeclared-prefix.xml").entries().get(0);

    assertEquals("李华", first.author());
    assertEquals("<p>Full text</p>", first.contentHtml());
    assertEquals("ns-1", first.guid());
  }

  @Test
  void unclosedTagsStillYieldTheEntries() {
    ParsedFeed feed = feed("unclosed-tag.xml");

    assertEquals(List.of("First survives", "Second survives", "Third is cut off"), titles(feed));
    assertEquals("u-1", feed.entries().get(0).guid());
    assertEquals("http://unclosed.example.com/2", feed.entries().get(1).link());
    assertTrue(feed.entries().get(0).summaryHtml().startsWith("Has an <b>unclosed bold"), feed.entries().get(0).summaryHtml());
  }

  @Test
  void severalBreakagesAtOnce() {
    String rss =
        "\n\n<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>All at once\u0001</title>"
            + "<link>http://all.example.com/?x=1&y=2</link><description>&copy; 2026</description>"
            + "<item><title>Q&A&nbsp;time</title><dc:creator>张三</dc:creator><guid>all-1</guid>"
            + "<description><![CDATA[<p>AT&T</p>]]></description></item></channel></rss>";

    ParsedFeed feed = feed(rss.getBytes(StandardCharsets.UTF_8), null);

    assertEquals("All at once", feed.title());
    ParsedEntry e = feed.entries().get(0);
    assertEquals("Q&A\u00a0time", e.title());
    assertEquals("张三", e.author());
    assertEquals("<p>AT&T</p>", e.summaryHtml());
    assertEquals(
        List.of("dropped text before the first tag", "removed characters XML forbids", "escaped stray '&'", "replaced HTML entities", "declared namespace prefixes [dc]"),
        feed.repaired());
  }

  @Test
  void aCommentHoldingTwoDashesNoLongerSinksTheFeed() {
    // XML forbids "--" inside a comment, and the rebuilt document wrote the comment back as it was.
    String rss =
        "<rss version=\"2.0\"><channel><title>Dashes</title><link>http://d.example.com/</link><description>d</description>"
            + "<!-- items -- generated --><item><title>Kept</title><guid>d1</guid></item></channel></rss>";

    ParsedFeed feed = feed(rss.getBytes(StandardCharsets.UTF_8), null);

    assertEquals(List.of("Kept"), titles(feed));
    assertTrue(feed.repaired().get(0).startsWith("rebuilt an ill-formed document"), () -> "repairs: " + feed.repaired());
  }
}
