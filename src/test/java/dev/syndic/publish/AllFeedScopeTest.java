package dev.syndic.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Await;
import dev.syndic.support.FeedServerTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The feed of every category ({@code /feeds/all.*}, a partner's private {@code all} feed) and the
 * home page's recent entries leave out an entry whose every category is disabled, as its
 * category's feed (404) and {@code /partner/v1/entries} do.
 */
@MicronautTest(transactional = false)
class AllFeedScopeTest extends FeedServerTest {

  @Inject
  ObjectMapper json;

  /**
   * A category an admin disabled has no feed (404, "its feed is back when an admin enables it")
   * and its entries leave partners; they stayed in the feed of every category, untagged.
   */
  @Test
  void anEntryOfADisabledCategoryLeavesTheFeedOfEveryCategoryAndTheHomePage() throws Exception {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "regattas", "nameZh", "帆船赛", "nameEn", "Regattas")));
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "lighthouses", "nameZh", "灯塔", "nameEn", "Lighthouses")));
    long quiet = source("/regattas.xml", "regattas", "regatta-1", "Harbour regatta draws forty sailing boats");
    long marker = source("/lighthouses.xml", "lighthouses", "lighthouse-1", "Old lighthouse keeper retires after forty years");
    String key = (String) api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", "every-category", "categories", List.of("all"),
        "ratePerMinute", 100_000))).get("key");
    Await.until("both entries in the feed of every category", Duration.ofSeconds(10),
        () -> titles("/feeds/all.json?limit=500", null).containsAll(List.of("Harbour regatta draws forty sailing boats",
            "Old lighthouse keeper retires after forty years")));

    api.body(HttpRequest.PATCH("/api/v1/categories/regattas", Map.of("enabled", false)));
    // A change the feeds show for certain: once it shows, the disable shows too.
    api.patchEntry(api.entryId(marker, "lighthouse-1"), Map.of("hidden", true));
    Await.until("the hidden marker out of the feed of every category", Duration.ofSeconds(10),
        () -> !titles("/feeds/all.json?limit=500", null).contains("Old lighthouse keeper retires after forty years"));

    assertFalse(titles("/feeds/all.json?limit=500", null).contains("Harbour regatta draws forty sailing boats"), "public JSON feed");
    assertFalse(http.toBlocking().retrieve("/feeds/all.rss?limit=500").contains("Harbour regatta"), "public RSS feed");
    assertFalse(titles("/partner/v1/feeds/all.json?limit=500", key).contains("Harbour regatta draws forty sailing boats"),
        "a partner's private feed of every category");
    assertFalse(http.toBlocking().retrieve("/").contains("Harbour regatta"), "the home page's recent entries");
    assertTrue(api.entries("source=" + quiet).stream().anyMatch(e -> "regatta-1".equals(e.get("guid"))), "still stored");
  }

  private long source(String path, String category, String guid, String title) {
    server.serve(path, dev.syndic.support.Fixtures.rss(new String[] {guid, title, "<p>" + title + ".</p>"}));
    long id = ((Number) api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", server.url(path), "category", category))).get("id"))
        .longValue();
    assertEquals("ok", api.poll(id).get("outcome"));
    return id;
  }

  @SuppressWarnings("unchecked")
  private List<String> titles(String path, String key) {
    try {
      HttpRequest<?> request = key == null ? HttpRequest.GET(path) : HttpRequest.GET(path).bearerAuth(key);
      Map<String, Object> feed = json.readValue(http.toBlocking().retrieve(request), Map.class);
      return ((List<Map<String, Object>>) feed.get("items")).stream().map(i -> (String) i.get("title")).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
