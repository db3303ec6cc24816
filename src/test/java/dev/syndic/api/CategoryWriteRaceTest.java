package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.support.Api;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import dev.syndic.support.Await;
import dev.syndic.support.RawSql;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two editors working on one category at once: each request's change is kept or refused, never
 * answered 200 or 201 and then lost under the other's. A PATCH read the category, merged the
 * patch and wrote every field back, so of 20 terms added at once by 20 merge patches some 6 were
 * lost, and a threshold patched meanwhile wrote the rules it had read over a term just added;
 * creates of one slug answered 201 several times, each overwriting the category the other had
 * created.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CategoryWriteRaceTest {

  private static final int EDITORS = 20;

  @Inject
  @Client("/")
  HttpClient http;

  @Inject
  RawSql raw;

  private final ExecutorService editors = Executors.newFixedThreadPool(EDITORS);

  @AfterAll
  void stopEditors() {
    editors.shutdownNow();
  }

  @Test
  void termsAddedAtOnceByMergePatchesAreAllKept() throws Exception {
    Api api = new Api(http.toBlocking());
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "race-terms", "rules", Map.of("terms", Map.of("base", 1.0)))));

    List<HttpResponse<Map<String, Object>>> answers = atOnce(api, i -> HttpRequest.PATCH("/api/v1/categories/race-terms",
        Map.of("rules", Map.of("terms", Map.of("word" + i, 2.0)))).contentType(WholeJsonBodyReader.MERGE_PATCH_JSON));

    answers.forEach(a -> assertEquals(200, a.code(), () -> String.valueOf(a.getBody(Map.class))));
    Map<String, Object> terms = terms(api.body(HttpRequest.GET("/api/v1/categories/race-terms")));
    Map<String, Object> expected = new TreeMap<>(Map.of("base", 1.0));
    for (int i = 0; i < EDITORS; i++) {
      expected.put("word" + i, 2.0);
    }
    assertEquals(expected, new TreeMap<>(terms), "every patch answered 200 keeps its term");
  }

  @Test
  void aThresholdPatchedMeanwhileKeepsTheRulesAnotherEditorChanged() throws Exception {
    Api api = new Api(http.toBlocking());
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "race-fields", "rules", Map.of("terms", Map.of("base", 1.0)))));

    atOnce(api, i -> i % 2 == 0
        ? HttpRequest.PATCH("/api/v1/categories/race-fields", Map.of("threshold", 3 + i)).contentType(MediaType.APPLICATION_JSON_TYPE)
        : HttpRequest.PATCH("/api/v1/categories/race-fields", Map.of("rules", Map.of("terms", Map.of("word" + i, 2.0))))
            .contentType(WholeJsonBodyReader.MERGE_PATCH_JSON))
        .forEach(a -> assertEquals(200, a.code(), () -> String.valueOf(a.getBody(Map.class))));

    Map<String, Object> terms = terms(api.body(HttpRequest.GET("/api/v1/categories/race-fields")));
    for (int i = 1; i < EDITORS; i += 2) {
      assertEquals(2.0, terms.get("word" + i), "word" + i + " was added and answered 200: " + terms);
    }
  }

  /** In rounds, a slug each: the race is lost or won by a few milliseconds. */
  @Test
  void ofCreatesOfOneSlugAtOnceOneIsAnswered201AndTheOthers409() throws Exception {
    Api api = new Api(http.toBlocking());
    for (int round = 0; round < 5; round++) {
      String slug = "race-create-" + round;

      List<HttpResponse<Map<String, Object>>> answers = atOnce(api,
          i -> HttpRequest.POST("/api/v1/categories", Map.of("slug", slug, "nameEn", "Created by " + i)));

      List<Integer> codes = answers.stream().map(HttpResponse::code).sorted().toList();
      assertEquals(1, codes.stream().filter(c -> c == 201).count(), () -> slug + " answers: " + codes);
      assertEquals(EDITORS - 1, codes.stream().filter(c -> c == 409).count(), () -> slug + " answers: " + codes);
      Object created = answers.stream().filter(a -> a.code() == 201).findFirst().orElseThrow().body().get("nameEn");
      assertEquals(created, api.body(HttpRequest.GET("/api/v1/categories/" + slug)).get("nameEn"),
          "the category stored is the one the 201 answered");
    }
  }

  /** Sends {@link #EDITORS} requests, as near at once as threads allow, and answers their answers. */
  private List<HttpResponse<Map<String, Object>>> atOnce(Api api, IntFunction<MutableHttpRequest<?>> request) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<HttpResponse<Map<String, Object>>>> sent = new ArrayList<>();
    for (int i = 0; i < EDITORS; i++) {
      MutableHttpRequest<?> r = request.apply(i);
      sent.add(editors.submit(() -> {
        start.await();
        return api.call(r);
      }));
    }
    start.countDown();
    List<HttpResponse<Map<String, Object>>> answers = new ArrayList<>();
    for (Future<HttpResponse<Map<String, Object>>> f : sent) {
      answers.add(f.get());
    }
    return answers;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> terms(Map<String, Object> category) {
    return (Map<String, Object>) ((Map<String, Object>) category.get("rules")).get("terms");
  }

  /**
   * Deleting a category waits for the partners granted it before it touches the category: a
   * partner's PATCH narrowing its grant holds the partner, then the category (its V64 record's
   * foreign key), and a deletion that held the category first and then waited for the partner
   * deadlocked with it (one of the two admins answered 500). Here a transaction holds the partner
   * as the PATCH does; while the deletion waits, the category is not locked by it.
   */
  @Test
  void aCategoryDeletionWaitsForItsPartnersBeforeItLocksTheCategory() throws Exception {
    Api api = new Api(http.toBlocking());
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "race-delete")));
    Map<?, ?> partner = (Map<?, ?>) api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", "race-delete-partner",
        "categories", List.of("race-delete")))).get("partner");
    long partnerId = ((Number) partner.get("id")).longValue();

    Future<HttpResponse<Map<String, Object>>> deletion;
    try (Connection patch = raw.connection(); Connection probe = raw.connection()) {
      patch.setAutoCommit(false);
      patch.createStatement().execute("SELECT 1 FROM partner WHERE id = " + partnerId + " FOR NO KEY UPDATE");
      deletion = editors.submit(() -> api.call(HttpRequest.DELETE("/api/v1/categories/race-delete")));
      Await.until("the deletion waits for the partner", Duration.ofSeconds(10), () -> raw.number(
          "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'SELECT id FROM partner%'") > 0);
      probe.setAutoCommit(false);
      probe.createStatement().execute("SET lock_timeout = '1s'");
      probe.createStatement().execute("SELECT 1 FROM category WHERE slug = 'race-delete' FOR KEY SHARE");
      probe.rollback();
      patch.commit();
    }
    assertEquals(204, deletion.get(30, TimeUnit.SECONDS).code());
  }

  /**
   * A grant naming a category that another instance deleted a moment ago (this instance's
   * catalogue still lists it) is refused, and the partner is left with no deleted slug, which a
   * category created later under it would have been granted by.
   */
  @Test
  void aGrantNamingACategoryDeletedElsewhereIsRefused() {
    Api api = new Api(http.toBlocking());
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "race-elsewhere")));
    Map<?, ?> partner = (Map<?, ?>) api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", "race-elsewhere-partner",
        "categories", List.of("ai")))).get("partner");
    long partnerId = ((Number) partner.get("id")).longValue();
    api.call(HttpRequest.GET("/feeds/race-elsewhere.rss")); // this instance's catalogue reads the category
    raw.number("WITH gone AS (DELETE FROM category WHERE slug = 'race-elsewhere' RETURNING 1) SELECT count(*) FROM gone");

    HttpResponse<Map<String, Object>> refused = api.call(HttpRequest.PATCH("/api/v1/partners/" + partnerId,
        Map.of("categories", List.of("ai", "race-elsewhere"))));
    HttpResponse<Map<String, Object>> created = api.call(HttpRequest.POST("/api/v1/partners", Map.of("name", "race-elsewhere-new",
        "categories", List.of("race-elsewhere"))));

    assertEquals(400, refused.code(), () -> String.valueOf(refused.getBody(Map.class).orElse(null)));
    assertEquals("categories: no enabled category 'race-elsewhere'", refused.getBody(Map.class).orElseThrow().get("detail"));
    assertEquals(400, created.code(), () -> String.valueOf(created.getBody(Map.class).orElse(null)));
    assertEquals(0, raw.number("SELECT count(*) FROM partner WHERE 'race-elsewhere' = ANY (categories)"), "no grant keeps the deleted slug");

    api.body(HttpRequest.PATCH("/api/v1/partners/" + partnerId, Map.of("ratePerMinute", 30)));
    assertEquals(List.of("ai"), api.body(HttpRequest.GET("/api/v1/partners/" + partnerId)).get("categories"),
        "a change that gives no grant keeps the partner's");
  }
}
