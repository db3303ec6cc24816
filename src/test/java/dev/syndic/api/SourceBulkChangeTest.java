package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Api;
import dev.syndic.support.Await;
import dev.syndic.support.LockWaits;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Changing many sources with one request, selected by the source list's filters: before, an
 * operator paused the failing ones of 100,000 sources one PATCH at a time.
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.poll.enabled", value = "false")
class SourceBulkChangeTest {

  @Inject
  @Client("/")
  HttpClient http;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  private Api api() {
    return new Api(http.toBlocking());
  }

  /** {@code count} sources of {@code host}, every third failing (5 errors in a row), one paused after a 410. */
  private void sources(String host, int count) {
    tx.executeWrite(s -> jdbc.prepareStatement(
        """
        INSERT INTO source (url, next_poll_at, status, consecutive_errors, status_reason)
        SELECT 'https://' || ? || '/' || g || '.xml', now() + interval '1 hour',
               CASE WHEN g = 1 THEN 'paused' WHEN g % 3 = 0 THEN 'error' ELSE 'active' END,
               CASE WHEN g % 3 = 0 THEN 5 ELSE 0 END,
               CASE WHEN g = 1 THEN 'the feed answered 410 Gone' END
        FROM generate_series(1, ?) g
        """, ps -> {
          ps.setString(1, host);
          ps.setInt(2, count);
          return ps.executeUpdate();
        }));
  }

  /** Each source of the host: its status, reason, category and whether it is due now, by URL. */
  private Map<String, List<Object>> state(String host) {
    return tx.executeRead(s -> jdbc.prepareStatement(
        "SELECT url, status, status_reason, default_category, next_poll_at <= now(), enabled FROM source WHERE url LIKE ?", ps -> {
          ps.setString(1, "https://" + host + "/%");
          Map<String, List<Object>> out = new HashMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getString(1), java.util.Arrays.asList(rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getBoolean(6)));
            }
          }
          return out;
        }));
  }

  private HttpResponse<Map<String, Object>> change(String query, String body) {
    return api().call(HttpRequest.PATCH("/api/v1/sources?" + query, body).contentType("application/json"));
  }

  @Test
  void theFailingSourcesTheFiltersSelectArePausedAndResumedTogether() {
    sources("bulk-a.example.org", 30);
    sources("bulk-other.example.org", 9);

    HttpResponse<Map<String, Object>> paused = change("q=bulk-a.example.org&status=error&minErrors=5", "{\"status\": \"paused\"}");
    assertEquals(200, paused.code());
    assertEquals(10, paused.getBody().orElseThrow().get("changed"));
    Map<String, List<Object>> a = state("bulk-a.example.org");
    assertEquals(List.of("paused", "paused by an admin"), a.get("https://bulk-a.example.org/3.xml").subList(0, 2), "a failing source is paused");
    assertEquals("active", a.get("https://bulk-a.example.org/2.xml").get(0), "a source that does not fail stays active");
    assertEquals("the feed answered 410 Gone", a.get("https://bulk-a.example.org/1.xml").get(1), "a paused source keeps its reason");
    assertEquals(3, state("bulk-other.example.org").values().stream().filter(s -> s.get(0).equals("error")).count(), "other hosts' failing sources stay");

    HttpResponse<Map<String, Object>> resumed = change("q=bulk-a.example.org&status=paused", "{\"status\": \"active\"}");
    assertEquals(11, resumed.getBody().orElseThrow().get("changed"), "the ten paused by the admin and the one paused after 410");
    a = state("bulk-a.example.org");
    assertTrue(a.values().stream().allMatch(s -> !s.get(0).equals("paused")), a::toString);
    assertEquals(List.of("active", true), List.of(a.get("https://bulk-a.example.org/3.xml").get(0), a.get("https://bulk-a.example.org/3.xml").get(3)),
        "resumed and due at once");
    assertNull(a.get("https://bulk-a.example.org/3.xml").get(1));
    assertEquals(false, a.get("https://bulk-a.example.org/2.xml").get(3), "an active source keeps its next poll");
  }

  @Test
  void aHostsSourcesAreFiledUnderACategoryAndDisabledTogether() {
    sources("bulk-b.example.org", 12);

    HttpResponse<Map<String, Object>> r = change("q=bulk-b.example.org", "{\"category\": \"ai\", \"enabled\": false}");
    assertEquals(12, r.getBody().orElseThrow().get("changed"));
    assertTrue(state("bulk-b.example.org").values().stream().allMatch(s -> "ai".equals(s.get(2)) && Boolean.FALSE.equals(s.get(4))));

    assertEquals(0, change("q=bulk-b.example.org", "{\"category\": \"ai\"}").getBody().orElseThrow().get("changed"), "nothing left to change");
    r = change("q=bulk-b.example.org&category=ai", "{\"category\": null}");
    assertEquals(12, r.getBody().orElseThrow().get("changed"));
    assertTrue(state("bulk-b.example.org").values().stream().allMatch(s -> s.get(2) == null), "null takes the category off");
  }

  /**
   * A change of many sources takes their rows in id order, as the recording of polls does: in the
   * table's order (a source written since sits after one of a higher id), it held the higher row
   * while it waited for the lower, which a recording held while it waited for the higher, and
   * PostgreSQL aborted one of the two (at 100,000 sources, 5 of 24 changes made during polls).
   */
  @Test
  void aChangeOfManySourcesTakesTheirRowsInIdOrderSoARecordingDoesNotDeadlockWithIt() throws Exception {
    sources("bulk-lock.example.org", 2);
    long lower = tx.executeRead(s -> jdbc.prepareStatement("SELECT min(id) FROM source WHERE url LIKE 'https://bulk-lock.example.org/%'",
        ps -> one(ps)));
    long higher = lower + 1;
    // The lower source written since: its row now comes after the higher one's in the table.
    tx.executeWrite(s -> jdbc.prepareStatement("UPDATE source SET title = 'written since' WHERE id = " + lower, PreparedStatement::executeUpdate));
    long waitingBefore = LockWaits.sessions(tx);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch changeWaits = new CountDownLatch(1);
    CompletableFuture<Void> recording = CompletableFuture.runAsync(() -> tx.executeWrite(s -> {
      jdbc.prepareStatement("SELECT id FROM source WHERE id = " + lower + " FOR NO KEY UPDATE", ps -> one(ps));
      held.countDown();
      try {
        changeWaits.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return jdbc.prepareStatement("UPDATE source SET last_error = 'recorded' WHERE id = " + higher, PreparedStatement::executeUpdate);
    }));
    assertTrue(held.await(10, TimeUnit.SECONDS));
    CompletableFuture<HttpResponse<Map<String, Object>>> change = CompletableFuture.supplyAsync(
        () -> change("q=bulk-lock.example.org", "{\"category\": \"ai\"}"));
    Await.until("the change waits for the recording", Duration.ofSeconds(10), () -> LockWaits.sessions(tx) > waitingBefore);
    changeWaits.countDown();

    recording.get(20, TimeUnit.SECONDS);
    HttpResponse<Map<String, Object>> r = change.get(20, TimeUnit.SECONDS);
    assertEquals(200, r.code(), String.valueOf(r.getBody(Map.class)));
    assertEquals(2, r.getBody().orElseThrow().get("changed"));
    assertEquals("recorded", tx.executeRead(s -> jdbc.prepareStatement("SELECT last_error FROM source WHERE id = " + higher, ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    })));
  }

  private static long one(PreparedStatement ps) throws java.sql.SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @ParameterizedTest(name = "[{index}] {0} {1}")
  @CsvSource(delimiter = '|', value = {
      "''                          | {\"status\": \"paused\"}           | name the sources to change",
      "q=bulk-c.example.org        | {\"url\": \"https://x.example/\"} | url: set one source at a time",
      "q=bulk-c.example.org        | {\"title\": \"All\"}             | title: set one source at a time",
      "q=bulk-c.example.org        | {\"status\": \"error\"}          | status: must be 'active' or 'paused'",
      "q=bulk-c.example.org        | {\"category\": \"nowhere\"}      | no category 'nowhere'",
      "q=bulk-c.example.org        | {}                             | nothing to change",
      "status=broken               | {\"status\": \"paused\"}         | status: 'broken' is not one of",
      "q=bulk-c.example.org        | {\"paused\": true}               | paused",
      "q=bulk-c.example.org&stauts=paused | {\"status\": \"active\"}  | stauts: not a parameter of a change of many sources",
      "q=bulk-c.example.org&expect=4 | {\"enabled\": false}           | expect: not a parameter of a change of many sources"})
  void aChangeThatCannotBeMadeIsA400AndChangesNothing(String query, String body, String detail) {
    sources("bulk-c.example.org", 4);
    Map<String, List<Object>> before = state("bulk-c.example.org");

    HttpResponse<Map<String, Object>> r = change(query, body);

    assertEquals(400, r.code());
    String said = String.valueOf(r.getBody(Map.class).orElseThrow().get("detail"));
    assertTrue(said.contains(detail), said);
    assertEquals(before, state("bulk-c.example.org"));
    tx.executeWrite(s -> jdbc.prepareStatement("DELETE FROM source WHERE url LIKE 'https://bulk-c.example.org/%'", PreparedStatement::executeUpdate));
  }
}
