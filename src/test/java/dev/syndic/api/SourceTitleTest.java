package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServerTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A source's name, from an admin or from its feed, is one readable line of bounded length: it is
 * shown in admin lists and written into the disclaimer of every entry of the source.
 */
@MicronautTest(transactional = false)
class SourceTitleTest extends FeedServerTest {

  @Test
  void aFeedsMarkupMultiLineOrHugeTitleIsStoredAsOneShortLine() {
    String title = "<b>Tom &amp; Jerry</b>\n\t  News\u202E\u0007 " + "长".repeat(400);
    String feed = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"html\">"
        + title.replace("&", "&amp;").replace("<", "&lt;").replace("\u0007", "") + "</title><id>urn:t</id><updated>2026-03-01T00:00:00Z</updated>"
        + "<entry><id>urn:t:1</id><title>One</title><updated>2026-03-01T00:00:00Z</updated><link href=\"https://t.example.com/1\"/></entry></feed>";
    server.serve("/titled.atom", feed.getBytes(StandardCharsets.UTF_8), "application/atom+xml");
    long id = api.addSource(server.url("/titled.atom"));
    assertEquals("ok", api.poll(id).get("outcome"));

    String stored = (String) api.body(HttpRequest.GET("/api/v1/sources/" + id)).get("title");

    assertTrue(stored.startsWith("Tom & Jerry News 长长"), stored);
    assertEquals(201, stored.length(), "200 characters and the ellipsis");
    assertTrue(stored.endsWith("…"), stored);
  }

  /** An export of an instance that stored an overlong title before titles were bounded still imports whole. */
  @Test
  void anImportedOverlongTitleIsCutNotRefused() {
    String opml = "<opml version=\"2.0\"><body><outline type=\"rss\" text=\"" + "z".repeat(600)
        + "\" xmlUrl=\"https://titles.example.org/imported.xml\"/></body></opml>";
    Map<String, Object> result = api.body(HttpRequest.POST("/api/v1/sources/import", opml.getBytes(StandardCharsets.UTF_8))
        .contentType("text/x-opml"));
    assertEquals(1, ((Number) result.get("imported")).intValue(), result.toString());
    Object id = ((java.util.List<?>) result.get("sourceIds")).get(0);
    String title = (String) api.body(HttpRequest.GET("/api/v1/sources/" + id)).get("title");
    assertEquals("z".repeat(500) + "…", title);
  }

  @Test
  void anAdminsOverlongTitleIsRefusedAndABlankOneGivesTheFeedsBack() {
    HttpResponse<Map<String, Object>> created = api.call(HttpRequest.POST("/api/v1/sources",
        Map.of("url", "https://titles.example.org/feed.xml", "title", "x".repeat(501))));
    assertEquals(400, created.code());
    assertTrue(String.valueOf(created.getBody(Map.class).orElseThrow().get("detail")).contains("title: at most 500 characters, was 501"));

    long id = ((Number) api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", "https://titles.example.org/feed.xml", "title", "Mine")))
        .get("id")).longValue();
    assertEquals(400, api.call(HttpRequest.PATCH("/api/v1/sources/" + id, Map.of("title", "y".repeat(600)))).code());
    assertEquals("Mine", api.body(HttpRequest.GET("/api/v1/sources/" + id)).get("title"));
    api.body(HttpRequest.PATCH("/api/v1/sources/" + id, Map.of("title", "  ")));
    assertEquals(null, api.body(HttpRequest.GET("/api/v1/sources/" + id)).get("title"), "no title of its own: the feed's is taken");
  }
}
