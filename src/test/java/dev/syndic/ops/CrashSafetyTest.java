package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Await;
import dev.syndic.support.FeedServer;
import dev.syndic.support.StoryFeed;
import dev.syndic.support.SyndicProcess;
import dev.syndic.support.TestPostgres;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Syndic killed with SIGKILL ({@code kill -9}) while it ingests, then started again on the same
 * database: every entry served is stored exactly once, no cluster is doubled, and the polls the
 * dead instance had claimed wait for their lease to run out and are then polled. The service runs
 * in a JVM of its own; PostgreSQL belongs to the test, so it outlives the kill (as an external
 * database does).
 */
class CrashSafetyTest {

  private static final int SOURCES = 24;
  private static final int ENTRIES = 30;
  // Longer than a restart takes (7-15 s on a loaded 2-core machine), so the second instance is up
  // while the dead claims still hold.
  private static final Duration LEASE = Duration.ofSeconds(30);

  @Test
  void killedWhileIngestingThenRestartedLosesNothingDuplicatesNothingAndWaitsForTheLeases() throws Exception {
    try (TestPostgres pg = TestPostgres.start(); FeedServer feeds = FeedServer.start()) {
      for (int s = 0; s < SOURCES; s++) {
        byte[] body = StoryFeed.rss("s" + s, ENTRIES);
        // A slow answer keeps polls in flight, so the kill finds claims held and fetches running.
        feeds.handle("/s" + s + ".xml", exchange -> {
          Await.pause(300);
          FeedServer.reply(exchange, 200, body, "Content-Type", "application/rss+xml");
        });
      }
      Map<String, String> settings = SyndicProcess.polling(pg, LEASE.toSeconds() + "s");

      Instant killedAt;
      try (SyndicProcess first = SyndicProcess.start("crash-first", settings)) {
        first.awaitHealthy(Duration.ofSeconds(90));
        // All due at once, in one statement: the first claim round takes a whole batch.
        String[] urls = new String[SOURCES];
        for (int s = 0; s < SOURCES; s++) {
          urls[s] = feeds.url("/s" + s + ".xml");
        }
        pg.update("INSERT INTO source (url, next_poll_at) SELECT u, now() FROM unnest(?::text[]) u", (Object) urls);
        await("the first instance stored entries", Duration.ofSeconds(60), () -> pg.number("SELECT count(*) FROM entry") > 0, first);
        first.kill();
        killedAt = Instant.now();
      }

      // What the dead instance left: claims still in force, and only part of the entries.
      Map<Long, Instant> leased = new LinkedHashMap<>();
      List<Object> ids = pg.column("SELECT id FROM source WHERE claimed_until > now() ORDER BY id");
      for (Object id : ids) {
        Timestamp until = (Timestamp) pg.column("SELECT claimed_until FROM source WHERE id = ?", id).get(0);
        leased.put(((Number) id).longValue(), until.toInstant());
      }
      assertFalse(leased.isEmpty(), "the instance was killed while it held claims");
      assertTrue(pg.number("SELECT count(*) FROM entry") < SOURCES * ENTRIES, "the instance was killed before it had stored everything");

      try (SyndicProcess second = SyndicProcess.start("crash-second", settings)) {
        second.awaitHealthy(Duration.ofSeconds(90));
        Instant secondUp = Instant.now();
        await("every source polled and every entry stored", Duration.ofSeconds(90),
            () -> pg.number("SELECT count(*) FROM source WHERE last_success_at IS NOT NULL") == SOURCES
                && pg.number("SELECT count(*) FROM entry") == SOURCES * ENTRIES, second);
        assertTrue(leased.values().stream().anyMatch(secondUp::isBefore),
            "the restart took longer than the lease (" + LEASE + "), so nothing showed that claims are waited for");
      }

      // Nothing lost, nothing doubled: every served entry once, every entry its own cluster.
      for (int s = 0; s < SOURCES; s++) {
        String url = feeds.url("/s" + s + ".xml");
        assertEquals(ENTRIES, pg.number("SELECT count(*) FROM entry e JOIN source s ON s.id = e.source_id WHERE s.url = ?", url), url);
        assertEquals(ENTRIES, pg.number("SELECT count(DISTINCT guid) FROM entry e JOIN source s ON s.id = e.source_id WHERE s.url = ?", url), url);
      }
      assertEquals(SOURCES * ENTRIES, pg.number("SELECT count(DISTINCT cluster_id) FROM entry"), "no two served stories share a cluster");
      assertEquals(SOURCES * ENTRIES, pg.number("SELECT count(*) FROM entry WHERE canonical"), "each cluster has one canonical entry");
      assertEquals(0, pg.number("SELECT count(*) FROM entry e WHERE NOT EXISTS (SELECT 1 FROM entry_dedupe_key k WHERE k.entry_id = e.id)"),
          "every entry is indexed for the duplicate lookup");

      // The dead instance's claims were released by their lease alone: no poll before it ran out, one after.
      for (Map.Entry<Long, Instant> claim : leased.entrySet()) {
        long early = pg.number("SELECT count(*) FROM fetch_log WHERE source_id = ? AND started_at > ? AND started_at < ?",
            claim.getKey(), Timestamp.from(killedAt), Timestamp.from(claim.getValue()));
        assertEquals(0, early, "source " + claim.getKey() + " was polled before the dead instance's lease ran out at " + claim.getValue());
        long after = pg.number("SELECT count(*) FROM fetch_log WHERE source_id = ? AND started_at >= ? AND outcome = 'ok'",
            claim.getKey(), Timestamp.from(claim.getValue()));
        assertTrue(after >= 1, "source " + claim.getKey() + " was polled once its lease ran out");
      }
    }
  }

  private static void await(String what, Duration timeout, BooleanSupplier done, SyndicProcess syndic) {
    Await.until(what, timeout, done, () -> !syndic.alive(), () -> "; Syndic's log:\n" + syndic.log());
  }
}
