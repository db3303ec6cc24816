package dev.syndic.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Poll, store, identify and categorize, end to end against the embedded PostgreSQL. */
@MicronautTest(transactional = false)
class PipelineTest extends FeedServerTest {

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  @Inject
  MeterRegistry registry;

  /** Atom's type="text" is plain text: its angle brackets are characters, not markup. */
  @Test
  void atomTextConstructsAreTextNotMarkup() {
    String feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Markup notes</title><id>urn:notes</id><updated>2026-03-01T00:00:00Z</updated>
        <entry><title type="text">Use the &lt;div&gt; element, not &lt;table&gt;</title><id>urn:notes:1</id>
          <updated>2026-03-01T00:00:00Z</updated><link href="http://notes.example/1"/>
          <content type="text">Wrap it in &lt;div class="x"&gt; and check a &lt;b &amp;&amp; c&gt; d.</content></entry>
        </feed>""";
    server.serve("/text-constructs.atom", feed.getBytes(StandardCharsets.UTF_8), "application/atom+xml");
    long id = api.addSource(server.url("/text-constructs.atom"));
    assertEquals(1, ((Number) api.poll(id).get("newEntries")).intValue());
    Map<String, Object> listed = api.entries("source=" + id).get(0);
    assertEquals("Use the <div> element, not <table>", listed.get("title"));
    String content = String.valueOf(api.body(HttpRequest.GET("/api/v1/entries/" + listed.get("id"))).get("content"));
    assertTrue(content.contains("Wrap it in &lt;div class=\"x\"&gt; and check a &lt;b &amp;&amp; c&gt; d."), content);
  }

  /** Relative links are made absolute against the feed's address, the entry's and those of its body. */
  @Test
  void relativeLinksOfAnEntryAndItsBodyAreMadeAbsolute() {
    String feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Relative</title><link>/</link><description>d</description>
        <item><title>A story with relative links</title><guid>rel-1</guid><link>/blog/rss-one.html</link>
          <description><![CDATA[<p>See <a href="two.html">the next one</a>.</p><p><img src="/img/a.png" alt="a"></p>]]></description></item>
        </channel></rss>""";
    server.serve("/feeds/relative.xml", feed.getBytes(StandardCharsets.UTF_8));
    long id = api.addSource(server.url("/feeds/relative.xml"));
    assertEquals(1, ((Number) api.poll(id).get("newEntries")).intValue());
    Map<String, Object> listed = api.entries("source=" + id).get(0);
    assertEquals(server.url("/blog/rss-one.html"), listed.get("link"));
    String content = String.valueOf(api.body(HttpRequest.GET("/api/v1/entries/" + listed.get("id"))).get("content"));
    assertTrue(content.contains("href=\"" + server.url("/blog/two.html") + "\"") && content.contains("src=\"" + server.url("/img/a.png") + "\""),
        content);
  }

  /** Atom's relative links are read against xml:base, of the feed and of the entry. */
  @Test
  void atomLinksAreReadAgainstXmlBase() {
    String feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://blog.example/posts/"><title>Based</title><id>urn:based</id>
        <updated>2026-03-01T00:00:00Z</updated>
        <entry><title>Under the feed's base</title><id>urn:based:1</id><updated>2026-03-01T00:00:00Z</updated><link href="one.html"/></entry>
        <entry xml:base="2026/"><title>Under the entry's base</title><id>urn:based:2</id><updated>2026-03-02T00:00:00Z</updated>
          <link href="two.html"/></entry>
        </feed>""";
    server.serve("/based.atom", feed.getBytes(StandardCharsets.UTF_8), "application/atom+xml");
    long id = api.addSource(server.url("/based.atom"));
    assertEquals(2, ((Number) api.poll(id).get("newEntries")).intValue());
    Map<String, Object> links = api.entries("source=" + id).stream().collect(Collectors.toMap(e -> (String) e.get("title"), e -> e.get("link")));
    assertEquals("http://blog.example/posts/one.html", links.get("Under the feed's base"));
    assertEquals("http://blog.example/posts/2026/two.html", links.get("Under the entry's base"));
  }

  /** Atom requires only <updated>: an old entry dated by it alone sorts as old, not as just seen. */
  @Test
  void anAtomEntryWithOnlyAnUpdatedDateSortsByIt() {
    String feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Archive</title><id>urn:archive</id><updated>2021-06-01T00:00:00Z</updated>
        <entry><title>Updated only, in 2020</title><id>urn:archive:1</id><updated>2020-01-02T03:04:05Z</updated>
          <link href="http://archive.example/1"/><summary>Old words.</summary></entry>
        <entry><title>Published in 2021</title><id>urn:archive:2</id><published>2021-05-01T00:00:00Z</published>
          <updated>2021-05-01T00:00:00Z</updated><link href="http://archive.example/2"/><summary>Newer words.</summary></entry>
        </feed>""";
    server.serve("/updated-only.atom", feed.getBytes(StandardCharsets.UTF_8), "application/atom+xml");
    long id = api.addSource(server.url("/updated-only.atom"));
    assertEquals(2, ((Number) api.poll(id).get("newEntries")).intValue());
    List<Map<String, Object>> entries = api.entries("source=" + id);
    assertEquals(List.of("Published in 2021", "Updated only, in 2020"), entries.stream().map(e -> e.get("title")).toList(),
        "newest first, the first entry by its updated date");
  }

  /**
   * A new item that reuses an old item's GUID is one new entry. Before, one repeated GUID moved
   * every entry of the feed to a new key, so the whole feed was stored and published twice.
   */
  @Test
  void aNewItemReusingAnOldItemsGuidIsOneNewEntry() {
    String[] first = {"idg0", "The first story", "<p>One.</p>"};
    String[] second = {"idg1", "The second story", "<p>Two.</p>"};
    String[] third = {"idg2", "The third story", "<p>Three.</p>"};
    server.serve("/reused-guid.xml", Fixtures.rss(first, second, third));
    long id = api.addSource(server.url("/reused-guid.xml"));
    assertEquals(3, ((Number) api.poll(id).get("newEntries")).intValue());

    server.serve("/reused-guid.xml", Fixtures.rss(new String[] {"idg0", "A new story under an old id", "<p>Four.</p>"}, first, second, third));
    Map<String, Object> fetch = api.poll(id);
    assertEquals(1, ((Number) fetch.get("newEntries")).intValue(), fetch.toString());
    assertEquals(0, ((Number) fetch.get("updatedEntries")).intValue(), fetch.toString());
    assertEquals(Set.of("The first story", "The second story", "The third story", "A new story under an old id"),
        titles(api.entries("source=" + id)));
    assertEquals(4, api.entries("source=" + id).size());
  }

  /**
   * A feed of 1,500 copies of one story: the first 1,000 are read (syndic.poll.max-entries), and
   * their shared duplicate keys cost each lookup a bounded index read, where a fuzzed feed of
   * 20,000 such items had its fetch still clustering after nine minutes. Another source's copy
   * still finds them.
   */
  @Test
  void aFeedOfThousandsOfCopiesIsReadUpToTheCapAndStillFoundByOtherSources() {
    StringBuilder feed = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Copies</title>"
        + "<link>http://copies.example/</link><description>d</description>");
    String story = "<title>The harbour bridge reopens after two years of repairs</title><link>http://copies.example/</link>"
        + "<description>The harbour bridge reopened on Monday after two years of repairs, the city said in a statement."
        + " Traffic is expected to return to normal within a week.</description>";
    for (int i = 0; i < 1500; i++) {
      feed.append("<item><guid>copy-").append(i).append("</guid>").append(story).append("</item>");
    }
    server.serve("/copies.xml", feed.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8));
    server.serve("/one-copy.xml", ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Elsewhere</title>"
        + "<link>http://elsewhere.example/</link><description>d</description><item><guid>mine</guid>" + story + "</item></channel></rss>")
        .getBytes(StandardCharsets.UTF_8));
    long copies = api.addSource(server.url("/copies.xml"));
    Map<String, Object> fetch = api.poll(copies);
    assertEquals("ok", fetch.get("outcome"), String.valueOf(fetch.get("error")));
    assertEquals(1500, ((Number) fetch.get("entriesFound")).intValue());
    assertEquals(1000, ((Number) fetch.get("newEntries")).intValue());

    long elsewhere = api.addSource(server.url("/one-copy.xml"));
    assertEquals(1, ((Number) api.poll(elsewhere).get("newEntries")).intValue());
    Map<String, Object> mine = api.entries("source=" + elsewhere).get(0);
    assertTrue(!mine.get("clusterId").equals(mine.get("id")), "joined the copies' cluster: " + mine);
  }

  /**
   * A mistyped year is no date: year 300000 made PostgreSQL refuse the whole fetch, and year 12026
   * was stored and then broke every RSS feed the entry appeared in (RFC 822 writes four digits).
   */
  @Test
  void entriesDatedInYearsNoFeedCanWriteAreStoredUndatedAndServed() {
    String feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Typos</title><link>http://example.com/</link><description>d</description>
        <item><title>Dated in year twelve thousand</title><guid>y-1</guid><pubDate>Tue, 17 Mar 12026 08:00:00 GMT</pubDate>
          <description>Ten thousand years early.</description></item>
        <item><title>Dated in year three hundred thousand</title><guid>y-2</guid><pubDate>Sat, 01 Jan 300000 00:00:00 GMT</pubDate>
          <description>Past what PostgreSQL stores.</description></item>
        <item><title>Dated as it should be</title><guid>y-3</guid><pubDate>Tue, 17 Mar 2026 08:00:00 GMT</pubDate>
          <description>An ordinary date.</description></item>
        </channel></rss>""";
    server.serve("/typo-years.xml", feed.getBytes(StandardCharsets.UTF_8));
    long id = api.addSource(server.url("/typo-years.xml"));
    api.body(HttpRequest.PATCH("/api/v1/sources/" + id, Map.of("category", "agriculture")));
    Map<String, Object> fetch = api.poll(id);
    assertEquals("ok", fetch.get("outcome"), String.valueOf(fetch.get("error")));
    assertEquals(3, ((Number) fetch.get("newEntries")).intValue());
    Map<String, Object> published = api.entries("source=" + id).stream()
        .collect(Collectors.toMap(e -> (String) e.get("title"), e -> String.valueOf(e.get("published"))));
    assertEquals("null", published.get("Dated in year twelve thousand"));
    assertEquals("null", published.get("Dated in year three hundred thousand"));
    assertEquals("2026-03-17T08:00:00Z", published.get("Dated as it should be"));
    String rss = http.toBlocking().retrieve("/feeds/agriculture.rss");
    assertTrue(rss.contains("Dated in year twelve thousand") && rss.contains("Dated in year three hundred thousand"), rss);
  }

  @Test
  void gbkFeedOverHttpDecodesToTheRightChinese() {
    server.serve("/gbk.xml", Fixtures.sample("samples/agriculture-zh-gbk.xml"), "text/xml");
    long id = api.addSource(server.url("/gbk.xml"));
    Map<String, Object> fetch = api.poll(id);
    assertEquals("ok", fetch.get("outcome"), () -> "fetch: " + fetch);
    assertEquals(6, ((Number) fetch.get("newEntries")).intValue());
    Set<String> titles = titles(api.entries("source=" + id));
    assertTrue(titles.contains("全国春播粮食意向面积稳中有增 南方早稻育秧进度过半"), () -> "titles: " + titles);
  }

  @Test
  void gb2312FeedWithoutHttpCharsetDecodes() {
    server.serve("/gb2312.xml", Fixtures.sample("samples/entertainment-zh.xml"), "application/xml");
    long id = api.addSource(server.url("/gb2312.xml"));
    api.poll(id);
    List<Map<String, Object>> entries = api.entries("source=" + id);
    assertEquals(6, entries.size());
    assertTrue(entries.stream().allMatch(e -> ((String) e.get("title")).codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)));
    assertTrue(entries.stream().noneMatch(e -> ((String) e.get("title")).contains("\uFFFD")), "no replacement characters");
  }

  @Test
  void aServerAnswering304WronglyIsFetchedWithoutValidatorsOnceTheRevalidationPeriodIsOver() {
    String[] a = {"w-1", "Seed prices steady", "<p>Prices hold.</p>"};
    String[] b = {"w-2", "Rain helps the wheat", "<p>Good rain.</p>"};
    server.serve("/wrong304.xml", 200, Fixtures.rss(a), "Content-Type", "application/rss+xml", "ETag", "\"same\"");
    long id = api.addSource(server.url("/wrong304.xml"));
    assertEquals(1, ((Number) api.poll(id).get("newEntries")).intValue());
    // The feed changes, but the server keeps its ETag, so a conditional GET gets 304.
    server.serve("/wrong304.xml", 200, Fixtures.rss(a, b), "Content-Type", "application/rss+xml", "ETag", "\"same\"");
    assertEquals("not_modified", api.poll(id).get("outcome"));
    assertEquals("\"same\"", server.lastRequest("/wrong304.xml").header("If-None-Match"));

    // Nothing but 304 for longer than syndic.poll.revalidate-after (12 h by default).
    tx.executeWrite(s -> jdbc.prepareStatement("UPDATE source SET last_body_at = now() - interval '13 hours' WHERE id = ?", ps -> {
      ps.setLong(1, id);
      return ps.executeUpdate();
    }));
    Map<String, Object> fetch = api.poll(id);

    assertNull(server.lastRequest("/wrong304.xml").header("If-None-Match"), "sent without validators");
    assertEquals("ok", fetch.get("outcome"));
    assertEquals(1, ((Number) fetch.get("newEntries")).intValue());
    assertEquals("not_modified", api.poll(id).get("outcome"), "and conditional again afterwards");
    assertEquals("\"same\"", server.lastRequest("/wrong304.xml").header("If-None-Match"));

    // A quiet source, polled less often than that, whose last poll got a body: still conditional.
    tx.executeWrite(s -> jdbc.prepareStatement(
        "UPDATE source SET last_body_at = now() - interval '30 hours', last_success_at = now() - interval '30 hours' WHERE id = ?", ps -> {
          ps.setLong(1, id);
          return ps.executeUpdate();
        }));
    assertEquals("not_modified", api.poll(id).get("outcome"));
    assertEquals("\"same\"", server.lastRequest("/wrong304.xml").header("If-None-Match"));
  }

  @Test
  void repollCreatesNoDuplicatesAndAChangeIsAnUpdate() {
    String[] a = {"a-1", "Farmers plant more corn", "<p>Corn acreage rises.</p>"};
    String[] b = {"b-2", "Harvest outlook improves", "<p>Wheat harvest looks good.</p>"};
    server.serve("/repoll.xml", 200, Fixtures.rss(a, b), "Content-Type", "application/rss+xml", "ETag", "\"v1\"");
    long id = api.addSource(server.url("/repoll.xml"));
    assertEquals(2, ((Number) api.poll(id).get("newEntries")).intValue());

    Map<String, Object> notModified = api.poll(id);
    assertEquals("not_modified", notModified.get("outcome"), "the server's 304 is honoured");

    // Same items, new ETag, different whitespace: parsed again, nothing new, nothing updated.
    byte[] reformatted = new String(Fixtures.rss(a, b), StandardCharsets.UTF_8).replace("\n", "\n\n").getBytes(StandardCharsets.UTF_8);
    server.serve("/repoll.xml", 200, reformatted, "Content-Type", "application/rss+xml", "ETag", "\"v2\"");
    Map<String, Object> same = api.poll(id);
    assertEquals("ok", same.get("outcome"));
    assertEquals(0, ((Number) same.get("newEntries")).intValue());
    assertEquals(0, ((Number) same.get("updatedEntries")).intValue());

    String[] bChanged = {"b-2", "Harvest outlook improves", "<p>Wheat harvest looks better than expected.</p>"};
    server.serve("/repoll.xml", 200, Fixtures.rss(a, bChanged), "Content-Type", "application/rss+xml", "ETag", "\"v3\"");
    Map<String, Object> changed = api.poll(id);
    assertEquals(0, ((Number) changed.get("newEntries")).intValue());
    assertEquals(1, ((Number) changed.get("updatedEntries")).intValue());

    List<Map<String, Object>> entries = api.entries("source=" + id);
    assertEquals(2, entries.size());
    Map<String, Object> updated = entries.stream().filter(e -> "b-2".equals(e.get("guid"))).findFirst().orElseThrow();
    assertEquals(2, ((Number) updated.get("revision")).intValue());
  }

  /**
   * The validators sent are those of the last body received: a server that stops sending an ETag
   * or Last-Modified (a new CMS, a feed moved elsewhere) is not sent the old ones for ever.
   */
  @Test
  void aBodyWithoutValidatorsDropsTheOldOnes() {
    String[] a = {"v-1", "Old validators", "<p>First.</p>"};
    String[] b = {"v-2", "No validators", "<p>Second.</p>"};
    server.serve("/validators.xml", 200, Fixtures.rss(a), "Content-Type", "application/rss+xml", "ETag", "\"old\"",
        "Last-Modified", "Mon, 16 Mar 2026 08:00:00 GMT");
    long id = api.addSource(server.url("/validators.xml"));
    assertEquals("ok", api.poll(id).get("outcome"));
    server.serve("/validators.xml", 200, Fixtures.rss(a, b), "Content-Type", "application/rss+xml");
    assertEquals("ok", api.poll(id).get("outcome"));

    api.poll(id);

    assertNull(server.lastRequest("/validators.xml").header("If-None-Match"));
    assertNull(server.lastRequest("/validators.xml").header("If-Modified-Since"));
  }

  /** A feed read only thanks to repairs says so in its fetch record; a clean one has none. */
  @Test
  void theFetchRecordNamesTheRepairsAFeedNeeded() {
    String clean = new String(Fixtures.rss(new String[] {"r-1", "Seed prices fall", "<p>Seed is cheaper.</p>"}), StandardCharsets.UTF_8);
    server.serve("/repaired.xml", ("junk before the prolog\n" + clean.replace("Seed prices fall", "Seed & fertilizer prices fall"))
        .getBytes(StandardCharsets.UTF_8));
    server.serve("/clean.xml", clean.getBytes(StandardCharsets.UTF_8));
    Map<String, Object> repaired = api.poll(api.addSource(server.url("/repaired.xml")));
    assertEquals("ok", repaired.get("outcome"));
    String repairs = (String) repaired.get("repairs");
    assertTrue(repairs != null && repairs.contains("dropped text before the first tag") && repairs.contains("escaped stray '&'"),
        () -> "repairs: " + repairs);
    assertEquals(null, api.poll(api.addSource(server.url("/clean.xml"))).get("repairs"));
  }

  @Test
  void aChangedFeedsStoredEntriesAreSkippedAndSameWordsOnlyRenewTheirHashAndMarkup() {
    String[] a = {"s-1", "Farmers plant more corn", "<p>Corn acreage rises.</p>"};
    String[] b = {"s-2", "Harvest outlook improves", "<p>Wheat harvest looks good.</p>"};
    String[] c = {"s-3", "Seed prices fall", "<p>Seed is cheaper this spring.</p>"};
    server.serve("/skip.xml", 200, Fixtures.rss(a, b), "Content-Type", "application/rss+xml", "ETag", "\"v1\"");
    long id = api.addSource(server.url("/skip.xml"));
    assertEquals(2, ((Number) api.poll(id).get("newEntries")).intValue());
    String firstHash = sourceHash(id, "s-1");

    // A new entry on top: the two stored ones are not prepared again.
    Repoll added = repoll(id, Fixtures.rss(c, a, b), "v2");
    assertEquals(List.of(3, 1, 0, 2), added.foundNewUpdatedSkipped(), "a and b skipped");

    // Different markup, same words: prepared again, no update, and the new hash is kept.
    String[] aMarkup = {"s-1", "Farmers plant more corn", "<p>Corn  acreage <b>rises</b>.</p>"};
    Repoll markup = repoll(id, Fixtures.rss(c, aMarkup, b), "v3");
    assertEquals(List.of(3, 0, 0, 2), markup.foundNewUpdatedSkipped(), "c and b skipped, a prepared");
    assertTrue(!firstHash.equals(sourceHash(id, "s-1")), "a's hash is renewed");
    Map<String, Object> shown = api.body(HttpRequest.GET("/api/v1/entries/" + entryId(id, "s-1")));
    assertTrue(((String) shown.get("content")).contains("<b>rises</b>"), () -> "and its new markup reaches readers: " + shown.get("content"));
    // The same items in other bytes (an unchanged body is not parsed at all).
    assertEquals(3, repoll(id, withComment(Fixtures.rss(c, aMarkup, b), "v4"), "v4").skipped(), "all three skipped next time");

    // Entries stored before hashes were kept are prepared once more and get one.
    tx.executeWrite(st -> jdbc.prepareStatement("UPDATE entry SET source_hash = NULL WHERE source_id = ?", ps -> {
      ps.setLong(1, id);
      return ps.executeUpdate();
    }));
    Repoll legacy = repoll(id, withComment(Fixtures.rss(c, aMarkup, b), "v5"), "v5");
    assertEquals(List.of(3, 0, 0, 0), legacy.foundNewUpdatedSkipped());
    assertTrue(sourceHash(id, "s-2") != null, "hash recorded");
    assertEquals(3, repoll(id, withComment(Fixtures.rss(c, aMarkup, b), "v6"), "v6").skipped(), "and skipped from then on");

    // A deleted entry is not prepared again (it would not be stored).
    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/entries/" + entryId(id, "s-3"))).code());
    Repoll deleted = repoll(id, withComment(Fixtures.rss(c, aMarkup, b), "v7"), "v7");
    assertEquals(List.of(3, 0, 0, 3), deleted.foundNewUpdatedSkipped(), "c deleted, a and b stored as they are");
    assertEquals(Set.of("s-1", "s-2"), api.entries("source=" + id).stream().map(e -> (String) e.get("guid")).collect(Collectors.toSet()));

    // A new link or date alone is no update, as it never was: skipped.
    byte[] moved = new String(Fixtures.rss(c, aMarkup, b), StandardCharsets.UTF_8)
        .replace("https://test.example.com/s-2<", "https://test.example.com/s-2?utm_source=rss<").replace("08:00:00", "09:30:00")
        .getBytes(StandardCharsets.UTF_8);
    Repoll relinked = repoll(id, moved, "v8");
    assertEquals(List.of(3, 0, 0, 3), relinked.foundNewUpdatedSkipped(), "b's new link and date are no update");

    // A real change is still an update.
    String[] bChanged = {"s-2", "Harvest outlook improves", "<p>Wheat harvest looks better than expected.</p>"};
    Repoll changed = repoll(id, Fixtures.rss(c, aMarkup, bChanged), "v9");
    assertEquals(List.of(3, 0, 1, 2), changed.foundNewUpdatedSkipped(), "c deleted, a stored as it is");
  }

  /** A poll's fetch record and how many entries it skipped before preparing them. */
  private record Repoll(Map<String, Object> fetch, int skipped) {
    /** Entries found, new, updated and skipped. */
    List<Integer> foundNewUpdatedSkipped() {
      return List.of(((Number) fetch.get("entriesFound")).intValue(), ((Number) fetch.get("newEntries")).intValue(),
          ((Number) fetch.get("updatedEntries")).intValue(), skipped);
    }
  }

  /** Serves {@code feed} under a new ETag and polls it. */
  private Repoll repoll(long sourceId, byte[] feed, String etag) {
    server.serve("/skip.xml", 200, feed, "Content-Type", "application/rss+xml", "ETag", "\"" + etag + "\"");
    double before = unchanged();
    Map<String, Object> fetch = api.poll(sourceId);
    assertEquals("ok", fetch.get("outcome"), () -> "fetch: " + fetch);
    return new Repoll(fetch, (int) Math.round(unchanged() - before));
  }

  private static byte[] withComment(byte[] feed, String comment) {
    return (new String(feed, StandardCharsets.UTF_8) + "<!-- " + comment + " -->\n").getBytes(StandardCharsets.UTF_8);
  }

  private long entryId(long sourceId, String guid) {
    return api.entries("source=" + sourceId).stream().filter(e -> guid.equals(e.get("guid"))).mapToLong(e -> ((Number) e.get("id")).longValue())
        .findFirst().orElseThrow();
  }

  private double unchanged() {
    return registry.counter("syndic.entries.unchanged").count();
  }

  private String sourceHash(long sourceId, String guid) {
    return tx.executeRead(st -> jdbc.prepareStatement("SELECT source_hash FROM entry WHERE source_id = ? AND guid = ?", ps -> {
      ps.setLong(1, sourceId);
      ps.setString(2, guid);
      try (var rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }));
  }

  @Test
  void keywordRulesAndSourceDefaultAssignCategories() {
    String[] ai = {"x-1", "大模型推理成本持续下降", "<p>多家人工智能公司下调了API价格。</p>"};
    String[] farm = {"x-2", "春耕备耕全面展开 粮食生产开局良好", "<p>各地加快春播进度,化肥供应充足。</p>"};
    String[] neither = {"x-3", "City council approves new bus routes", "<p>Buses will run every ten minutes.</p>"};
    server.serve("/mixed.xml", Fixtures.rss(ai, farm, neither));
    long id = api.addSource(server.url("/mixed.xml"));
    api.poll(id);
    Map<String, Set<String>> categories = api.entries("source=" + id).stream()
        .collect(Collectors.toMap(e -> (String) e.get("guid"), PipelineTest::slugs));
    assertTrue(categories.get("x-1").contains("ai"), () -> "x-1: " + categories.get("x-1"));
    assertTrue(categories.get("x-2").contains("agriculture"), () -> "x-2: " + categories.get("x-2"));
    assertEquals(Set.of(), categories.get("x-3"));

    Map<String, Object> patched = api.body(HttpRequest.PATCH("/api/v1/sources/" + id, Map.of("category", "entertainment")));
    assertEquals("entertainment", patched.get("category"));
    String[] another = {"x-4", "Bus fares stay the same", "<p>No change this year.</p>"};
    server.serve("/mixed.xml", Fixtures.rss(ai, farm, neither, another));
    api.poll(id);
    Map<String, Object> x4 = api.entries("source=" + id).stream().filter(e -> "x-4".equals(e.get("guid"))).findFirst().orElseThrow();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> assigned = (List<Map<String, Object>>) x4.get("categories");
    assertEquals(1, assigned.size());
    assertEquals("entertainment", assigned.get(0).get("slug"));
    assertEquals("source", assigned.get(0).get("origin"));
  }

  @Test
  void brokenFeedIsAnErrorOnItsSourceAndStoredEntriesStay() {
    server.serve("/flaky.xml", Fixtures.rss(new String[] {"f-1", "First story", "<p>one</p>"}));
    long id = api.addSource(server.url("/flaky.xml"));
    api.poll(id);
    server.serve("/flaky.xml", "<html><body><h1>Maintenance</h1></body></html>".getBytes(StandardCharsets.UTF_8), "text/html");
    Map<String, Object> fetch = api.poll(id);
    assertEquals("error", fetch.get("outcome"));
    assertTrue(((String) fetch.get("error")).contains("HTML page"), () -> "error: " + fetch.get("error"));
    Map<String, Object> source = api.body(HttpRequest.GET("/api/v1/sources/" + id));
    assertEquals("error", source.get("status"));
    assertEquals(1, ((Number) source.get("consecutiveErrors")).intValue());
    assertTrue(((String) source.get("lastError")).contains("HTML page"));
    assertEquals(1, api.entries("source=" + id).size(), "the entry stored before stays");

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history = (List<Map<String, Object>>) api.body(HttpRequest.GET("/api/v1/sources/" + id + "/fetches")).get("items");
    assertEquals(List.of("error", "ok"), history.stream().map(h -> h.get("outcome")).toList(), "newest first");
  }

  /** Refused when added; a poll of one stored before that check refuses it too (FileSourceReaderTest). */
  @Test
  void fileSourcesOutsideTheRootAreRefused() {
    HttpResponse<Map<String, Object>> refused = api.call(HttpRequest.POST("/api/v1/sources", Map.of("url", "file:../pom.xml")));
    assertEquals(400, refused.code());
    assertTrue(String.valueOf(refused.getBody().orElseThrow().get("detail")).contains("file-root"), () -> "detail: " + refused.getBody());
  }

  @SuppressWarnings("unchecked")
  static Set<String> slugs(Map<String, Object> entry) {
    return ((List<Map<String, Object>>) entry.get("categories")).stream().map(c -> (String) c.get("slug")).collect(Collectors.toSet());
  }

  static Set<String> titles(List<Map<String, Object>> entries) {
    return entries.stream().map(e -> (String) e.get("title")).collect(Collectors.toSet());
  }
}
