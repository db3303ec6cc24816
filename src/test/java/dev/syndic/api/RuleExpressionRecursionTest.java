package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.category.Category;
import dev.syndic.category.CategoryCatalog;
import dev.syndic.category.CategoryStore;
import dev.syndic.classify.CategoryRules;
import dev.syndic.support.Await;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rule expression that repeats an alternation ({@code (?:.|\n)*}) makes {@code java.util.regex}
 * recurse once per character it consumes: on a long text it throws {@link StackOverflowError}, an
 * {@code Error} no time budget stops and no {@code catch (RuntimeException)} handles.
 */
@MicronautTest(transactional = false)
class RuleExpressionRecursionTest extends FeedServerTest {

  static final String DEEP = "(?:.|\\n)*结束";

  @Inject
  CategoryStore store;

  @Inject
  CategoryCatalog catalog;

  @Test
  void anExpressionThatRecursesPerCharacterIsRefusedNamingIt() {
    HttpResponse<Map<String, Object>> refused = api.call(HttpRequest.POST("/api/v1/categories",
        Map.of("slug", "deep", "rules", Map.of("patterns", Map.of(DEEP, 2.0)))));

    assertEquals(400, refused.code(), () -> String.valueOf(refused.getBody(Map.class)));
    String detail = String.valueOf(refused.getBody(Map.class).orElseThrow().get("detail"));
    assertTrue(detail.contains("rules.patterns['" + DEEP + "']"), detail);
    assertEquals(404, api.call(HttpRequest.GET("/api/v1/categories/deep")).code());
  }

  /** Stored before the API refused it (or seeded): the entry is still stored and categorized by the rest of the rules. */
  @Test
  void aStoredExpressionThatOverflowsCountsAsNotMatchingAndPollingAndReCategorizingGoOn() throws Exception {
    store.save(new Category(null, "ceramics", "陶艺", "Ceramics", "", true, 4.0,
        new CategoryRules(Map.of("陶瓷", 5.0), Map.of(DEEP, 2.0), List.of()), null));
    catalog.invalidate();
    String body = "景德镇陶瓷" + "窑火千年，匠人拉坯、利坯、施釉、烧成。".repeat(1000);
    server.serve("/deep.xml", Fixtures.rss(new String[] {"d-1", "陶瓷展开幕", body}));
    long source = api.addSource(server.url("/deep.xml"));

    HttpResponse<Map<String, Object>> polled = api.call(HttpRequest.POST("/api/v1/sources/" + source + "/poll?wait=true", ""));

    assertEquals(200, polled.code(), () -> String.valueOf(polled.getBody(Map.class)));
    assertEquals(1, ((Number) polled.body().get("newEntries")).intValue(), polled.body()::toString);
    Map<String, Object> entry = api.entries("source=" + source).get(0);
    assertEquals(List.of("ceramics"), ((List<?>) entry.get("categories")).stream().map(c -> ((Map<?, ?>) c).get("slug")).toList());

    assertEquals(202, api.call(HttpRequest.POST("/api/v1/categories/recategorize", "")).code());
    Await.until("the run ends, and none is owed after it", Duration.ofSeconds(60), api::recategorizingOver);
    assertEquals("done", api.body(HttpRequest.GET("/api/v1/categories/recategorize")).get("state"));
  }
}
