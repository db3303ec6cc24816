package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.syndic.support.Api;
import dev.syndic.support.FeedServer;
import dev.syndic.support.Fixtures;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Tombstones go once their source's feed, read since, no longer lists the item for the configured
 * time; while a feed lists the item, or has not been read (304, the same bytes), they stay.
 */
@MicronautTest(transactional = false)
class TombstoneExpiryTest {

  @Inject
  @Client("/")
  HttpClient http;

  @Inject
  Retention retention;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  private static final Duration EXPIRY = Duration.ofDays(30);

  private static byte[] feed(String... guids) {
    String[][] items = new String[guids.length][];
    for (int i = 0; i < guids.length; i++) {
      items[i] = new String[] {guids[i], "Tombstone story " + guids[i], "<p>Tombstone body of " + guids[i] + "</p>"};
    }
    return Fixtures.rss(items);
  }

  private int sql(String statement, Object... params) {
    return tx.executeWrite(s -> jdbc.prepareStatement(statement, ps -> {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return ps.executeUpdate();
    }));
  }

  /** Identity keys (hashes) of the source's stored entries to their guids. */
  private Map<String, String> guids(long source) {
    return tx.executeRead(s -> jdbc.prepareStatement("SELECT identity_key, guid FROM entry WHERE source_id = ?", ps -> {
      ps.setLong(1, source);
      Map<String, String> out = new TreeMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
      return out;
    }));
  }

  private Map<String, String> guids = Map.of();

  /** The source's tombstones: the guid of the deleted entry to its last sighting, null for none. */
  private Map<String, Timestamp> tombstones(long source) {
    return tx.executeRead(s -> jdbc.prepareStatement(
        "SELECT identity_key, last_hit_at FROM entry_tombstone WHERE source_id = ? ORDER BY identity_key", ps -> {
          ps.setLong(1, source);
          Map<String, Timestamp> out = new TreeMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(guids.get(rs.getString(1)), rs.getTimestamp(2));
            }
          }
          return out;
        }));
  }

  private Object entryId(Api api, long source, String guid) {
    return api.entries("source=" + source).stream().filter(e -> guid.equals(e.get("guid"))).findFirst().orElseThrow().get("id");
  }

  @Test
  void aTombstoneGoesOnlyOnceItsFeedHasBeenReadWithoutTheItemForTheExpiry() throws Exception {
    Api api = new Api(http.toBlocking());
    try (FeedServer server = FeedServer.start()) {
      server.serve("/tomb.xml", feed("t-a", "t-b", "t-c"));
      long source = api.addSource(server.url("/tomb.xml"));
      api.poll(source);
      guids = guids(source);
      api.call(HttpRequest.DELETE("/api/v1/entries/" + entryId(api, source, "t-a")));
      api.call(HttpRequest.DELETE("/api/v1/entries/" + entryId(api, source, "t-b")));
      assertEquals(List.of("t-a", "t-b"), List.copyOf(tombstones(source).keySet()));
      // Both deleted 40 days ago, the feed last read then too.
      sql("UPDATE entry_tombstone SET deleted_at = now() - interval '40 days' WHERE source_id = ?", source);
      sql("UPDATE source SET last_read_at = now() - interval '40 days' WHERE id = ?", source);
      assertEquals(0, retention.expireTombstones(EXPIRY), "the feed has not been read since: it may still list both");

      // The feed changes: it lists b, no longer a. Reading it records that b was seen.
      server.serve("/tomb.xml", feed("t-b", "t-c", "t-d"));
      Map<String, Object> read = api.poll(source);
      assertEquals(1, ((Number) read.get("newEntries")).intValue(), "d; b stays deleted");
      Timestamp seen = tombstones(source).get("t-b");
      assertNotNull(seen, "b was listed: its sighting is recorded");
      assertNull(tombstones(source).get("t-a"));

      // Seen again within hours: not written again.
      server.serve("/tomb.xml", feed("t-b", "t-c", "t-d", "t-e"));
      api.poll(source);
      assertEquals(seen, tombstones(source).get("t-b"), "a sighting younger than the refresh is not rewritten");

      assertEquals(1, retention.expireTombstones(EXPIRY), "a: unlisted for 40 days by a feed read since");
      assertEquals(List.of("t-b"), List.copyOf(tombstones(source).keySet()));

      // b last seen 40 days ago, and the feed not read since (every poll 304 or the same bytes): kept.
      sql("UPDATE entry_tombstone SET last_hit_at = now() - interval '40 days' WHERE source_id = ?", source);
      sql("UPDATE source SET last_read_at = now() - interval '40 days' + interval '2 hours' WHERE id = ?", source);
      api.poll(source);
      assertEquals(0, retention.expireTombstones(EXPIRY), "the same bytes again: the feed may still list b");
      assertEquals(List.of("t-b"), List.copyOf(tombstones(source).keySet()));

      // An item that comes back after its tombstone went is stored again.
      server.serve("/tomb.xml", feed("t-a", "t-c", "t-d", "t-e"));
      Map<String, Object> back = api.poll(source);
      assertEquals(1, ((Number) back.get("newEntries")).intValue(), "a is stored again");
      assertEquals(1, retention.expireTombstones(EXPIRY), "b: the feed just read does not list it");
    }
  }
}
