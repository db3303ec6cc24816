package dev.syndic.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.syndic.ingest.PollNow;
import dev.syndic.source.Source;
import dev.syndic.source.SourceRepository;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What every format carries, the human page, and the HTTP behaviour of feeds. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedFormatsTest {

  @Inject
  @Client("/")
  HttpClient http;

  @Inject
  SourceRepository sources;

  @Inject
  PollNow pollNow;

  @Inject
  JdbcOperations jdbc;

  @Inject
  io.micronaut.runtime.server.EmbeddedServer server;

  @Inject
  TransactionOperations<Connection> tx;

  @BeforeAll
  void pollTheSamples() {
    for (Source s : sources.findAll()) {
      pollNow.pollAndWait(s.id());
    }
  }

  @Test
  void rssChannelHasSelfLinkTtlLanguageAndItemsTheirSource() {
    Document rss = Jsoup.parse(http.toBlocking().retrieve("/feeds/ai.rss"), "", org.jsoup.parser.Parser.xmlParser());
    assertEquals("self", rss.selectFirst("channel > atom|link").attr("rel"));
    assertTrue(rss.selectFirst("channel > atom|link").attr("href").endsWith("/feeds/ai.rss"));
    assertEquals("30", rss.selectFirst("channel > ttl").text());
    assertEquals("zh-cn", rss.selectFirst("channel > language").text());
    assertTrue(rss.selectFirst("channel > title").text().startsWith("Syndic"));
    assertFalse(rss.select("item").isEmpty());
    for (var item : rss.select("item")) {
      assertTrue(item.selectFirst("source").attr("url").startsWith("https://"), () -> "source of " + item.selectFirst("title").text());
      assertFalse(item.selectFirst("source").text().isBlank());
      assertNotNull(item.selectFirst("pubDate"));
      assertNotNull(item.selectFirst("dc|creator"));
      assertTrue(item.selectFirst("guid").text().startsWith("urn:syndic:entry:"));
    }
  }

  @Test
  void atomEntriesNameTheirSourceAndReadBack() throws Exception {
    String xml = http.toBlocking().retrieve("/feeds/all.atom");
    SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
    assertEquals("atom_1.0", feed.getFeedType());
    Document atom = Jsoup.parse(xml, "", org.jsoup.parser.Parser.xmlParser());
    assertEquals(feed.getEntries().size(), atom.select("entry > source > title").size());
    assertTrue(atom.selectFirst("feed > link[rel=self]").attr("href").endsWith("/feeds/all.atom"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonFeedIsVersion11WithContentAndSource() {
    HttpResponse<Map> r = http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.json?limit=5"), Map.class);
    assertTrue(r.getContentType().orElseThrow().toString().startsWith("application/feed+json"));
    Map<String, Object> feed = r.body();
    assertEquals("https://jsonfeed.org/version/1.1", feed.get("version"));
    assertTrue(((String) feed.get("feed_url")).endsWith("/feeds/ai.json?limit=5"));
    List<Map<String, Object>> items = (List<Map<String, Object>>) feed.get("items");
    assertEquals(5, items.size());
    for (Map<String, Object> item : items) {
      assertTrue(((String) item.get("id")).startsWith("urn:syndic:entry:"));
      assertTrue(((String) item.get("content_html")).contains(Disclaimer.CSS_CLASS));
      assertNotNull(item.get("date_published"));
      assertTrue(((List<String>) item.get("tags")).contains("ai"));
      assertNotNull(((Map<String, Object>) item.get("_source")).get("title"));
    }
  }

  @Test
  void homePageListsCategoriesWithAutodiscovery() {
    HttpResponse<String> r = http.toBlocking().exchange(HttpRequest.GET("/"), String.class);
    assertTrue(r.getContentType().orElseThrow().toString().startsWith("text/html"));
    Document page = Jsoup.parse(r.body());
    assertTrue(page.select("link[rel=alternate][type=application/rss+xml][href$=/feeds/ai.rss]").size() == 1);
    assertTrue(page.select("link[rel=alternate][type=application/atom+xml][href$=/feeds/all.atom]").size() == 1);
    assertTrue(page.select("link[rel=alternate][type=application/feed+json][href$=/feeds/agriculture.json]").size() == 1);
    assertFalse(page.select("a[href=/feeds/entertainment.rss]").isEmpty());
    assertTrue(page.select("ul li a").size() >= 10, "recent entries are listed");
  }

  /**
   * A format's link is not broken across lines: the subscribe column is narrow, and a browser
   * wrapped "Atom 1.0" and "JSON Feed 1.1" inside the label (seen in a screenshot at 1280 px).
   */
  @Test
  void homePageKeepsEachSubscribeLinkOnOneLine() {
    Document page = Jsoup.parse(http.toBlocking().exchange(HttpRequest.GET("/"), String.class).body());
    assertEquals(3 * page.select("tr td strong").size(), page.select("td.subscribe a").size(), "every format of every category");
    assertTrue(page.select("style").html().contains(".subscribe a{white-space:nowrap}"), page.select("style").html());
  }

  @Test
  void conditionalRequestsAnswer304AndHeadersAllowCaching() {
    HttpResponse<String> first = http.toBlocking().exchange(HttpRequest.GET("/feeds/all.json"), String.class);
    assertEquals("Accept-Encoding", first.header("Vary"));
    assertTrue(first.header("Cache-Control").contains("max-age="));
    String lastModified = first.header("Last-Modified");
    HttpResponse<String> byDate = http.toBlocking().exchange(HttpRequest.GET("/feeds/all.json").header("If-Modified-Since", lastModified), String.class);
    assertEquals(HttpStatus.NOT_MODIFIED, byDate.getStatus());
    HttpResponse<String> otherTag = http.toBlocking().exchange(HttpRequest.GET("/feeds/all.json").header("If-None-Match", "\"nope\""), String.class);
    assertEquals(HttpStatus.OK, otherTag.getStatus());
    HttpResponse<String> listed = http.toBlocking().exchange(
        HttpRequest.GET("/feeds/all.json").header("If-None-Match", "\"nope\", " + first.header("ETag")), String.class);
    assertEquals(HttpStatus.NOT_MODIFIED, listed.getStatus());
    String rssTag = http.toBlocking().exchange(HttpRequest.GET("/feeds/all.rss"), String.class).header("ETag");
    assertNotEquals(first.header("ETag"), rssTag, "each variant has its own ETag");
  }

  @Test
  void feedsAreGzippedForClientsThatAsk() throws Exception {
    // The JDK client, because it does not decompress behind the test's back.
    java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/feeds/all.rss")).header("Accept-Encoding", "gzip").build(),
        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
    String xml = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body())).readAllBytes(), "UTF-8");
    assertTrue(xml.startsWith("<?xml") && xml.contains("<rss"));
  }

  @Test
  void aChangeCommittedElsewhereReachesTheCachedFeed() throws Exception {
    String before = http.toBlocking().retrieve("/feeds/agriculture.rss");
    String etag = http.toBlocking().exchange(HttpRequest.GET("/feeds/agriculture.rss"), String.class).header("ETag");
    // As another instance would: straight into PostgreSQL, nothing in this instance is told.
    tx.executeWrite(s -> jdbc.prepareStatement(
        "UPDATE entry SET title = title || ' [changed elsewhere]' WHERE id = (SELECT ec.entry_id FROM entry_category ec "
            + "JOIN category c ON c.id = ec.category_id WHERE c.slug = 'agriculture' ORDER BY ec.entry_id LIMIT 1)",
        ps -> ps.executeUpdate()));
    String after = before;
    for (int i = 0; i < 40 && after.equals(before); i++) {
      Thread.sleep(100);
      after = http.toBlocking().retrieve("/feeds/agriculture.rss");
    }
    assertTrue(after.contains("[changed elsewhere]"), "the cached feed was rendered again");
    HttpResponse<String> r = http.toBlocking().exchange(HttpRequest.GET("/feeds/agriculture.rss").header("If-None-Match", etag), String.class);
    assertEquals(HttpStatus.OK, r.getStatus(), "the old ETag no longer matches");
  }
}
