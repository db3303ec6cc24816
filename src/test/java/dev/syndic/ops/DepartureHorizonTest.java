package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServerTest;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A partner whose position is older than a removal retention deleted is told to start again (410):
 * it may hold the item that removal named, and paging on from there would never say it left.
 */
@MicronautTest(transactional = false)
class DepartureHorizonTest extends FeedServerTest {

  @Inject
  Retention retention;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  private int departures;

  @Test
  void aPositionOlderThanADeletedRemovalIsToldToStartAgain() {
    String key = (String) api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", "horizon", "categories", List.of("ai"),
        "ratePerMinute", 100_000))).get("key");
    departure("40 days");
    departure("40 days");
    departure("2 days");
    // Their positions as the partner API writes them: each is listed as a removal (no entry holds its id).
    List<Map<String, Object>> removed = removed(exchange("/partner/v1/entries?order=arrival", key));
    assertEquals(3, removed.size(), String.valueOf(removed));
    String before = (String) removed.get(0).get("position");
    String oldRemoval = (String) removed.get(1).get("position");
    String young = (String) removed.get(2).get("position");
    assertEquals(200, page(key, before).code(), "nothing deleted yet");

    assertEquals(2, retention.purgeDepartures(Duration.ofDays(30)));

    HttpResponse<Map<String, Object>> gone = page(key, before);
    assertEquals(410, gone.code());
    String detail = String.valueOf(gone.getBody().orElseThrow());
    assertTrue(detail.contains("start again without 'after'") && detail.contains("syndic.retention.departure-max-age"), detail);
    assertEquals(200, page(key, oldRemoval).code(), "past every deleted removal: nothing was missed");
    assertEquals(200, page(key, young).code());
    HttpResponse<Map<String, Object>> fromStart = exchange("/partner/v1/entries?order=arrival", key);
    assertEquals(200, fromStart.code(), "starting again always works");
    assertEquals(0, retention.purgeDepartures(Duration.ofDays(30)));
    assertEquals(410, page(key, before).code(), "the horizon stays where the deleted removals were");
  }

  /** A removal of an ai item, numbered as the sequencer numbers them, this long ago. */
  private void departure(String age) {
    int n = ++departures;
    tx.executeWrite(s -> jdbc.prepareStatement(
        "INSERT INTO entry_departure (entry_id, item_id, category_ids, departed_at) "
            + "VALUES (-1, 'urn:syndic:entry:horizon-' || ?, ARRAY(SELECT id FROM category WHERE slug = 'ai'), now() - ?::interval)",
        ps -> {
          ps.setInt(1, n);
          ps.setString(2, age);
          return ps.executeUpdate();
        }));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> removed(HttpResponse<Map<String, Object>> page) {
    assertEquals(200, page.code(), () -> String.valueOf(page.getBody().orElse(null)));
    return (List<Map<String, Object>>) page.body().get("removed");
  }

  private HttpResponse<Map<String, Object>> page(String key, String after) {
    return exchange("/partner/v1/entries?order=arrival&after=" + after, key);
  }

  private HttpResponse<Map<String, Object>> exchange(String uri, String key) {
    return api.callAs(key, HttpRequest.GET(uri));
  }
}
