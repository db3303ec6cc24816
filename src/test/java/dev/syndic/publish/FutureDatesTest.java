package dev.syndic.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServerTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A publisher's date ahead of the time its entry was stored (a CMS writing China's time as GMT,
 * eight hours ahead; a typo'd year) is no date the store sorts by, and no date readers are given:
 * most readers sort by the item's date, so such an item sat above every other until its date came
 * (an item dated 2999 for good), and the W3C validator calls the date implausible.
 */
@MicronautTest(transactional = false)
class FutureDatesTest extends FeedServerTest {

  @Inject
  ObjectMapper json;

  Instant polled;

  @BeforeAll
  void ingest() {
    String ahead = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plus(Duration.ofHours(8)).atOffset(ZoneOffset.UTC));
    String rss = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Dates ahead</title>"
        + "<link>https://ahead.example.com/</link><description>test</description>\n"
        + item("typo-year", "大模型推理芯片发布 年份写错", "Fri, 01 Jan 2999 08:00:00 GMT")
        + item("eight-hours", "人工智能大模型开源 时区写错", ahead)
        + item("on-time", "人工智能算力中心投产", "Tue, 17 Mar 2026 08:00:00 GMT")
        + "</channel></rss>\n";
    server.serve("/ahead.xml", rss.getBytes(StandardCharsets.UTF_8));
    long id = ((Number) api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", server.url("/ahead.xml"), "category", "ai"))).get("id"))
        .longValue();
    polled = Instant.now();
    assertEquals("ok", api.poll(id).get("outcome"));
  }

  private static String item(String guid, String title, String date) {
    return "<item><guid>" + guid + "</guid><title>" + title + "</title><link>https://ahead.example.com/" + guid + "</link>"
        + "<description>人工智能 大模型 " + title + "</description><pubDate>" + date + "</pubDate></item>\n";
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDateAheadOfTheStoringIsNotGivenToReaders() throws Exception {
    Instant bound = Instant.now().plus(Duration.ofHours(1));
    List<Map<String, Object>> items = (List<Map<String, Object>>) json.readValue(
        http.toBlocking().retrieve("/feeds/ai.json?limit=500"), Map.class).get("items");
    for (String guid : List.of("typo-year", "eight-hours")) {
      Map<String, Object> item = items.stream().filter(i -> ("https://ahead.example.com/" + guid).equals(i.get("url"))).findFirst().orElseThrow();
      for (String field : List.of("date_published", "date_modified")) {
        Instant shown = Instant.parse((String) item.get(field));
        assertFalse(shown.isAfter(bound), () -> guid + " " + field + " is " + shown);
        assertFalse(shown.isBefore(polled.minusSeconds(5)), () -> guid + " " + field + " is " + shown + ", the time it was first seen");
      }
    }
    Map<String, Object> onTime = items.stream().filter(i -> "https://ahead.example.com/on-time".equals(i.get("url"))).findFirst().orElseThrow();
    assertEquals("2026-03-17T08:00:00Z", onTime.get("date_published"), "a date in the past is the publisher's");

    Document rss = Jsoup.parse(http.toBlocking().retrieve("/feeds/ai.rss?limit=500"), "", Parser.xmlParser());
    assertTrue(rss.select("item > pubDate").eachText().stream().noneMatch(d -> d.contains("2999")), "RSS");
    assertFalse(http.toBlocking().retrieve("/feeds/ai.atom?limit=500").contains("2999-"), "Atom");

    String key = (String) api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", "dates-ahead", "categories", List.of("ai"),
        "ratePerMinute", 100_000))).get("key");
    Map<String, Object> page = json.readValue(http.toBlocking().retrieve(HttpRequest.GET("/partner/v1/entries?limit=500").bearerAuth(key)),
        Map.class);
    for (Map<String, Object> e : (List<Map<String, Object>>) page.get("items")) {
      assertFalse(Instant.parse((String) e.get("published")).isAfter(bound), () -> "partner item " + e.get("link") + " " + e.get("published"));
    }
    assertFalse(http.toBlocking().retrieve("/").contains("2999-"), "the home page");
  }
}
