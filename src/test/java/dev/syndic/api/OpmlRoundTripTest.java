package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Api;
import dev.syndic.support.FeedServer;
import dev.syndic.support.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exporting the sources and importing the file again keeps what they were: a source never polled
 * gets its feed's title (not its URL for good), a disabled one stays disabled, a paused one
 * paused; files of other readers that write a URL as the title get the feed's title too.
 */
@MicronautTest(transactional = false)
class OpmlRoundTripTest {

  @Inject
  @Client("/")
  HttpClient http;

  private Api api() {
    return new Api(http.toBlocking());
  }

  private String export() {
    return http.toBlocking().retrieve(HttpRequest.GET("/api/v1/sources/export").bearerAuth(Api.TOKEN), String.class);
  }

  private Map<String, Object> source(Object id) {
    return api().body(HttpRequest.GET("/api/v1/sources/" + id));
  }

  /** Imports the OPML; answers the new sources by URL. */
  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> importOpml(String opml) {
    Map<String, Object> result = api().body(
        HttpRequest.POST("/api/v1/sources/import", opml.getBytes(StandardCharsets.UTF_8)).contentType("text/x-opml"));
    Map<String, Map<String, Object>> byUrl = new HashMap<>();
    for (Object id : (List<Object>) result.get("sourceIds")) {
      Map<String, Object> s = source(id);
      byUrl.put((String) s.get("url"), s);
    }
    return byUrl;
  }

  /** The item ids of a category's JSON feed, by title. */
  @SuppressWarnings("unchecked")
  private Map<String, String> itemIds(String category) {
    Map<String, Object> feed = http.toBlocking().retrieve(HttpRequest.GET("/feeds/" + category + ".json?limit=500"),
        io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
    Map<String, String> ids = new HashMap<>();
    for (Map<String, Object> item : (List<Map<String, Object>>) feed.get("items")) {
      ids.put((String) item.get("title"), (String) item.get("id"));
    }
    return ids;
  }

  /** A source that moved makes its item ids from its first address (V34); a rebuild from the export made them from the new one. */
  @Test
  void aMovedSourceKeepsItsItemIdsThroughAnExportAndImport() {
    try (FeedServer server = FeedServer.start()) {
      byte[] feed = Fixtures.rss(new String[] {"moved-1", "Moved story one", "<p>One.</p>"}, new String[] {"moved-2", "Moved story two", "<p>Two.</p>"});
      server.serve("/before.xml", feed);
      server.serve("/after.xml", feed);
      long id = ((Number) api().body(HttpRequest.POST("/api/v1/sources", Map.of("url", server.url("/before.xml"), "category", "education")))
          .get("id")).longValue();
      api().poll(id);
      String first = itemIds("education").get("Moved story one");
      assertTrue(first != null && first.startsWith("urn:syndic:entry:"), "an item id: " + first);
      api().body(HttpRequest.PATCH("/api/v1/sources/" + id, Map.of("url", server.url("/after.xml"))));
      api().poll(id);
      assertEquals(first, itemIds("education").get("Moved story one"), "moved: the same id");

      String opml = export();
      assertTrue(opml.contains("syndic:idUrl=\"" + server.url("/before.xml") + "\""), opml);
      api().call(HttpRequest.DELETE("/api/v1/sources/" + id));
      Map<String, Map<String, Object>> back = importOpml(opml);
      long restored = ((Number) back.get(server.url("/after.xml")).get("id")).longValue();
      api().poll(restored);
      assertEquals(first, itemIds("education").get("Moved story one"), "restored from the export: the same id");
      assertTrue(export().contains("syndic:idUrl=\"" + server.url("/before.xml") + "\""), "and exported again so");
    }
  }

  @Test
  void aRoundTripKeepsTitlesHonestAndDisabledAndPausedSources() {
    try (FeedServer server = FeedServer.start()) {
      server.serve("/never.xml", Fixtures.rss(new String[] {"rt-1", "Round trip story", "<p>Body.</p>"}));
      String never = server.url("/never.xml");
      String off = server.url("/off.xml");
      String paused = server.url("/paused.xml");
      long neverId = api().addSource(never);
      long offId = api().addSource(off);
      long pausedId = api().addSource(paused);
      api().body(HttpRequest.PATCH("/api/v1/sources/" + offId, Map.of("enabled", false)));
      api().body(HttpRequest.PATCH("/api/v1/sources/" + pausedId, Map.of("status", "paused")));

      String opml = export();
      assertFalse(opml.contains("title=\"" + never + "\""), "a URL is not written as a title: " + opml);
      for (long id : new long[] {neverId, offId, pausedId}) {
        api().call(HttpRequest.DELETE("/api/v1/sources/" + id));
      }

      Map<String, Map<String, Object>> back = importOpml(opml);
      assertNull(back.get(never).get("title"), "no title until the feed gives one");
      assertEquals(true, back.get(never).get("enabled"));
      assertEquals("active", back.get(never).get("status"));
      assertEquals(false, back.get(off).get("enabled"), "disabled stays disabled");
      assertEquals("active", back.get(off).get("status"));
      assertEquals(true, back.get(paused).get("enabled"));
      assertEquals("paused", back.get(paused).get("status"), "paused stays paused");

      api().poll(((Number) back.get(never).get("id")).longValue());
      assertEquals("Test feed", source(back.get(never).get("id")).get("title"), "the feed's own title");
    }
  }

  /**
   * An admin's poll interval comes back from the export (it was left out, and a database rebuilt
   * from the file polled every such source at the adaptive interval); an interval outside the
   * bounds a PATCH takes is a 400 naming the outline, and nothing is imported.
   */
  @Test
  void aRoundTripKeepsAnAdminsPollInterval() {
    String url = "https://interval.example.org/hourly.xml";
    long id = api().addSource(url);
    api().body(HttpRequest.PATCH("/api/v1/sources/" + id, Map.of("pollIntervalSeconds", 3600)));
    String adaptive = "https://interval.example.org/adaptive.xml";
    long adaptiveId = api().addSource(adaptive);

    String opml = export();
    api().call(HttpRequest.DELETE("/api/v1/sources/" + id));
    api().call(HttpRequest.DELETE("/api/v1/sources/" + adaptiveId));
    Map<String, Map<String, Object>> back = importOpml(opml);

    assertEquals(3600, ((Number) back.get(url).get("pollIntervalSeconds")).intValue(), opml);
    assertNull(back.get(adaptive).get("pollIntervalSeconds"), "none set: the adaptive interval");

    String tooOften = """
        <opml version="2.0" xmlns:syndic="urn:syndic:opml"><body>
        <outline text="Fast" xmlUrl="https://interval.example.org/fast.xml" syndic:pollIntervalSeconds="5"/>
        </body></opml>""";
    var refused = api().call(HttpRequest.POST("/api/v1/sources/import", tooOften.getBytes(StandardCharsets.UTF_8)).contentType("text/x-opml"));
    assertEquals(400, refused.code());
    assertTrue(String.valueOf(refused.getBody(Map.class).orElseThrow().get("detail")).contains("outline 'Fast': pollIntervalSeconds: must be between 60"),
        () -> String.valueOf(refused.getBody(Map.class).orElse(null)));
    String notANumber = tooOften.replace("\"5\"", "\"hourly\"");
    var refusedToo = api().call(HttpRequest.POST("/api/v1/sources/import", notANumber.getBytes(StandardCharsets.UTF_8)).contentType("text/x-opml"));
    assertEquals(400, refusedToo.code());
    assertTrue(String.valueOf(refusedToo.getBody(Map.class).orElseThrow().get("detail")).contains("syndic:pollIntervalSeconds: 'hourly'"),
        () -> String.valueOf(refusedToo.getBody(Map.class).orElse(null)));
  }

  @Test
  void aUrlAsTitleFromAnotherReaderGivesWayToTheFeedsTitle() {
    try (FeedServer server = FeedServer.start()) {
      server.serve("/other.xml", Fixtures.rss(new String[] {"rt-2", "Other reader story", "<p>Body.</p>"}));
      String url = server.url("/other.xml");
      String opml = """
          <?xml version="1.0"?><opml version="1.0" xmlns:foo="urn:other"><body>
          <outline text="%s" title="%s" type="rss" xmlUrl="%s" foo:x="1"/>
          </body></opml>""".formatted(url, url, url);
      Map<String, Object> s = importOpml(opml).get(url);
      assertTrue(s.get("title") == null || url.equals(s.get("title")), String.valueOf(s.get("title")));
      assertEquals(true, s.get("enabled"));
      api().poll(((Number) s.get("id")).longValue());
      assertEquals("Test feed", source(s.get("id")).get("title"));
    }
  }
}
