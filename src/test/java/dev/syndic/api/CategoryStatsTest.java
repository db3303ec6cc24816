package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.support.FeedServerTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A category's recent intake as its editor sees it: by origin, per day, by source, by rule term. */
@MicronautTest(transactional = false)
class CategoryStatsTest extends FeedServerTest {

  @Test
  @SuppressWarnings("unchecked")
  void statsCountEntriesByOriginDaySourceAndTheTermsThatBroughtThem() {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "kites", "nameZh", "风筝", "nameEn", "Kites",
        "rules", Map.of("terms", Map.of("风筝", 3.0, "线轮", 1.5), "feedTags", List.of("kite")))));
    Instant now = Instant.now();
    String rss = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Kite news</title>"
        + "<link>https://kites.example/</link><description>d</description>"
        + item("k-1", "潍坊风筝节开幕", "<p>各地风筝爱好者齐聚。</p>", now.minusSeconds(3600)).replace("</item>", "<category>kite</category></item>")
        + item("k-2", "风筝配件怎么选", "<p>线轮要轻，线轮要稳，线轮要顺手。</p>", now.minusSeconds(7200))
        + item("k-3", "周末天气晴好", "<p>适合出游。</p>", now.minusSeconds(600))
        + item("k-4", "去年的风筝节回顾", "<p>旧闻。</p>", now.minusSeconds(40L * 86400))
        + "</channel></rss>";
    server.serve("/kites.xml", rss.getBytes(StandardCharsets.UTF_8));
    long source = ((Number) api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", server.url("/kites.xml"), "category", "kites")))
        .get("id")).longValue();
    api.poll(source);

    Map<String, Object> stats = api.body(HttpRequest.GET("/api/v1/categories/kites/stats"));
    assertEquals(3, ((Number) stats.get("entries")).intValue(), stats::toString);
    assertEquals(Map.of("rule", 2, "model", 0, "source", 1, "admin", 0), stats.get("byOrigin"), "k-3 only by its source's category");
    List<Map<String, Object>> terms = (List<Map<String, Object>>) stats.get("terms");
    assertEquals(Map.of("term", "风筝", "entries", 2, "inTitle", 2), terms.get(0));
    assertEquals(Map.of("term", "线轮", "entries", 1, "inTitle", 0), terms.get(1), "a repeated body term is one term, its evidence to the hundredth (+2.25): " + terms);
    assertEquals(2, terms.size(), "a feed tag's evidence is not a term: " + terms);
    List<Map<String, Object>> sources = (List<Map<String, Object>>) stats.get("sources");
    assertEquals(List.of(3), sources.stream().map(s -> s.get("entries")).toList());
    int perDay = ((List<Map<String, Object>>) stats.get("perDay")).stream().mapToInt(d -> ((Number) d.get("entries")).intValue()).sum();
    assertEquals(3, perDay, "last year's festival is outside the week");

    Map<String, Object> wider = api.body(HttpRequest.GET("/api/v1/categories/kites/stats?days=90"));
    assertEquals(4, ((Number) wider.get("entries")).intValue());
    assertEquals(LocalDate.ofInstant(now.minusSeconds(40L * 86400), ZoneOffset.UTC).toString(),
        ((List<Map<String, Object>>) wider.get("perDay")).get(0).get("day"));

    assertEquals(400, api.call(HttpRequest.GET("/api/v1/categories/kites/stats?days=0")).code());
    assertEquals(400, api.call(HttpRequest.GET("/api/v1/categories/kites/stats?days=91")).code());
    assertEquals(404, api.call(HttpRequest.GET("/api/v1/categories/nope/stats")).code());
    assertEquals(400, api.call(HttpRequest.GET("/api/v1/categories/kites/stats?days=2147483648")).code());
    assertEquals(7, java.time.Duration.between(Instant.parse((String) api.body(HttpRequest.GET("/api/v1/categories/kites/stats?days="))
        .get("since")), Instant.now()).toDays(), "blank: the default week");
  }

  private static String item(String guid, String title, String html, Instant published) {
    return "<item><guid>" + guid + "</guid><title>" + title + "</title><link>https://kites.example/" + guid + "</link><description><![CDATA["
        + html + "]]></description><pubDate>" + DateTimeFormatter.RFC_1123_DATE_TIME.format(published.atOffset(ZoneOffset.UTC))
        + "</pubDate></item>";
  }
}
