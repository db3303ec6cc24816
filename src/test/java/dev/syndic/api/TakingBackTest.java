package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Await;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.RawSql;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An editor takes back what they taught: a correction of an entry withdrawn (PATCH
 * {"categories": null}), an example listed and deleted. Each gives the entry back to the machine
 * at once, as if the admin had never decided it.
 */
@MicronautTest(transactional = false)
class TakingBackTest extends FeedServerTest {

  private static final String[] AI_STORY = {"t-1", "大模型训练成本下降", "人工智能大模型的训练成本继续下降"};

  @Inject
  RawSql raw;

  @Test
  void aWithdrawnCorrectionGivesTheEntryBackToTheRules() throws Exception {
    long source = feed("/withdraw.xml", AI_STORY);
    long id = api.entryId(source, "t-1");
    assertTrue(api.categorySlugs(id).contains("ai"), () -> "the rules say ai: " + api.categorySlugs(id));
    api.patchEntry(id, Map.of("categories", List.of("business")));
    assertEquals(List.of("business"), api.categorySlugs(id));

    Map<String, Object> withdrawn = api.body(HttpRequest.PATCH("/api/v1/entries/" + id, "{\"categories\":null}")
        .contentType("application/merge-patch+json"));

    List<Map<?, ?>> now = categories(withdrawn);
    assertTrue(now.stream().anyMatch(c -> c.get("slug").equals("ai") && c.get("origin").equals("rule")), () -> "ai by the rules again: " + now);
    assertFalse(now.stream().anyMatch(c -> c.get("slug").equals("business")), () -> "the correction's category went with it: " + now);
    assertEquals(202, api.call(HttpRequest.POST("/api/v1/categories/recategorize", "")).code());
    api.awaitRecategorizing();
    api.poll(source);
    assertTrue(api.categorySlugs(id).contains("ai"), "the machine decides it from now on, as any entry");
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "cost-watch", "threshold", 1,
        "rules", Map.of("terms", Map.of("训练成本", 5), "patterns", Map.of(), "feedTags", List.of()))));
    try {
      api.awaitRecategorizing();
      assertTrue(api.categorySlugs(id).contains("cost-watch"), () -> "no longer final: a new category reaches it " + api.categorySlugs(id));
    } finally {
      api.call(HttpRequest.DELETE("/api/v1/categories/cost-watch"));
      api.awaitRecategorizing();
    }
  }

  @Test
  void withdrawingWhereNoAdminDecidedChangesNothingAndAMissingEntryIs404() {
    long source = feed("/withdraw-nothing.xml", AI_STORY);
    long id = api.entryId(source, "t-1");
    List<String> before = api.categorySlugs(id);

    Map<String, Object> same = api.body(HttpRequest.PATCH("/api/v1/entries/" + id, "{\"categories\":null}").contentType(MediaType.APPLICATION_JSON));

    assertEquals(before, categories(same).stream().map(c -> c.get("slug")).toList());
    assertEquals(404, api.call(HttpRequest.PATCH("/api/v1/entries/999999", "{\"categories\":null}").contentType(MediaType.APPLICATION_JSON)).code());
  }

  /** Examples posted after a correction are the admin's later word: withdrawing the correction keeps them. */
  @Test
  void aWithdrawnCorrectionKeepsTheExamplesPostedSince() {
    long id = correctedToBusinessThenTaughtHealth("/withdraw-examples.xml");
    api.example("ai", id, false);

    api.body(HttpRequest.PATCH("/api/v1/entries/" + id, "{\"categories\":null}").contentType(MediaType.APPLICATION_JSON));

    List<String> after = api.categorySlugs(id);
    assertTrue(after.contains("health"), () -> "the positive example holds: " + after);
    assertFalse(after.contains("ai"), () -> "the negative one keeps the rules' ai out: " + after);
    assertFalse(after.contains("business"), () -> "the correction is gone: " + after);
  }

  @Test
  void examplesAreListedNewestEntryFirstAndPagedAndNarrowedByKind() {
    long source = feed("/list-examples.xml", new String[] {"l-1", "大模型与芯片", "人工智能"}, new String[] {"l-2", "农业机械", "小麦收割"},
        new String[] {"l-3", "电影票房", "春节档电影"});
    long first = api.entryId(source, "l-1");
    long second = api.entryId(source, "l-2");
    long third = api.entryId(source, "l-3");
    api.example("technology", first, true);
    api.example("technology", second, false);
    api.example("technology", third, true);

    Map<String, Object> page = api.body(HttpRequest.GET("/api/v1/categories/technology/examples?limit=2"));
    List<Map<?, ?>> items = items(page);
    List<Long> newestFirst = java.util.stream.Stream.of(first, second, third).sorted(java.util.Comparator.reverseOrder()).toList();
    assertEquals(newestFirst.subList(0, 2), items.stream().map(i -> ((Number) i.get("entryId")).longValue()).toList());
    Map<?, ?> negative = items(api.body(HttpRequest.GET("/api/v1/categories/technology/examples?positive=false"))).get(0);
    assertEquals(second, ((Number) negative.get("entryId")).longValue());
    assertEquals(false, negative.get("positive"));
    assertEquals("农业机械", negative.get("title"));
    assertNotNull(negative.get("createdAt"));
    assertNotNull(page.get("next"));
    Map<String, Object> rest = api.body(HttpRequest.GET("/api/v1/categories/technology/examples?limit=2&cursor=" + page.get("next")));
    assertEquals(newestFirst.subList(2, 3), items(rest).stream().map(i -> ((Number) i.get("entryId")).longValue()).toList());
    assertNull(rest.get("next"));

    List<Map<?, ?>> positives = items(api.body(HttpRequest.GET("/api/v1/categories/technology/examples?positive=true")));
    assertEquals(2, positives.size(), () -> "positives: " + positives);
    assertTrue(positives.stream().allMatch(i -> Boolean.TRUE.equals(i.get("positive"))));
    assertEquals(400, api.call(HttpRequest.GET("/api/v1/categories/technology/examples?positive=maybe")).code());
    assertEquals(404, api.call(HttpRequest.GET("/api/v1/categories/no-such/examples")).code());
  }

  @Test
  void aDeletedExampleGivesTheEntrysPlaceInTheCategoryBackToTheRules() {
    long source = feed("/forget.xml", AI_STORY, new String[] {"t-2", "农业机械", "小麦收割"});
    long id = api.entryId(source, "t-1");
    long other = api.entryId(source, "t-2");
    api.example("ai", id, false);
    api.example("ai", other, true);
    assertFalse(api.categorySlugs(id).contains("ai"));
    assertTrue(api.categorySlugs(other).contains("ai"));

    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/categories/ai/examples/" + id)).code());
    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/categories/ai/examples/" + other)).code());

    assertTrue(api.categorySlugs(id).contains("ai"), () -> "the rules' ai is back: " + api.categorySlugs(id));
    assertFalse(api.categorySlugs(other).contains("ai"), () -> "the example's ai is gone, the rules do not give it: " + api.categorySlugs(other));
    assertTrue(items(api.body(HttpRequest.GET("/api/v1/categories/ai/examples"))).stream()
        .noneMatch(i -> ((Number) i.get("entryId")).longValue() == id || ((Number) i.get("entryId")).longValue() == other));
    assertEquals(404, api.call(HttpRequest.DELETE("/api/v1/categories/ai/examples/" + id)).code(), "taken back already");
    assertEquals(404, api.call(HttpRequest.DELETE("/api/v1/categories/no-such/examples/" + id)).code());
    assertEquals(404, api.call(HttpRequest.DELETE("/api/v1/categories/ai/examples/999999")).code());
  }

  /** On a corrected entry the correction stands: taking an example back leaves its categories as they are. */
  @Test
  void aDeletedExampleLeavesACorrectedEntryAsItIs() {
    long id = correctedToBusinessThenTaughtHealth("/forget-corrected.xml");

    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/categories/health/examples/" + id)).code());

    assertEquals(List.of("business", "health"), api.categorySlugs(id).stream().sorted().toList());
  }

  /**
   * A correction withdrawn while another category the rules give the entry is being deleted: the
   * withdrawal takes the entry's assignment to that category out and files it there again (a
   * foreign key that waits for the deletion), while the deletion's cascade waits for that
   * assignment. They deadlocked, and PostgreSQL aborted the withdrawal: a 500.
   */
  @Test
  void aCorrectionWithdrawnWhileACategoryOfTheEntryIsDeletedAnswers200() throws Exception {
    String doomed = "doomed-withdraw";
    long id = withRulesCategory(doomed, "/withdraw-race.xml");
    api.patchEntry(id, Map.of("categories", List.of(doomed)));

    List<HttpResponse<Map<String, Object>>> answers = whileDeletionWaits(doomed,
        HttpRequest.PATCH("/api/v1/entries/" + id, "{\"categories\":null}").contentType(MediaType.APPLICATION_JSON));

    assertEquals(204, answers.get(0).code(), "the deletion");
    assertEquals(200, answers.get(1).code(), () -> "the withdrawal: " + answers.get(1).body());
  }

  /** As a withdrawal, an example taken back while another category of the entry is being deleted. */
  @Test
  void anExampleTakenBackWhileACategoryOfTheEntryIsDeletedAnswers204() throws Exception {
    String doomed = "doomed-forget";
    long id = withRulesCategory(doomed, "/forget-race.xml");
    api.example("health", id, true);

    List<HttpResponse<Map<String, Object>>> answers = whileDeletionWaits(doomed,
        HttpRequest.DELETE("/api/v1/categories/health/examples/" + id));

    assertEquals(204, answers.get(0).code(), "the deletion");
    assertEquals(204, answers.get(1).code(), () -> "taking the example back: " + answers.get(1).body());
  }

  /**
   * An example posted for a category while that category is being deleted: the request waits for
   * the deletion and is told the category is gone (404), or came first (201) and went with it.
   */
  @Test
  void anExamplePostedForACategoryBeingDeletedIsA404() throws Exception {
    String doomed = "doomed-example";
    long id = withRulesCategory(doomed, "/example-race.xml");

    List<HttpResponse<Map<String, Object>>> answers = whileDeletionWaits(doomed,
        HttpRequest.POST("/api/v1/categories/" + doomed + "/examples", Map.of("entryId", id, "positive", true)));

    assertEquals(204, answers.get(0).code(), "the deletion");
    assertEquals(404, answers.get(1).code(), () -> "the example: " + answers.get(1).body());
  }

  /** A category {@code slug} whose rules file the entry of the feed at {@code path}, and a partner granted it; answers the entry. */
  private long withRulesCategory(String slug, String path) {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", slug, "rules", Map.of("terms", Map.of("funicular", 10)))));
    api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", slug + "-partner", "categories", List.of(slug))));
    api.awaitRecategorizing();
    long id = api.entryId(feed(path, new String[] {"r-1", "Funicular closes for repairs", "The funicular stops for a month."}), "r-1");
    assertTrue(api.categorySlugs(id).contains(slug), () -> "the rules file it: " + api.categorySlugs(id));
    return id;
  }

  /**
   * Deletes the category, held (a transaction of the test's inserts the grant record its deletion
   * writes, so the deletion waits there, the category locked), sends {@code request} and lets the
   * deletion go once the request waits for the category too; answers both answers.
   */
  private List<HttpResponse<Map<String, Object>>> whileDeletionWaits(String slug, MutableHttpRequest<?> request) throws Exception {
    ExecutorService admins = Executors.newFixedThreadPool(2);
    try (Connection hold = raw.connection()) {
      hold.setAutoCommit(false);
      try (PreparedStatement ps = hold.prepareStatement("INSERT INTO deleted_category_grant (category_id, slug, partner_id)"
          + " SELECT c.id, c.slug, p.id FROM category c, partner p WHERE c.slug = ? AND p.name = ?")) {
        ps.setString(1, slug);
        ps.setString(2, slug + "-partner");
        assertEquals(1, ps.executeUpdate());
      }
      Future<HttpResponse<Map<String, Object>>> deletion = admins.submit(() -> api.call(HttpRequest.DELETE("/api/v1/categories/" + slug)));
      Await.until("the deletion waits, the category locked", Duration.ofSeconds(10), () -> raw.number(
          "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'DELETE FROM category%'") > 0);
      Future<HttpResponse<Map<String, Object>>> taking = admins.submit(() -> api.call(request));
      Await.until("the request waits for the category", Duration.ofSeconds(10), () -> raw.number(
          "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
          + " AND query NOT LIKE 'DELETE FROM category%'") > 0);
      hold.rollback();
      return List.of(deletion.get(30, TimeUnit.SECONDS), taking.get(30, TimeUnit.SECONDS));
    } finally {
      admins.shutdownNow();
    }
  }

  /** The AI story, polled from {@code path}, corrected to business, then posted as an example of health. */
  private long correctedToBusinessThenTaughtHealth(String path) {
    long id = api.entryId(feed(path, AI_STORY), "t-1");
    api.patchEntry(id, Map.of("categories", List.of("business")));
    api.example("health", id, true);
    return id;
  }

  private static List<Map<?, ?>> categories(Map<String, Object> entry) {
    return ((List<?>) entry.get("categories")).stream().<Map<?, ?>>map(c -> (Map<?, ?>) c).toList();
  }

  private static List<Map<?, ?>> items(Map<String, Object> page) {
    return ((List<?>) page.get("items")).stream().<Map<?, ?>>map(c -> (Map<?, ?>) c).toList();
  }
}
