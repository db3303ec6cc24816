package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.entry.ArrivalSequencer;
import dev.syndic.support.Await;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Deleting many sources with one request, selected by the source list's filters: before, an
 * operator dropping the 2,700 dead feeds of 100,000 sent 2,700 DELETEs. Each source goes as a
 * single DELETE takes it, and only once the admin has said how many the filters select.
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.poll.enabled", value = "false")
class SourceBulkDeletionTest extends FeedServerTest {

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  @Inject
  ArrivalSequencer sequencer;

  private HttpResponse<Map<String, Object>> delete(String query) {
    return api.call(HttpRequest.DELETE("/api/v1/sources?" + query));
  }

  /** {@code count} sources of {@code host} (no entries), every third failing (status error, 5 errors in a row). */
  private void sources(String host, int count) {
    tx.executeWrite(s -> jdbc.prepareStatement(
        """
        INSERT INTO source (url, next_poll_at, status, consecutive_errors)
        SELECT 'https://' || ? || '/' || g || '.xml', now() + interval '1 hour',
               CASE WHEN g % 3 = 0 THEN 'error' ELSE 'active' END, CASE WHEN g % 3 = 0 THEN 5 ELSE 0 END
        FROM generate_series(1, ?) g
        """, ps -> {
          ps.setString(1, host);
          ps.setInt(2, count);
          return ps.executeUpdate();
        }));
  }

  /** The ids of the host's sources, by id, and of those failing among them. */
  private List<Long> ids(String host, boolean failingOnly) {
    return longs("SELECT id FROM source WHERE url LIKE 'https://" + host + "/%'" + (failingOnly ? " AND status = 'error'" : "") + " ORDER BY id");
  }

  private List<Long> longs(String sql) {
    return tx.executeWrite(s -> jdbc.prepareStatement(sql, ps -> {
      List<Long> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
      return out;
    }));
  }

  private long one(String sql) {
    return longs(sql).get(0);
  }

  private void execute(String sql) {
    tx.executeWrite(s -> jdbc.prepareStatement(sql, PreparedStatement::execute));
  }

  private static String detail(HttpResponse<Map<String, Object>> r) {
    return String.valueOf(r.getBody(Map.class).orElseThrow().get("detail"));
  }

  private static String[] item(String guid, String title) {
    return new String[] {guid, title, "<p>" + title + ": the full report, with figures and quotes from the people involved.</p>"};
  }

  private long polled(String path, String[]... items) {
    server.serve(path, Fixtures.rss(items));
    long id = ((Number) api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", server.url(path), "category", "ai"))).get("id")).longValue();
    assertEquals("ok", api.poll(id).get("outcome"));
    return id;
  }

  /** A partner's sync in arrival order from {@code after} (null: the start): the titles listed and the ids removed, and where it ended. */
  private record Sync(Map<String, String> idsByTitle, List<String> removed, String next) {}

  @SuppressWarnings("unchecked")
  private Sync sync(String key, String after) {
    sequencer.sequenceAll();
    Map<String, String> items = new HashMap<>();
    List<String> removed = new ArrayList<>();
    String next = after;
    Map<String, Object> page;
    do {
      page = api.callAs(key, HttpRequest.GET("/partner/v1/entries?order=arrival&limit=500" + (next == null ? "" : "&after=" + next))).body();
      for (Map<String, Object> i : (List<Map<String, Object>>) page.get("items")) {
        items.put((String) i.get("title"), (String) i.get("id"));
      }
      ((List<Map<String, Object>>) page.get("removed")).forEach(r -> removed.add((String) r.get("id")));
      next = (String) page.get("next");
    } while (Boolean.TRUE.equals(page.get("more")));
    return new Sync(items, removed, next);
  }

  /** Whether the category feed of every category carries {@code title} {@code times} times. */
  private boolean inFeeds(String title, int times) {
    String feed = http.toBlocking().retrieve("/feeds/all.rss?limit=500");
    return feed.split("<title>" + title, -1).length - 1 == times;
  }

  /**
   * The failing sources of a host go, each as a single DELETE takes it: entries, tombstones and
   * fetch history; the story one shared stays through the other copy, now canonical; partners
   * syncing by arrival are told of the removals; the feeds no longer carry them. Another failing
   * source elsewhere and the host's working one stay.
   */
  @Test
  void theSourcesTheFiltersSelectGoAsASingleDeleteTakesThemAndNoOther() {
    long dead1 = polled("/bulkdel-dead-1.xml", item("bd-1a", "Ferry strike halts island crossings"), item("bd-1b", "Lighthouse keepers honoured"));
    long dead2 = polled("/bulkdel-dead-2.xml", item("bd-2a", "Orchard frost ruins apricot crop"), item("bd-2b", "Beekeepers count winter losses"));
    long working = polled("/bulkdel-dead-3.xml", item("bd-3a", "Glassblowers revive a lost technique"));
    long copy = polled("/bulkdel-copy.xml", item("bd-copy", "Ferry strike halts island crossings"));
    long elsewhere = polled("/bulkdel-elsewhere.xml", item("bd-else", "Tram line extension opens"));
    execute("UPDATE source SET status = 'error', consecutive_errors = 4 WHERE id IN (" + dead1 + ", " + dead2 + ", " + elsewhere + ")");
    Map<String, Object> copied = api.entries("source=" + copy).get(0);
    assertFalse((Boolean) copied.get("canonical"), "before: the story's entry is the first source's");
    // A deleted entry's tombstone, which goes with its source.
    long tombstoned = ((Number) api.entries("source=" + dead2).stream().filter(e -> "bd-2b".equals(e.get("guid"))).findFirst().orElseThrow()
        .get("id")).longValue();
    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/entries/" + tombstoned)).code());
    String key = (String) api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", "bulkdel-" + System.nanoTime(), "categories", List.of("all"))))
        .get("key");
    Sync before = sync(key, null);
    assertTrue(before.idsByTitle().keySet().containsAll(List.of("Ferry strike halts island crossings", "Lighthouse keepers honoured",
        "Orchard frost ruins apricot crop")), before::toString);

    HttpResponse<Map<String, Object>> dry = delete("q=bulkdel-dead&status=error&dryRun=true");
    assertEquals(200, dry.code(), () -> detail(dry));
    assertEquals(2, dry.body().get("selected"));
    @SuppressWarnings("unchecked")
    List<Long> first = ((List<Map<String, Object>>) dry.body().get("first")).stream().map(s -> ((Number) s.get("id")).longValue()).toList();
    assertEquals(List.of(dead1, dead2), first);

    HttpResponse<Map<String, Object>> r = delete("q=bulkdel-dead&status=error&expect=2");

    assertEquals(200, r.code(), () -> detail(r));
    assertEquals(Map.of("deleted", 2), r.body());
    String gone = "(" + dead1 + ", " + dead2 + ")";
    assertEquals(0, one("SELECT count(*) FROM source WHERE id IN " + gone));
    assertEquals(0, one("SELECT count(*) FROM entry WHERE source_id IN " + gone));
    assertEquals(0, one("SELECT count(*) FROM entry_tombstone WHERE source_id IN " + gone));
    assertEquals(0, one("SELECT count(*) FROM fetch_log WHERE source_id IN " + gone));
    assertEquals(0, one("SELECT count(*) FROM source_deletion"), "no mark outlives its deletion");
    assertEquals(List.of(working, copy, elsewhere), longs("SELECT id FROM source WHERE id IN (" + working + ", " + copy + ", " + elsewhere
        + ") ORDER BY id"), "the working source of the host, the copy's and the failing one elsewhere stay");
    assertEquals(1, api.entries("source=" + working).size());
    Map<String, Object> left = api.entries("source=" + copy).get(0);
    assertTrue((Boolean) left.get("canonical"), "the copy left behind is its story's entry now");
    assertEquals(left.get("id"), left.get("clusterId"));

    Sync after = sync(key, before.next());
    assertTrue(after.removed().containsAll(List.of(before.idsByTitle().get("Lighthouse keepers honoured"),
        before.idsByTitle().get("Orchard frost ruins apricot crop"))), () -> "the partner is told its entries left: " + after);
    assertTrue(after.idsByTitle().containsKey("Ferry strike halts island crossings"), () -> "and gets the story through the copy: " + after);
    Await.until("gone from the feeds", Duration.ofSeconds(10), () -> inFeeds("Lighthouse keepers honoured", 0)
        && inFeeds("Orchard frost ruins apricot crop", 0));
    assertTrue(inFeeds("Ferry strike halts island crossings", 1), "the shared story stays, once");
  }

  /** The number the admin expects is the guard: another number is a 409 that says what the filters select, and deletes nothing. */
  @Test
  void aDeletionExpectingAnotherNumberIs409AndDeletesNothing() {
    sources("bulkdel-guard.example.org", 36);
    List<Long> failing = ids("bulkdel-guard.example.org", true);
    assertEquals(12, failing.size());

    HttpResponse<Map<String, Object>> dry = delete("q=bulkdel-guard.example.org&status=error&dryRun=true");
    assertEquals(12, dry.body().get("selected"));
    @SuppressWarnings("unchecked")
    List<Long> first = ((List<Map<String, Object>>) dry.body().get("first")).stream().map(s -> ((Number) s.get("id")).longValue()).toList();
    assertEquals(failing.subList(0, 10), first, "the first ten by id");

    for (String query : new String[] {"expect=11", "expect=13", "expect=11&dryRun=true", "expect=11&dryRun=false"}) {
      HttpResponse<Map<String, Object>> r = delete("q=bulkdel-guard.example.org&status=error&" + query);
      assertEquals(409, r.code(), query);
      assertTrue(detail(r).contains("select 12 sources now, not " + query.substring(7, 9)), () -> query + ": " + detail(r));
      assertEquals(36, ids("bulkdel-guard.example.org", false).size(), query + ": nothing deleted");
    }
    assertEquals(0, one("SELECT count(*) FROM source_deletion"), "nothing marked either");
    assertEquals(200, delete("q=bulkdel-guard.example.org&status=error&expect=12&dryRun=true").code(), "the dry run of the right number");
    HttpClientResponseException anonymous = assertThrows(HttpClientResponseException.class,
        () -> http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/sources?q=bulkdel-guard.example.org&status=error&expect=12")));
    assertEquals(401, anonymous.getStatus().getCode());
    assertEquals(36, ids("bulkdel-guard.example.org", false).size(), "nothing deleted without the admin token");

    assertEquals(Map.of("deleted", 12), delete("q=bulkdel-guard.example.org&status=error&expect=12").body());
    assertEquals(24, ids("bulkdel-guard.example.org", false).size());
    assertEquals(List.of(), ids("bulkdel-guard.example.org", true));

    HttpResponse<Map<String, Object>> again = delete("status=error&q=bulkdel-guard.example.org&expect=12");
    assertEquals(409, again.code(), "done: the same request again finds none");
    assertTrue(detail(again).contains("select 0 sources now"), () -> detail(again));
  }

  /**
   * A deletion cut off midway (here the database refuses one source's deletion) leaves each source
   * deleted whole or not at all; the same request again, its filters in another order, deletes the
   * rest of those confirmed and no other: not a source that started to pass the filters since,
   * though the count has changed.
   */
  @Test
  void theSameRequestFinishesADeletionCutOffMidwayAndDeletesOnlyWhatWasConfirmed() {
    String host = "bulkdel-cut.example.org";
    List<Long> failing = cutOff(host);
    long newcomer = one("INSERT INTO source (url, next_poll_at, status, consecutive_errors) VALUES ('https://" + host + "/new.xml', now(),"
        + " 'error', 5) RETURNING id");

    HttpResponse<Map<String, Object>> retry = delete("status=error&q=" + host + "&expect=9");

    assertEquals(200, retry.code(), () -> detail(retry));
    assertEquals(Map.of("deleted", 5), retry.body(), "the rest of those confirmed");
    assertEquals(0, one("SELECT count(*) FROM source WHERE id IN (" + failing.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")"));
    assertEquals(List.of(newcomer), ids(host, true), "a source failing since was not confirmed");
    assertEquals(0, one("SELECT count(*) FROM source_deletion"));
  }

  /** A deletion cut off and not asked for again within a day is forgotten: the same request is counted again. */
  @Test
  void aDeletionCutOffADayAgoIsCountedAgain() {
    String host = "bulkdel-stale.example.org";
    cutOff(host);
    execute("UPDATE source_deletion SET marked_at = marked_at - interval '25 hours'");

    HttpResponse<Map<String, Object>> retry = delete("q=" + host + "&status=error&expect=9");

    assertEquals(409, retry.code());
    assertTrue(detail(retry).contains("select 5 sources now, not 9"), () -> detail(retry));
    assertEquals(0, one("SELECT count(*) FROM source_deletion"), "the stale marks are gone");
    assertEquals(Map.of("deleted", 5), delete("q=" + host + "&status=error&expect=5").body());
  }

  /**
   * Nine failing sources of {@code host} (27 in all), a deletion of them refused by the database
   * at the fifth: the first four are gone, the other five stay. Answers the nine ids.
   */
  private List<Long> cutOff(String host) {
    sources(host, 27);
    List<Long> failing = ids(host, true);
    assertEquals(9, failing.size());
    execute("CREATE OR REPLACE FUNCTION bulkdel_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        + " RAISE EXCEPTION 'refused for the test'; END $$");
    execute("CREATE TRIGGER bulkdel_refuse BEFORE DELETE ON source FOR EACH ROW WHEN (OLD.id = " + failing.get(4) + ")"
        + " EXECUTE FUNCTION bulkdel_refuse()");
    try {
      HttpResponse<Map<String, Object>> cut = delete("q=" + host + "&status=error&expect=9");
      assertEquals(500, cut.code());
    } finally {
      execute("DROP TRIGGER bulkdel_refuse ON source");
    }
    assertEquals(failing.subList(4, 9), ids(host, true), "each source deleted whole or not at all, in id order");
    assertEquals(0, one("SELECT count(*) FROM entry WHERE source_id = " + failing.get(4)));
    return failing;
  }

  /** /openapi.yml describes the deletion with every parameter it takes, and none it refuses, and its answers. */
  @Test
  @SuppressWarnings("unchecked")
  void theDocumentListsTheParametersADeletionTakes() {
    Map<String, Object> doc = new Yaml().load(http.toBlocking().retrieve("/openapi.yml"));
    Map<String, Object> operation = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) doc.get("paths")).get("/api/v1/sources"))
        .get("delete");
    Set<Object> documented = ((List<Map<String, Object>>) operation.get("parameters")).stream().map(p -> p.get("name")).collect(Collectors.toSet());
    assertEquals(SourceBulkController.DELETE_PARAMETERS, documented);
    assertEquals(Set.of("200", "409"), ((Map<String, Object>) operation.get("responses")).keySet());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "''                                        | name the sources to delete",
      "expect=12                                 | name the sources to delete",
      "dryRun=true                               | name the sources to delete",
      "status=broken&expect=12                   | status: 'broken' is not one of",
      "enabled=yes&expect=12                     | enabled: 'yes' is not true or false",
      "category=nowhere&expect=12                | no category 'nowhere'",
      "q=bulkdel-bad.example.org&minErrors=-1&expect=12 | minErrors:",
      "noSuccessSince=yesterday&expect=12        | noSuccessSince: 'yesterday' is not a date",
      "q=bulkdel-bad.example.org&status=error    | expect: required",
      "q=bulkdel-bad.example.org&expect=twelve   | expect: 'twelve' is not a whole number",
      "q=bulkdel-bad.example.org&expect=-12      | expect: '-12' is not a whole number",
      "q=bulkdel-bad.example.org&expect=12&dryrun=true | dryrun: not a parameter",
      "q=bulkdel-bad.example.org&stauts=error&expect=12 | stauts: not a parameter",
      "q=bulkdel-bad.example.org&expect=12&dryRun=yes | dryRun: 'yes' is not true"})
  void aDeletionThatCannotBeMadeIs400AndDeletesNothing(String query, String said) {
    sources("bulkdel-bad.example.org", 36);

    HttpResponse<Map<String, Object>> r = delete(query);

    assertEquals(400, r.code(), query);
    assertTrue(detail(r).contains(said), () -> detail(r));
    assertEquals(36, ids("bulkdel-bad.example.org", false).size());
    execute("DELETE FROM source WHERE url LIKE 'https://bulkdel-bad.example.org/%'");
  }
}
