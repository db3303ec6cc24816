package dev.syndic.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.WebLinks;
import dev.syndic.clean.ContentCleaner;
import dev.syndic.entry.EntryDraft;
import dev.syndic.entry.Enclosure;
import dev.syndic.parse.FeedParser;
import dev.syndic.parse.ParseResult;
import dev.syndic.parse.ParsedEntry;
import dev.syndic.support.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Relative links, images and files are read against the xml:base in force where the feed sets
 * one, in RSS (the item's, else the channel's or the root's) as in Atom, as feedparser reads them:
 * a story's body under it, also when the item's own link is absolute and elsewhere (a click
 * counter's address).
 */
class XmlBaseTest {

  private static final String FEED_ADDRESS = "https://feeds.example/feed.xml";

  private static Map<String, EntryDraft> prepared(String fixture) {
    EntryPreparer preparer = new EntryPreparer(new ContentCleaner());
    ParseResult result = new FeedParser().parse(Fixtures.feed(fixture), null);
    List<ParsedEntry> entries = assertInstanceOf(ParseResult.Parsed.class, result).feed().entries();
    return entries.stream().collect(Collectors.toMap(ParsedEntry::title,
        e -> preparer.prepare(e, "key", EntryPreparer.sourceHash(e), WebLinks.Base.of(FEED_ADDRESS)).draft()));
  }

  @Test
  void rssItemsAreReadAgainstTheXmlBaseOfTheItemTheChannelAndTheRoot() {
    Map<String, EntryDraft> drafts = prepared("rss-xml-base.xml");

    EntryDraft item = drafts.get("Under the item's base");
    assertEquals("http://blog.example/2026/posts/one.html", item.link());
    assertContains(item.cleanHtml(), "href=\"http://blog.example/2026/two.html\"", "src=\"http://blog.example/2026/images/a.png\"");
    assertEquals(List.of("http://blog.example/2026/audio/one.mp3"), item.enclosures().stream().map(Enclosure::url).toList());

    EntryDraft channel = drafts.get("Under the channel's base");
    assertEquals("http://news.example/section/posts/three.html", channel.link());
    assertContains(channel.cleanHtml(), "src=\"http://news.example/section/images/b.png\"");

    EntryDraft elsewhere = drafts.get("An absolute link elsewhere, a body under the channel's base");
    assertEquals("http://clicks.example/r/4", elsewhere.link());
    assertContains(elsewhere.cleanHtml(), "src=\"http://news.example/section/images/c.png\"");
  }

  @Test
  void atomBodiesAreReadAgainstTheXmlBaseNotTheEntrysLink() {
    Map<String, EntryDraft> drafts = prepared("atom-xml-base.xml");

    EntryDraft entry = drafts.get("Under the entry's base");
    assertEquals("http://blog.example/2026/posts/one.html", entry.link());
    assertContains(entry.cleanHtml(), "href=\"http://blog.example/2026/two.html\"", "src=\"http://blog.example/2026/images/a.png\"");

    EntryDraft elsewhere = drafts.get("An absolute link elsewhere, a body under the feed's base");
    assertEquals("http://clicks.example/r/2", elsewhere.link());
    assertContains(elsewhere.cleanHtml(), "src=\"http://news.example/section/images/c.png\"");

    EntryDraft ownBase = drafts.get("A body under its own base, as WordPress writes it");
    assertContains(ownBase.cleanHtml(), "href=\"http://news.example/2026/03/post/#fn1\"");

    // media:content is no body: the body's own base is the one of the Atom content after it.
    EntryDraft afterMedia = drafts.get("A body under its own base after a Media RSS file");
    assertContains(afterMedia.cleanHtml(), "href=\"http://blog.example/2026/04/post/#fn1\"");
  }

  private static void assertContains(String html, String... parts) {
    for (String part : parts) {
      assertTrue(html.contains(part), () -> "no " + part + " in " + html);
    }
  }
}
