package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServerTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An editor asks why an entry is, or is not, in a category ({@code GET /api/v1/entries/{id}/explain}):
 * the rules' score against the threshold, a category that outscores it, and admins' decisions.
 */
@MicronautTest(transactional = false)
class ExplainTest extends FeedServerTest {

  @BeforeAll
  void categories() {
    // glaze is strong in a title, teaware weak in a body: glaze outscores teaware 10 to 1.
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "glaze", "threshold", 1,
        "rules", Map.of("terms", Map.of("窑变釉", 5), "patterns", Map.of(), "feedTags", List.of()))));
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "teaware", "threshold", 1,
        "rules", Map.of("terms", Map.of("紫砂壶", 1), "patterns", Map.of(), "feedTags", List.of()))));
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "orchard", "threshold", 4,
        "rules", Map.of("terms", Map.of("苹果园", 1), "patterns", Map.of(), "feedTags", List.of()))));
    api.awaitRecategorizing();
  }

  @AfterAll
  void dropCategories() {
    for (String slug : List.of("glaze", "teaware", "orchard")) {
      api.call(HttpRequest.DELETE("/api/v1/categories/" + slug));
    }
  }

  @Test
  void aCategoryAssignedSaysItReachedItsThreshold() {
    long id = api.entryId(feed("/explain-glaze.xml", new String[] {"e-1", "窑变釉的秘密", "一种釉色"}), "e-1");

    Map<?, ?> glaze = category(explain(id), "glaze");

    assertEquals(true, glaze.get("in"));
    assertEquals("rule", glaze.get("origin"));
    assertEquals(true, glaze.get("machine"));
    assertTrue(((Number) glaze.get("ruleScore")).doubleValue() >= 1, () -> "score: " + glaze);
    assertFalse(((List<?>) glaze.get("evidence")).isEmpty(), () -> "evidence: " + glaze);
    assertTrue(reasons(glaze).get(0).contains("reaches the threshold 1.00"), () -> "reasons: " + glaze);
  }

  @Test
  void aCategoryMissedSaysWhyUnderItsThresholdOrOutscored() {
    long id = api.entryId(feed("/explain-missed.xml", new String[] {"m-1", "窑变釉茶具", "配一把紫砂壶，旁边是苹果园"}), "m-1");

    Map<String, Object> explained = explain(id);

    Map<?, ?> orchard = category(explained, "orchard");
    assertEquals(false, orchard.get("in"));
    assertEquals(false, orchard.get("machine"));
    assertTrue(reasons(orchard).get(0).startsWith("rules: 1.00 is under the threshold 4.00"), () -> "reasons: " + orchard);
    Map<?, ?> teaware = category(explained, "teaware");
    assertEquals(false, teaware.get("in"));
    assertTrue(reasons(teaware).get(0).contains("but glaze outscores it"), () -> "reasons: " + teaware);
    assertEquals(true, category(explained, "glaze").get("in"));
  }

  @Test
  void adminsDecisionsComeFirst() {
    long id = api.entryId(feed("/explain-admin.xml", new String[] {"a-1", "窑变釉的秘密", "一种釉色"}), "a-1");
    api.example("glaze", id, false);

    Map<?, ?> refused = category(explain(id), "glaze");
    assertEquals(false, refused.get("in"));
    assertEquals(true, refused.get("machine"), "the rules alone would put it there");
    assertEquals("an admin's example says the entry does not belong here", reasons(refused).get(0));

    api.patchEntry(id, Map.of("categories", List.of("teaware")));
    Map<String, Object> corrected = explain(id);
    assertEquals(true, corrected.get("corrected"));
    Map<?, ?> teaware = category(corrected, "teaware");
    assertEquals(List.of(true, "admin"), List.of(teaware.get("in"), teaware.get("origin")));
    assertEquals("an admin's correction put the entry here", reasons(teaware).get(0));
    assertEquals(404, api.call(HttpRequest.GET("/api/v1/entries/999999/explain")).code());
  }

  /** An entry an admin filed under a category disabled since: the category says so, not "nothing matched". */
  @Test
  void aDisabledCategorySaysItIsDisabled() {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "celadon", "threshold", 4,
        "rules", Map.of("terms", Map.of("青瓷", 3), "patterns", Map.of(), "feedTags", List.of()))));
    try {
      long id = api.entryId(feed("/explain-disabled.xml", new String[] {"d-1", "一只茶盏", "釉色温润"}), "d-1");
      api.example("celadon", id, true);
      assertEquals(200, api.call(HttpRequest.PATCH("/api/v1/categories/celadon", Map.of("enabled", false))).code());
      api.awaitRecategorizing();

      Map<?, ?> celadon = category(explain(id), "celadon");

      assertEquals(List.of(true, "admin"), List.of(celadon.get("in"), celadon.get("origin")));
      assertEquals(false, celadon.get("machine"));
      assertEquals(List.of("an admin's example says the entry belongs here", "the category is disabled: its rules and a model put no entry in it"),
          reasons(celadon));
    } finally {
      api.call(HttpRequest.DELETE("/api/v1/categories/celadon"));
    }
  }

  private Map<String, Object> explain(long id) {
    return api.body(HttpRequest.GET("/api/v1/entries/" + id + "/explain"));
  }

  private static Map<?, ?> category(Map<String, Object> explained, String slug) {
    return ((List<?>) explained.get("categories")).stream().map(c -> (Map<?, ?>) c).filter(c -> slug.equals(c.get("slug"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + slug + " in " + explained));
  }

  private static List<String> reasons(Map<?, ?> category) {
    return ((List<?>) category.get("reasons")).stream().map(String::valueOf).toList();
  }
}
