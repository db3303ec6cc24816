package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.support.FeedServerTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admin API shows every category an entry is in, a disabled one's too: feeds leave a disabled
 * category out, but an admin listing {@code ?category=} of it, or filing an entry under it, was
 * answered entries whose {@code categories} did not name it, as if the correction had been lost.
 */
@MicronautTest(transactional = false)
class DisabledCategoryEntryViewTest extends FeedServerTest {

  @Test
  void anEntryInADisabledCategoryShowsItToAdmins() {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "harbours", "nameZh", "港口", "nameEn", "Harbours")));
    long source = feed("/harbours.xml", new String[] {"harbour-1", "Harbour master reopens the old quay", "<p>The old quay reopened.</p>"},
        new String[] {"harbour-2", "Ferry timetable changes for the winter", "<p>Fewer ferries in winter.</p>"});
    long first = api.entryId(source, "harbour-1");
    long second = api.entryId(source, "harbour-2");
    assertEquals(List.of("harbours"), slugs(api.patchEntry(first, Map.of("categories", List.of("harbours")))), "filed while enabled");

    api.body(HttpRequest.PATCH("/api/v1/categories/harbours", Map.of("enabled", false)));
    api.awaitRecategorizing();

    assertEquals(List.of("harbours"), api.categorySlugs(first), "the entry's detail");
    List<Map<String, Object>> listed = api.entriesOf("/api/v1/entries?category=harbours&limit=10");
    assertEquals(List.of(first), listed.stream().map(e -> ((Number) e.get("id")).longValue()).toList());
    assertEquals(List.of("harbours"), slugs(listed.get(0)), "the list filtered by the category");
    assertEquals(List.of("harbours"), slugs(api.patchEntry(second, Map.of("categories", List.of("harbours")))),
        "filed while disabled: the answer shows the correction");
  }

  private static List<String> slugs(Map<String, Object> entry) {
    return ((List<?>) entry.get("categories")).stream().map(c -> (String) ((Map<?, ?>) c).get("slug")).toList();
  }
}
