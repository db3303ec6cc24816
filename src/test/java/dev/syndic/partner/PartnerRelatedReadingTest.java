package dev.syndic.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.support.Await;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The related-reading block of the partner API lists each entry once. Its pool was the newest
 * entries followed by the page itself, so in a category with fewer entries than the block's size
 * the page's entries came twice, and the block listed the same story twice.
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.catalogue.import-on-first-start", value = "false")
class PartnerRelatedReadingTest extends FeedServerTest {

  private String key;

  private String key() {
    if (key == null) {
      api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "harbours", "nameZh", "港口", "nameEn", "Harbours", "threshold", 100,
          "rules", Map.of("terms", Map.of("harbour", 1)))));
      server.serve("/harbours.xml", Fixtures.rss(
          new String[] {"h-1", "Harbour pilots join the strike", "<p>Pilots at the harbour walked out on Monday.</p>"},
          new String[] {"h-2", "Fish market reopens by the harbour", "<p>Traders were back at the quay by dawn.</p>"}));
      long source = ((Number) api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", server.url("/harbours.xml"), "category", "harbours")))
          .get("id")).longValue();
      api.poll(source);
      key = (String) api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", "related-once.example", "categories", List.of("harbours"),
          "related", true, "ratePerMinute", 100_000))).get("key");
    }
    return key;
  }

  @ParameterizedTest
  @ValueSource(strings = {"/partner/v1/entries?limit=10", "/partner/v1/entries?category=harbours&limit=10",
      "/partner/v1/entries?order=arrival&limit=10"})
  void eachRelatedEntryIsListedOnce(String path) {
    String partnerKey = key();
    // Positions in arrival order are given within about a second of the poll's commit.
    Await.until("both entries listed", Duration.ofSeconds(10), () -> items(path, partnerKey).size() == 2);
    List<Map<String, Object>> items = items(path, partnerKey);
    for (Map<String, Object> item : items) {
      String html = (String) item.get("contentHtml");
      String other = item.get("link").toString().endsWith("/h-1") ? "https://test.example.com/h-2" : "https://test.example.com/h-1";
      assertEquals(1, count(html, "<li>"), () -> item.get("title") + ": " + html);
      assertEquals(1, count(html, "href=\"" + other + "\""), () -> item.get("title") + ": " + html);
    }
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> items(String path, String partnerKey) {
    return (List<Map<String, Object>>) http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(partnerKey), Argument.mapOf(String.class, Object.class))
        .get("items");
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
