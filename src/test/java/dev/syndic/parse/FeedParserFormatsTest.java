package dev.syndic.parse;

import static dev.syndic.parse.ParseTesting.feed;
import static dev.syndic.parse.ParseTesting.titles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each feed format Rome reads, mapped to our model: ids, links, dates, tags, ttl. */
class FeedParserFormatsTest {

  @Test
  void rss090UnderNetscapesOtherNamespaceIsRead() {
    ParsedFeed feed = feed("rss090-channel-namespace.xml");
    assertEquals(List.of("Browser release candidate ships", "Mail client gains filters", "Directory reaches a million sites"), titles(feed));
    assertEquals("http://portal.example.com/news/rc", feed.entries().get(0).link());
  }

  /** Formats' namespaces written in another case, with https, or without their closing "/" are the formats' (feedparser reads them). */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"atom-namespace-misspelled.xml", "rss10-namespace-no-slash.xml"})
  void aFormatsNamespaceMisspelledIsStillTheFormat(String fixture) {
    ParsedFeed feed = feed(fixture);

    assertEquals(List.of("Read all the same"), titles(feed));
    assertTrue(feed.entries().get(0).link().endsWith("/1"), feed.entries().get(0).link());
  }

  @Test
  void rss20ChannelAndItems() {
    ParsedFeed feed = feed("rss20-full.xml");

    assertEquals("农业科技前沿", feed.title());
    assertEquals("https://agri.example.cn/", feed.link());
    assertEquals("zh-cn", feed.language());
    assertEquals(45, feed.ttlMinutes());
    assertEquals("UTF-8", feed.charset());
    assertEquals(List.of(), feed.repaired());
    assertEquals(List.of("智慧农业：无人机植保覆盖率突破四成", "大模型进入田间地头", "没有 GUID 的条目"), titles(feed));
  }

  @Test
  void rss20ItemFields() {
    ParsedEntry first = feed("rss20-full.xml").entries().get(0);

    assertEquals("agri-1001", first.guid());
    assertEquals("https://agri.example.cn/news/1001.html", first.link());
    assertEquals("王晓明", first.author());
    assertEquals("<p>多地春耕<b>提速</b>。</p>", first.summaryHtml());
    assertEquals("<p>全文：多地春耕提速，无人机植保覆盖率突破四成。</p>", first.contentHtml());
    assertEquals(Instant.parse("2026-03-17T00:30:00Z"), first.published());
    assertNull(first.updated());
  }

  @Test
  void rss20CategoriesAndDublinCoreSubjectsAreTagsWithoutDuplicates() {
    List<ParsedEntry> entries = feed("rss20-full.xml").entries();

    assertEquals(List.of("农业", "无人机", "春耕"), entries.get(0).tags());
    assertEquals(List.of("人工智能"), entries.get(1).tags());
    assertEquals(List.of(), entries.get(2).tags());
  }

  @Test
  void rss20PermalinkGuidIsKeptAndMissingGuidStaysNull() {
    List<ParsedEntry> entries = feed("rss20-full.xml").entries();

    assertEquals("https://agri.example.cn/news/1002.html", entries.get(1).guid());
    assertEquals(Instant.parse("2026-03-16T22:15:00Z"), entries.get(1).published());
    // Rome fills the entry's uri with the link when there is no <guid>; we must not call that a guid.
    assertNull(entries.get(2).guid());
    assertEquals("https://agri.example.cn/news/1003.html", entries.get(2).link());
    assertNull(entries.get(2).published());
  }

  @Test
  void guidThatIsNotAUrlDoesNotBecomeTheLink() {
    String rss =
        "<rss version=\"2.0\"><channel><title>t</title><link>http://x.example.com/</link><description>d</description>"
            + "<item><title>only a guid</title><guid>item-42</guid></item>"
            + "<item><title>permalink guid</title><guid>http://x.example.com/p/43</guid></item>"
            + "</channel></rss>";

    List<ParsedEntry> entries = feed(rss.getBytes(StandardCharsets.UTF_8), null).entries();

    assertEquals("item-42", entries.get(0).guid());
    assertNull(entries.get(0).link());
    assertEquals("http://x.example.com/p/43", entries.get(1).guid());
    assertEquals("http://x.example.com/p/43", entries.get(1).link());
  }

  @Test
  void atom10FeedAndEntries() {
    ParsedFeed feed = feed("atom10-full.xml");

    assertEquals("Machine Notes", feed.title());
    // the rel="alternate" page, not the rel="self" feed URL
    assertEquals("https://notes.example.org/", feed.link());
    assertNull(feed.ttlMinutes());
    assertEquals(2, feed.entries().size());

    ParsedEntry first = feed.entries().get(0);
    assertEquals("tag:notes.example.org,2026:small-models", first.guid());
    assertEquals("https://notes.example.org/2026/03/small-models", first.link());
    assertEquals("Small models, big fields", first.title());
    assertEquals("Grace Example", first.author());
    assertEquals("Why tiny models matter on farms.", first.summaryHtml());
    assertEquals("<p>Long <em>body</em> text.</p>", first.contentHtml());
    assertEquals(Instant.parse("2026-03-16T08:00:00Z"), first.published());
    assertEquals(Instant.parse("2026-03-17T10:00:00Z"), first.updated());
    assertEquals(List.of("ai", "Artificial intelligence", "agriculture"), first.tags(), "an Atom category's term and its label");

    ParsedEntry second = feed.entries().get(1);
    assertEquals("https://notes.example.org/?p=2", second.guid());
    assertEquals("https://notes.example.org/2026/03/second", second.link());
    assertNull(second.published());
    assertEquals(Instant.parse("2026-03-15T12:30:00Z"), second.updated());
    assertNull(second.contentHtml());
  }

  @Test
  void atomRelativeAlternateLinkResolvesAgainstSelf() {
    String atom =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>rel</title><id>urn:x</id><updated>2026-03-17T00:00:00Z</updated>"
            + "<link href=\"/blog/\"/><link rel=\"self\" href=\"https://rel.example.com/blog/feed.xml\"/>"
            + "<entry><title>e</title><id>urn:e</id><updated>2026-03-17T00:00:00Z</updated></entry></feed>";

    assertEquals("https://rel.example.com/blog/", feed(atom.getBytes(StandardCharsets.UTF_8), null).link());
  }

  @Test
  void atomEntryWithoutIdHasNoGuid() {
    String atom =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>no ids</title><id>urn:f</id><updated>2026-03-17T00:00:00Z</updated>"
            + "<entry><title>e</title><link href=\"https://noid.example.com/e\"/><updated>2026-03-17T00:00:00Z</updated></entry></feed>";

    ParsedEntry entry = feed(atom.getBytes(StandardCharsets.UTF_8), null).entries().get(0);

    assertNull(entry.guid());
    assertEquals("https://noid.example.com/e", entry.link());
  }

  @Test
  void rss10RdfItems() {
    ParsedFeed feed = feed("rss10-rdf.xml");

    assertEquals("RDF Site Summary", feed.title());
    assertEquals("https://rdf.example.net/", feed.link());
    assertEquals(List.of("First RDF item", "Second RDF item"), titles(feed));

    ParsedEntry a = feed.entries().get(0);
    assertEquals("urn:rdf-example:item-a", a.guid());
    assertEquals("https://rdf.example.net/a", a.link());
    assertEquals("Tim", a.author());
    assertEquals("Alpha", a.summaryHtml());
    assertEquals(Instant.parse("2026-03-14T06:00:00Z"), a.published());
    assertEquals(List.of("semantic-web"), a.tags());

    // rdf:about equal to the link is no id of its own
    ParsedEntry b = feed.entries().get(1);
    assertNull(b.guid());
    assertEquals(Instant.parse("2026-03-15T06:00:00Z"), b.published());
  }

  @Test
  void rss091WithTheNetscapeDoctypeIsAccepted() {
    ParsedFeed feed = feed("rss091-netscape.xml");

    assertEquals("Old School Weblog", feed.title());
    assertEquals("en-us", feed.language());
    assertEquals("windows-1252", feed.charset());
    assertEquals(List.of("Café reopened", "Second post: déjà vu", "Third post"), titles(feed));
    assertEquals("The café on Main St.", feed.entries().get(0).summaryHtml());
    assertNull(feed.entries().get(0).guid());
    assertEquals("http://oldschool.example.com/cafe", feed.entries().get(0).link());
  }

  @Test
  void doctypeSystemIdIsNeverFetched() {
    try (FeedServer server = FeedServer.start()) {
      server.serve("/rss-0.91.dtd", "<!ENTITY copy \"INJECTED-FROM-DTD\">".getBytes(StandardCharsets.US_ASCII), "application/xml-dtd");
      String rss =
          "<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \""
              + server.url("/rss-0.91.dtd")
              + "\">\n<rss version=\"0.91\"><channel><title>t</title><link>http://x.example.com/</link><description>d</description>"
              + "<item><title>one</title><link>http://x.example.com/1</link></item></channel></rss>";

      ParsedFeed feed = feed(rss.getBytes(StandardCharsets.UTF_8), null);

      assertEquals(List.of("one"), titles(feed));
      assertEquals(0, server.totalHits());
    }
  }

  @Test
  void ttlIsReadOnlyWhenPositive() {
    String template =
        "<rss version=\"2.0\"><channel><title>t</title><link>http://x.example.com/</link><description>d</description>%s"
            + "<item><title>i</title><guid>g</guid></item></channel></rss>";

    assertEquals(90, feed(String.format(template, "<ttl>90</ttl>").getBytes(StandardCharsets.UTF_8), null).ttlMinutes());
    assertNull(feed(String.format(template, "<ttl>0</ttl>").getBytes(StandardCharsets.UTF_8), null).ttlMinutes());
    assertNull(feed(String.format(template, "<ttl>soon</ttl>").getBytes(StandardCharsets.UTF_8), null).ttlMinutes());
    assertNull(feed(String.format(template, "").getBytes(StandardCharsets.UTF_8), null).ttlMinutes());
  }

  @Test
  void datesInTheFormatsFeedsUse() {
    String rss =
        "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>t</title><link>http://x.example.com/</link><description>d</description>"
            + "<item><title>rfc822 zone name</title><guid>1</guid><pubDate>Tue, 17 Mar 2026 08:00:00 GMT</pubDate></item>"
            + "<item><title>rfc822 offset</title><guid>2</guid><pubDate>Tue, 17 Mar 2026 16:00:00 +0800</pubDate></item>"
            + "<item><title>dc:date</title><guid>3</guid><dc:date>2026-03-17T08:00:00+00:00</dc:date></item>"
            + "<item><title>garbage</title><guid>4</guid><pubDate>yesterday-ish</pubDate></item>"
            + "</channel></rss>";

    List<ParsedEntry> entries = feed(rss.getBytes(StandardCharsets.UTF_8), null).entries();

    Instant expected = Instant.parse("2026-03-17T08:00:00Z");
    assertEquals(expected, entries.get(0).published());
    assertEquals(expected, entries.get(1).published());
    assertEquals(expected, entries.get(2).published());
    assertNull(entries.get(3).published());
  }

  @Test
  void blankFieldsBecomeNullAndTitlesAreTrimmed() {
    String rss =
        "<rss version=\"2.0\"><channel><title>  </title><link> </link><description>d</description>"
            + "<item><title>\n  padded  \n</title><guid> </guid><author>  </author><description>   </description>"
            + "<category> </category><category> kept </category></item></channel></rss>";

    ParsedFeed feed = feed(rss.getBytes(StandardCharsets.UTF_8), null);

    assertNull(feed.title());
    assertNull(feed.link());
    ParsedEntry e = feed.entries().get(0);
    assertEquals("padded", e.title());
    assertNull(e.guid());
    assertNull(e.author());
    assertNull(e.summaryHtml());
    assertEquals(List.of("kept"), e.tags());
  }

  @Test
  void feedWithoutItemsHasNoEntries() {
    String rss = "<rss version=\"2.0\"><channel><title>quiet</title><link>http://q.example.com/</link><description>d</description></channel></rss>";

    ParsedFeed feed = feed(rss.getBytes(StandardCharsets.UTF_8), null);

    assertEquals("quiet", feed.title());
    assertTrue(feed.entries().isEmpty());
  }

  @Test
  void anEntryWhoseOnlyTextIsItsMediaDescriptionHasItAsSummary() {
    ParsedEntry video = feed("youtube-media.xml").entries().get(0);

    assertEquals("How farmers in Hunan use drones to spray rice paddies, &amp; what it costs per mu.", video.summaryHtml());
    assertNull(video.contentHtml());
  }

  @Test
  void aMediaDescriptionDoesNotReplaceTheItemsOwnText() {
    String rss = "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>Pics</title><item><title>Photo</title>"
        + "<description>The publisher's own words</description><media:content url=\"http://ex.com/1.jpg\" medium=\"image\">"
        + "<media:description>A tractor at dawn</media:description></media:content></item>"
        + "<item><title>Photo 2</title><media:content url=\"http://ex.com/2.jpg\" medium=\"image\">"
        + "<media:description type=\"html\">&lt;p&gt;A &lt;b&gt;combine&lt;/b&gt; at dusk&lt;/p&gt;</media:description></media:content></item>"
        + "</channel></rss>";

    List<ParsedEntry> entries = feed(rss.getBytes(StandardCharsets.UTF_8), null).entries();

    assertEquals("The publisher's own words", entries.get(0).summaryHtml());
    assertEquals("<p>A <b>combine</b> at dusk</p>", entries.get(1).summaryHtml());
  }
}
