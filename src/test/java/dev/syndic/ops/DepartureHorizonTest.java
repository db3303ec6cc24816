package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.entry.ArrivalSequencer;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
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

  @Inject
  ArrivalSequencer sequencer;

  private int departures;

  @Test
  void aPositionOlderThanADeletedRemovalIsToldToStartAgain() {
    String key = (String) api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", "horizon", "categories", List.of("ai"),
        "ratePerMinute", 100_000))).get("key");
    // The partner syncs, then removals are numbered (their age is made up: retention reads departed_at).
    HttpResponse<Map<String, Object>> synced = exchange("/partner/v1/entries?order=arrival&limit=500", key);
    assertEquals(false, synced.body().get("more"));
    departure("40 days");
    departure("40 days");
    departure("2 days");
    // Their positions as the partner API writes them: each is listed as a removal (no entry holds its id).
    List<Map<String, Object>> removed = removed(page(key, (String) synced.body().get("next")));
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

  /**
   * A partner that starts (or starts again, as the 410 tells it to) after retention deleted
   * removals pages through the positions older than them, and through those of removals deleted
   * while it does: removals numbered before it began concern entries it never had. Its first page
   * ended below the horizon, and the second was a 410, at every new start. A removal numbered after
   * it began, once deleted, still sends it back to the start.
   */
  @Test
  void aPartnerStartingAfterRemovalsWereDeletedPagesThroughTheOlderPositions() {
    server.serve("/horizon-ai.xml", Fixtures.rss(new String[] {"h-1", "Robots learn to fold laundry", "<p>A lab taught arms to fold.</p>"},
        new String[] {"h-2", "Chip makers race to 2nm", "<p>Foundries compete on nodes.</p>"},
        new String[] {"h-3", "Speech models learn dialects", "<p>Recognition of regional accents.</p>"}));
    long source = ((Number) api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", server.url("/horizon-ai.xml"), "category", "ai")))
        .get("id")).longValue();
    api.poll(source);
    sequencer.sequenceAll();
    departure("40 days");
    int youngBeforeStart = departure("2 days");
    assertTrue(retention.purgeDepartures(Duration.ofDays(30)) > 0);
    String key = (String) api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", "late-starter", "categories", List.of("all"),
        "ratePerMinute", 100_000))).get("key");

    List<Object> links = new ArrayList<>();
    String after = null;
    String first = null;
    boolean more = true;
    for (int pages = 0; more && pages < 50; pages++) {
      HttpResponse<Map<String, Object>> page = exchange("/partner/v1/entries?order=arrival&limit=1" + (after == null ? "" : "&after=" + after),
          key);
      assertEquals(200, page.code(), () -> "page after " + links + ": " + page.getBody().orElse(null));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> items = (List<Map<String, Object>>) page.body().get("items");
      items.forEach(i -> links.add(i.get("link")));
      after = (String) page.body().get("next");
      if (first == null) {
        first = after;
        // Retention's next run, while the partner pages: the removal it deletes left before the partner began.
        age(youngBeforeStart);
        assertEquals(1, retention.purgeDepartures(Duration.ofDays(30)));
      }
      more = (Boolean) page.body().get("more");
    }
    assertTrue(links.containsAll(List.of("https://test.example.com/h-1", "https://test.example.com/h-2", "https://test.example.com/h-3")),
        links::toString);

    age(departure("2 days"));
    assertEquals(1, retention.purgeDepartures(Duration.ofDays(30)));
    assertEquals(410, page(key, first).code(), "a removal numbered after the partner began was deleted");
  }

  /** Makes a removal 40 days old. */
  private void age(int departure) {
    tx.executeWrite(s -> jdbc.prepareStatement("UPDATE entry_departure SET departed_at = now() - interval '40 days' WHERE item_id = ?", ps -> {
      ps.setString(1, "urn:syndic:entry:horizon-" + departure);
      return ps.executeUpdate();
    }));
  }

  /** A removal of an ai item, numbered as the sequencer numbers them, this long ago. */
  private int departure(String age) {
    int n = ++departures;
    tx.executeWrite(s -> jdbc.prepareStatement(
        "INSERT INTO entry_departure (entry_id, item_id, category_ids, departed_at) "
            + "VALUES (-1, 'urn:syndic:entry:horizon-' || ?, ARRAY(SELECT id FROM category WHERE slug = 'ai'), now() - ?::interval)",
        ps -> {
          ps.setInt(1, n);
          ps.setString(2, age);
          return ps.executeUpdate();
        }));
    return n;
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
