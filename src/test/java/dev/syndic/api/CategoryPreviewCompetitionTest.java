package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServerTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Categories compete: an entry another category matches twice as strongly (in thresholds) is not
 * given a weaker one by the rules. So a rule change also adds and removes entries of the other
 * categories, and its preview says so. It listed only the changed category's gains and losses: an
 * editor who made climate's terms strong saw "3,307 added" and nothing of the 1,794 entries the
 * health feed lost on saving, nor of the sports and science ones.
 */
@MicronautTest(transactional = false)
class CategoryPreviewCompetitionTest extends FeedServerTest {

  @Test
  void thePreviewListsWhatTheChangeTakesFromAndGivesBackToOtherCategories() {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "teaware", "rules", Map.of("terms", Map.of("紫砂壶", 2.0)))));
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "glaze", "rules", Map.of("terms", Map.of("窑变釉", 3.0)))));
    long source = feed("/teaware.xml", new String[] {"t-1", "窑变釉紫砂壶", "一把壶"}, new String[] {"t-2", "窑变釉紫砂壶上新", "又一把壶"},
        new String[] {"t-3", "紫砂壶保养", "养壶"});
    long taken = api.entryId(source, "t-1");
    long kept = api.entryId(source, "t-2");
    long untouched = api.entryId(source, "t-3");
    api.body(HttpRequest.POST("/api/v1/categories/teaware/examples", Map.of("entryId", kept, "positive", true)));
    assertEquals(List.of("glaze", "teaware"), api.categorySlugs(taken).stream().sorted().toList(), "two matches, neither dominant");
    Map<String, Object> strong = Map.of("rules", Map.of("terms", Map.of("窑变釉", 30.0)));

    Map<String, Object> preview = api.body(HttpRequest.POST("/api/v1/categories/glaze/preview", strong));

    assertEquals(0, ((Number) preview.get("addedCount")).intValue(), preview::toString);
    List<?> others = (List<?>) preview.get("others");
    assertEquals(1, others.size(), preview::toString);
    Map<?, ?> teaware = (Map<?, ?>) others.get(0);
    assertEquals("teaware", teaware.get("slug"));
    assertEquals(0, ((Number) teaware.get("addedCount")).intValue(), teaware::toString);
    assertEquals(1, ((Number) teaware.get("removedCount")).intValue(), "an admin's example keeps its entry: " + teaware);
    Map<?, ?> removed = (Map<?, ?>) ((List<?>) teaware.get("removed")).get(0);
    assertEquals(taken, ((Number) removed.get("id")).longValue());
    assertTrue(((List<?>) removed.get("evidence")).contains("title:紫砂壶 +4.0"), removed::toString);

    api.body(HttpRequest.PATCH("/api/v1/categories/glaze", strong));
    api.awaitRecategorizing();
    assertEquals(List.of("glaze"), api.categorySlugs(taken), "saving does what the preview said");
    assertEquals(List.of("glaze", "teaware"), api.categorySlugs(kept).stream().sorted().toList());
    assertEquals(List.of("teaware"), api.categorySlugs(untouched));

    Map<String, Object> back = api.body(HttpRequest.POST("/api/v1/categories/glaze/preview", Map.of("rules", Map.of("terms",
        Map.of("窑变釉", 3.0)))));
    Map<?, ?> regained = (Map<?, ?>) ((List<?>) back.get("others")).get(0);
    assertEquals(List.of("teaware", 1, 0), List.of(regained.get("slug"), regained.get("addedCount"), regained.get("removedCount")),
        back::toString);
  }
}
