package dev.syndic.parse;

import static dev.syndic.parse.ParseTesting.feed;
import static dev.syndic.parse.ParseTesting.titles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Feeds whose elements are misplaced, misnamed or written unescaped: each used to lose entries, or
 * the words of a field, without a word in the fetch log. Every entry is read, with its own title
 * and link, and the repair is said.
 */
class FeedParserShapeTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing-item-end.xml                 | 早上的新闻, Second item, Third item, Fourth item | moved entries out of where the document left them",
        "items-after-channel.xml              | Inside the channel, After the channel, Also after the channel | moved entries out of where the document left them",
        "rss10-channel-unclosed.xml           | First RDF item, Second RDF item | moved entries out of where the document left them",
        "element-case.xml                     | Capitalized item, End tag in another case, Third item | read element names written in another case",
        "atom-no-namespace.xml                | First entry, Second entry | read an Atom feed that does not declare the Atom namespace",
        "atom-xhtml-content-unclosed.xml      | First entry, Second entry | moved entries out of where the document left them",
        "warning-after-root.xml               | First item, Second item | rebuilt an ill-formed document",
        "atom-twice.xml                       | In the first copy, In the second copy | moved entries out of where the document left them",
        "atom-link-unclosed.xml               | First entry, Second entry | moved fields out of a link or category that was never closed",
        "rss-without-channel.xml              | First item, Second item | read an <rss> that has no <channel>",
        "rdf-without-channel.xml              | First RDF item without a channel, Second RDF item without a channel | read an <rdf:RDF> that has no <channel>",
        "channel-root.xml                     | First item | read a channel that is not inside <rss>",
        "repeated-declaration.xml             | Declared twice | dropped a malformed or repeated XML declaration",
        "notice-before-root.xml               | Read after the notice | dropped text before the first tag",
        "comment-before-undeclared-prefix.xml | Creator in Dublin Core | declared namespace prefixes [dc]",
        "unclosed-cdata.xml                   | Open section & more, Second item | closed CDATA sections left open",
      })
  void everyEntryIsReadWithItsOwnTitleAndLink(String fixture, String expectedTitles, String repair) {
    ParsedFeed feed = feed(fixture);

    assertEquals(List.of(expectedTitles.split(", ")), titles(feed));
    for (int i = 0; i < feed.entries().size(); i++) {
      assertTrue(feed.entries().get(i).link().endsWith("/" + (i + 1)), feed.entries().get(i).link());
    }
    assertTrue(feed.repaired().stream().anyMatch(r -> r.startsWith(repair)), () -> "repairs: " + feed.repaired());
  }

  @Test
  void fieldsOfAnItemLeftOpenStayWithIt() {
    List<ParsedEntry> entries = feed("missing-item-end.xml").entries();

    assertEquals(List.of("ends-1", "ends-2", "ends-3", "ends-4"), entries.stream().map(ParsedEntry::guid).toList());
    assertEquals("This item is never closed", entries.get(0).summaryHtml());
  }

  @Test
  void elementsInAnotherCaseAreReadLikeTheirLowerCaseSelves() {
    ParsedEntry first = feed("element-case.xml").entries().get(0);

    assertEquals(Instant.parse("2026-03-02T10:00:00Z"), first.published());
  }

  @Test
  void atomWithoutItsNamespaceIsReadAsAtom() {
    ParsedFeed feed = feed("atom-no-namespace.xml");

    assertEquals("http://nons.example.com/", feed.link());
    assertEquals("urn:nons:1", feed.entries().get(0).guid());
    assertEquals("One", feed.entries().get(0).summaryHtml());
    assertEquals(Instant.parse("2026-03-01T10:00:00Z"), feed.entries().get(1).updated());
  }

  @Test
  void aPrefixIsDeclaredOnTheRootNotInACommentBeforeIt() {
    assertEquals("王芳", feed("comment-before-undeclared-prefix.xml").entries().get(0).author());
  }

  @Test
  void aCdataSectionLeftOpenEndsWithItsElement() {
    ParsedEntry first = feed("unclosed-cdata.xml").entries().get(0);

    assertEquals("<p>Closed section</p>", first.summaryHtml());
  }

  @Test
  void unescapedHtmlInAFieldIsItsHtmlNotLost() {
    ParsedFeed feed = feed("unescaped-html.xml");

    ParsedEntry entry = feed.entries().get(0);
    assertEquals("<b>Breaking</b> news", entry.title());
    assertEquals("<p>First <em>paragraph</em></p><p>Second paragraph</p>", entry.summaryHtml());
    assertEquals(List.of("read HTML that was not escaped as the field's text"), feed.repaired());
    // HTML's elements that share a name with a feed's (li, source, summary) stay in the HTML:
    // moved out as the entry's fields, the list lost its items.
    assertEquals("<p>Intro</p><ul><li>One</li><li>Two</li></ul><video controls=\"controls\"><source src=\"http://html.example.com/v.mp4\" /></video>"
        + "<details><summary>More</summary>Detail</details>", feed.entries().get(1).summaryHtml());
  }

  @Test
  void unescapedHtmlThatIsNotXmlIsReadToo() {
    ParsedFeed feed = feed("unescaped-html-unclosed.xml");

    assertEquals(List.of("Italic title", "Second"), feed.entries().stream().map(e -> Jsoup.parse(e.title()).text()).toList());
    assertEquals("Line one line two", Jsoup.parse(feed.entries().get(0).summaryHtml()).text());
    assertEquals("http://void.example.com/1", feed.entries().get(0).link());
  }

  @Test
  void anUnescapedLessThanSignCostsNoEntry() {
    ParsedFeed feed = feed("unescaped-less-than.xml");

    assertEquals(List.of("Trailer", "Prices 5"), feed.entries().stream().map(e -> Jsoup.parse(e.title()).text()).toList());
    assertEquals(List.of("One", "Two"), feed.entries().stream().map(ParsedEntry::summaryHtml).toList());
    assertEquals("http://lt.example.com/2", feed.entries().get(1).link());
  }

  @Test
  void anXhtmlTitleLeftOpenKeepsItsMarkupAndGivesBackTheEntrysFields() {
    ParsedFeed feed = feed("atom-xhtml-title-unclosed.xml");

    ParsedEntry first = feed.entries().get(0);
    assertEquals("An XHTML title", Jsoup.parse(first.title()).text());
    assertEquals("urn:xt:1", first.guid());
    assertEquals("http://xt.example.com/1", first.link());
    assertEquals("Summary text", Jsoup.parse(first.summaryHtml()).text());
    assertEquals("Second entry", feed.entries().get(1).title());
  }

  @Test
  void theFieldsAfterAnAtomLinkLeftOpenAreRead() {
    ParsedFeed feed = feed("atom-link-unclosed.xml");

    assertEquals(List.of("The summary after an unclosed link", "Also read"), feed.entries().stream().map(ParsedEntry::summaryHtml).toList());
    assertEquals(List.of("urn:links:1", "urn:links:2"), feed.entries().stream().map(ParsedEntry::guid).toList());
    assertEquals(List.of("news"), feed.entries().get(1).tags());
  }

  @Test
  void anEntryQuotedInContentOfAnXmlTypeStaysInTheContent() {
    ParsedFeed feed = feed("atom-xml-content.xml");

    assertEquals(List.of("An entry sent as Atom", "How an Atom entry looks", "Third entry"), titles(feed));
    assertEquals(List.of(), feed.repaired());
    assertTrue(feed.entries().get(0).contentHtml().contains("The archived entry"), () -> feed.entries().get(0).contentHtml());
    assertTrue(feed.entries().get(1).contentHtml().contains("<title>A quoted title</title>"), () -> feed.entries().get(1).contentHtml());
    assertTrue(feed.entries().get(2).contentHtml().contains("An RSS item as data"), () -> feed.entries().get(2).contentHtml());
  }

  @Test
  void contentMarkedBase64ThatIsNotIsReadAsTextAndTheFeedWithIt() {
    ParsedFeed feed = feed("atom03-bad-base64.xml");

    assertEquals(List.of("Not base64 at all", "Base64 indeed", "HTML pasted in"), titles(feed));
    assertEquals("<p>Plain &amp; escaped</p>", feed.entries().get(0).contentHtml());
    assertEquals("<p>Decoded</p>", feed.entries().get(1).contentHtml());
    assertEquals("<p>Raw <b>HTML</b></p>", feed.entries().get(2).contentHtml());
    assertTrue(feed.repaired().contains("read content marked base64 that is not as text"), () -> "repairs: " + feed.repaired());
  }
}
