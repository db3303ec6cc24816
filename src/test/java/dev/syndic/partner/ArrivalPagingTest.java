package dev.syndic.partner;

import static dev.syndic.partner.SyncWorld.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.entry.ArrivalSequencer;
import dev.syndic.entry.CategoryAssignments;
import dev.syndic.entry.EntryDraft;
import dev.syndic.entry.EntryStore;
import dev.syndic.support.Await;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /partner/v1/entries?order=arrival}: a partner that keeps the last {@code next} and
 * asks again later gets exactly what became visible since, late commits included, never an entry
 * outside its grant or hidden; a changed or re-shown entry comes again.
 */
@MicronautTest(transactional = false)
class ArrivalPagingTest extends FeedServerTest {

  @Inject
  ArrivalSequencer sequencer;

  @Inject
  EntryStore store;

  @Inject
  CategoryAssignments assignments;

  @Inject
  TransactionOperations<Connection> tx;

  /** Items of a sync and the position it ended at. */
  record Sync(List<Map<String, Object>> items, String next) {
    List<Object> links() {
      return items.stream().map(i -> i.get("link")).toList();
    }
  }

  @Test
  void aPartnerReadsEverythingOnceThenExactlyWhatArrivedSince() {
    long ai = source("/sync-ai.xml", "ai", item("sync-ai-1", "Robots learn to fold laundry"), item("sync-ai-2", "Chip makers race to 2nm"));
    long agri = source("/sync-agri.xml", "agriculture", item("sync-agri-1", "Wheat harvest beats forecasts"));
    String key = partner("sync-all", List.of("ai", "agriculture"));
    List<Object> expected = links(ai, agri);
    // Numbered by the service itself (its tick): nobody runs the sequencer here.
    Await.until("the new entries are listed", Duration.ofSeconds(10), () -> sync(key, "", null).links().containsAll(expected));

    Sync all = sync(key, "", null);
    assertEquals(all.items().size(), new HashSet<>(all.links()).size(), "each entry once");
    List<Long> positions = all.items().stream().map(i -> PartnerCursor.readArrival((String) i.get("position"))).toList();
    assertEquals(positions.stream().sorted().toList(), positions, "oldest first");
    assertEquals(all.items().get(all.items().size() - 1).get("position"), all.next(), "the last page ends at its last item");
    assertEquals(all.links(), sync(key, "", null, 1).links(), "pages of one item list the same");

    Map<String, Object> idle = page(key, "&after=" + all.next());
    assertEquals(List.of(), idle.get("items"));
    assertEquals(all.next(), idle.get("next"), "an empty last page answers the position to ask after again");
    assertEquals(false, idle.get("more"));

    server.serve("/sync-ai.xml", Fixtures.rss(item("sync-ai-3", "Speech models learn dialects"), item("sync-ai-1", "Robots learn to fold laundry"),
        item("sync-ai-2", "Chip makers race to 2nm")));
    assertEquals(1, ((Number) api.poll(ai).get("newEntries")).intValue());
    Object added = link(ai, "sync-ai-3");
    Await.until("the new entry is listed after the stored position", Duration.ofSeconds(10),
        () -> !((List<?>) page(key, "&after=" + all.next()).get("items")).isEmpty());
    Sync since = sync(key, "", all.next());
    assertEquals(List.of(added), since.links(), "exactly what arrived since");
  }

  /**
   * An entry whose transaction began first (the lower id) and commits last: a partner that paged
   * to the end meanwhile gets it on its next request with the position it kept.
   */
  @Test
  void anEntryCommittedLateComesAfterThePositionAPartnerReached() throws Exception {
    String key = partner("late", List.of("ai"));
    sequencer.sequenceAll(); // what other tests stored is numbered before the position kept here
    String start = sync(key, "", null).next();
    long slow = id(api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", server.url("/late-slow.xml"), "category", "ai"))));
    CountDownLatch inserted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    CompletableFuture<Long> late;
    try {
      late = CompletableFuture.supplyAsync(() -> tx.executeWrite(s -> {
        EntryDraft draft = new EntryDraft("late-1", "late-1", "https://late.example.com/1", "Glaciers retreat faster than modelled", null,
            "<p>Survey teams measured the retreat.</p>", "survey teams measured the retreat", "survey teams measured the retreat", "en", List.of(),
            Instant.parse("2026-03-01T00:00:00Z"), null, "late-1-hash", "late-1-source-hash", List.of());
        long id = store.upsertAll(slow, List.of(draft), Instant.now()).get(0).orElseThrow().entryId();
        assignments.addToNewEntries(Map.of(id, List.of(new CategoryAssignments.Decision("ai", "source", 1.0, List.of("the source's category")))));
        inserted.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return id;
      }), thread);
      assertTrue(inserted.await(20, TimeUnit.SECONDS));
      long quick = source("/late-quick.xml", "ai", item("late-quick-1", "Ferry timetable changes for summer"));
      sequencer.sequenceAll();
      Sync before = sync(key, "", start);
      assertEquals(List.of(link(quick, "late-quick-1")), before.links(), "only what has committed");

      release.countDown();
      long lateId = late.get(30, TimeUnit.SECONDS);
      assertTrue(lateId < id(api.entries("source=" + quick).get(0)), "it has the lower id: paging by id would have skipped it");
      sequencer.sequenceAll();
      Sync after = sync(key, "", before.next());
      assertEquals(List.of("https://late.example.com/1"), after.links(), "the late entry, next, with the kept position");
    } finally {
      release.countDown();
      thread.shutdown();
    }
  }

  @Test
  void onlyGrantedCategoriesAndNoHiddenEntries() {
    long agri = source("/grant-agri.xml", "agriculture", item("grant-agri-1", "Rice terraces restored by volunteers"));
    source("/grant-ai.xml", "ai", item("grant-ai-1", "Open model tops the leaderboard"));
    sequencer.sequenceAll();
    String key = partner("grant", List.of("agriculture"));
    Sync all = sync(key, "", null);
    assertTrue(all.links().contains(link(agri, "grant-agri-1")));
    for (Map<String, Object> item : all.items()) {
      assertTrue(((List<?>) item.get("categories")).contains("agriculture"), () -> "outside the grant: " + item.get("link"));
    }
    assertEquals(all.links(), sync(key, "&category=agriculture", null).links(), "the one granted category alone: the same");
    assertEquals(403, status("/partner/v1/entries?order=arrival&category=ai", key));

    long entry = id(api.entries("source=" + agri).get(0));
    api.body(HttpRequest.PATCH("/api/v1/entries/" + entry, Map.of("hidden", true)));
    assertFalse(sync(key, "", null).links().contains(link(agri, "grant-agri-1")), "hidden: not listed");
    api.body(HttpRequest.PATCH("/api/v1/entries/" + entry, Map.of("hidden", false)));
    sequencer.sequenceAll();
    assertEquals(List.of(link(agri, "grant-agri-1")), sync(key, "", all.next()).links(), "shown again: comes again");
  }

  @Test
  void aChangedEntryComesAgainAndIsListedOnce() {
    long upd = source("/update.xml", "ai", item("update-1", "Satellite maps coral bleaching"));
    sequencer.sequenceAll();
    String key = partner("update", List.of("ai"));
    Sync first = sync(key, "", null);
    Object link = link(upd, "update-1");
    assertTrue(first.links().contains(link));

    server.serve("/update.xml", Fixtures.rss(new String[] {"update-1", "Satellite maps coral bleaching",
        "<p>Corrected: the survey covered three reefs, not two.</p>"}));
    assertEquals(1, ((Number) api.poll(upd).get("updatedEntries")).intValue());
    sequencer.sequenceAll();
    Sync since = sync(key, "", first.next());
    assertEquals(List.of(link), since.links(), "the update, after the kept position");
    assertTrue(((String) since.items().get(0).get("contentHtml")).contains("three reefs"), "with the new content");
    List<Object> again = sync(key, "", null).links();
    assertEquals(1, again.stream().filter(link::equals).count(), "read from the start: once, at its new position");
  }

  @Test
  void aDeletedEntryVanishesAndPositionsStayValid() {
    String key = partner("delete", List.of("ai"));
    sequencer.sequenceAll(); // what other tests stored is numbered before the position kept here
    String start = sync(key, "", null).next();
    long del = source("/delete.xml", "ai", item("delete-1", "Lighthouse keeper retires after 40 years"),
        item("delete-2", "Volcano observatory raises alert level"));
    sequencer.sequenceAll();
    Sync both = sync(key, "", start);
    assertEquals(2, both.items().size());
    Map<String, Object> doomed = both.items().get(0);
    long id = api.entries("source=" + del).stream().filter(e -> doomed.get("link").equals(e.get("link"))).map(ArrivalPagingTest::id)
        .findFirst().orElseThrow();
    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/entries/" + id)).code());
    Object kept = both.items().get(1).get("link");
    assertEquals(List.of(kept), sync(key, "", start).links());
    assertEquals(List.of(kept), sync(key, "", (String) doomed.get("position")).links(), "the deleted entry's position still works");
    assertEquals(List.of(), sync(key, "", both.next()).links());
  }

  @Test
  void theDefaultOrderIsUnchanged() {
    String key = partner("published", List.of("ai", "agriculture"));
    source("/published.xml", "ai", item("published-1", "Tram line extension approved"));
    assertEquals(page(key, "/partner/v1/entries?category=ai&limit=2"), page(key, "/partner/v1/entries?order=published&category=ai&limit=2"));
    assertFalse(page(key, "/partner/v1/entries?limit=2").containsKey("more"));
  }

  /** Tokens in the table are base64url: YTox "a:1", cDoxOjE "p:1:1" (a newest-first cursor), YTotMQ "a:-1", YTphYmM "a:abc". */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      order=newest                                     | order:
      order=arrival&since=2026-01-01T00:00:00Z         | since:
      order=arrival&cursor=cDoxOjE                     | cursor:
      after=YTox                                       | after:
      order=published&after=YTox                       | after:
      order=arrival&after=bogus!                       | after:
      order=arrival&after=cDoxOjE                      | after:
      order=arrival&after=YTotMQ                       | after:
      order=arrival&after=YTo5MDAwMDAwMDAwMDAwMDAwMDA | after:
      order=arrival&after=YTphYmM                      | after:
      order=arrival&limit=0                            | limit:
      order=arrival&limit=many                         | limit:
      """)
  void badParametersAreNamed(String query, String named) {
    String key = partner("bad-" + Integer.toHexString(query.hashCode()), List.of("ai"));
    HttpResponse<Map<String, Object>> r = exchange("/partner/v1/entries?" + query, key);
    assertEquals(400, r.code(), query);
    assertTrue(r.getContentType().orElseThrow().toString().startsWith("application/problem+json"));
    assertTrue(String.valueOf(r.body().get("detail")).startsWith(named), () -> query + ": " + r.body());
  }

  // --- helpers

  /** A new source of one category, polled once. */
  private long source(String path, String category, String[]... items) {
    server.serve(path, Fixtures.rss(items));
    long id = id(api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", server.url(path), "category", category))));
    assertEquals("ok", api.poll(id).get("outcome"));
    return id;
  }

  private List<Object> links(long... sources) {
    List<Object> out = new ArrayList<>();
    for (long s : sources) {
      api.entries("source=" + s).forEach(e -> out.add(e.get("link")));
    }
    return out;
  }

  private Object link(long source, String guid) {
    return api.entries("source=" + source).stream().filter(e -> guid.equals(e.get("guid"))).findFirst().orElseThrow().get("link");
  }

  private String partner(String name, List<String> categories) {
    return (String) api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", name, "categories", categories, "ratePerMinute", 100_000)))
        .get("key");
  }

  private Sync sync(String key, String query, String after) {
    return sync(key, query, after, 50);
  }

  /** Pages on from {@code after} (null: the first entry) while the answer says there is more. */
  @SuppressWarnings("unchecked")
  private Sync sync(String key, String query, String after, int limit) {
    List<Map<String, Object>> items = new ArrayList<>();
    String next = after;
    for (int pages = 0; ; pages++) {
      assertTrue(pages < 1000, "paging ends");
      Map<String, Object> page = page(key, query + "&limit=" + limit + (next == null ? "" : "&after=" + next));
      List<Map<String, Object>> got = (List<Map<String, Object>>) page.get("items");
      items.addAll(got);
      assertNotNull(page.get("next"), "next is always there");
      got.forEach(i -> assertNotNull(i.get("position")));
      next = (String) page.get("next");
      if (!(Boolean) page.get("more")) {
        return new Sync(items, next);
      }
    }
  }

  /** An arrival page ({@code query} after {@code order=arrival}), or any page when it is a path. */
  private Map<String, Object> page(String key, String query) {
    String uri = query.startsWith("/") ? query : "/partner/v1/entries?order=arrival" + query;
    HttpResponse<Map<String, Object>> r = exchange(uri, key);
    assertEquals(200, r.code(), () -> uri + ": " + r.getBody().orElse(null));
    return r.body();
  }

  private HttpResponse<Map<String, Object>> exchange(String uri, String key) {
    return api.callAs(key, HttpRequest.GET(uri));
  }

  private int status(String uri, String key) {
    return exchange(uri, key).code();
  }

  private static long id(Map<String, Object> m) {
    return ((Number) m.get("id")).longValue();
  }
}
