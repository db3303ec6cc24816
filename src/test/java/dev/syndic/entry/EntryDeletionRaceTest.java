package dev.syndic.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Await;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An entry deleted (by an admin, or by retention) while a poll of its source stores a change of
 * it: the poll's insert had found no tombstone when it began, waited for the deletion's lock on
 * the entry, and then, the entry gone, inserted it again. The entry was back in the feeds beside
 * its tombstone, and since a tombstoned identity is skipped by every later poll, it stayed. The
 * deletion now holds the source's row, as a poll does, so the two go one after the other.
 */
@MicronautTest(transactional = false)
class EntryDeletionRaceTest {

  private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

  @Inject
  EntryRemoval removal;

  @Inject
  EntryStore store;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  @Test
  void anEntryDeletedWhileAPollStoresItsChangeStaysDeleted() throws Exception {
    long source = tx.executeWrite(s -> one("INSERT INTO source (url, next_poll_at) VALUES ('http://deletion-race.test/entry', now()) RETURNING id"));
    long entry = tx.executeWrite(s -> store.upsertAll(source, List.of(draft("words as first stored")), NOW)).get(0).orElseThrow().entryId();

    // Something that keeps the deletion from committing once it has deleted the row: another
    // transaction writing the same tombstone, rolled back later.
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> tx.executeWrite(s -> {
      jdbc.prepareStatement("INSERT INTO entry_tombstone (source_id, identity_key) VALUES (?, 'k')", ps -> {
        ps.setLong(1, source);
        return ps.executeUpdate();
      });
      held.countDown();
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("rolled back on purpose");
    }));
    assertTrue(held.await(10, TimeUnit.SECONDS));

    CompletableFuture<Boolean> deletion = CompletableFuture.supplyAsync(() -> removal.delete(entry));
    awaitWaiting(1);
    // The poll: holds its source's row, as its claim does, then stores the publisher's change.
    CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> tx.executeWrite(s -> {
      one("SELECT " + source + " FROM source WHERE id = " + source + " FOR SHARE");
      store.upsertAll(source, List.of(draft("words the publisher changed")), NOW);
      return null;
    }));
    awaitWaiting(2);
    release.countDown();
    try {
      holder.get(20, TimeUnit.SECONDS);
    } catch (ExecutionException expected) {
      // rolled back
    }
    assertTrue(deletion.get(20, TimeUnit.SECONDS));
    poll.get(20, TimeUnit.SECONDS);

    assertEquals(0L, tx.<Long>executeRead(s -> one("SELECT count(*) FROM entry WHERE source_id = " + source)), "the deleted entry stays deleted");
    assertEquals(1L, tx.<Long>executeRead(s -> one("SELECT count(*) FROM entry_tombstone WHERE source_id = " + source)));
  }

  private void awaitWaiting(int transactions) {
    Await.until(transactions + " transaction(s) waiting on a lock", Duration.ofSeconds(10),
        () -> tx.executeRead(s -> one("SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted")) >= transactions);
  }

  private static EntryDraft draft(String text) {
    return new EntryDraft("k", "guid-k", "https://example.com/k", "Title k", null, "<p>" + text + "</p>", text, text, "en", List.of(), NOW,
        null, "hash-" + text, "source-" + text, List.of());
  }

  private long one(String sql) {
    return jdbc.prepareStatement(sql, ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}
