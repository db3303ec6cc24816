package dev.syndic.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Await;
import dev.syndic.support.LockWaits;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Deleting a source while a poll of it is between storing its entries and clustering them: the
 * poll holds the source's row (its entries' foreign key) and then waits for the clustering lock,
 * so a deletion that took the clustering lock first and then waited for the row deadlocked, and
 * PostgreSQL aborted one of the two. The deletion now waits for the poll, then goes.
 */
@MicronautTest(transactional = false)
class SourceDeletionRaceTest {

  @Inject
  EntryRemoval removal;

  @Inject
  ClusteringLog clusteringLog;

  @Inject
  ClusterStore clusters;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  @Test
  void aSourceDeletedDuringItsPollIsDeletedAfterThePollCommits() throws Exception {
    long source = tx.<Long>executeWrite(s -> one("INSERT INTO source (url, next_poll_at) VALUES ('http://deletion-race.test/feed', now()) RETURNING id"));
    boolean deleted = deletedDuringPoll(source, () -> jdbc.prepareStatement(
        "INSERT INTO entry (source_id, identity_key, title, sort_at, first_seen_at, updated_at, content_hash) VALUES (?, 'k', 't', now(), now(), now(), 'h')",
        ps -> {
          ps.setLong(1, source);
          return ps.executeUpdate();
        }));

    assertTrue(deleted, "the deletion goes through once the poll committed");
    long left = tx.executeRead(s -> one("SELECT count(*) FROM entry WHERE source_id = " + source));
    assertEquals(0, left);
  }

  /**
   * Deleting a source while a poll of another source, which shares a story with it, has stored its
   * publisher's edit of its copy and waits for the clustering lock: mending the story's cluster
   * writes that copy, so a deletion holding the clustering lock deadlocked with the poll. The
   * deletion now waits for polls of the sources it shares stories with.
   */
  @Test
  void aSourceDeletedWhileAPollOfASourceSharingAStoryEditsItsCopyWaitsForThePoll() throws Exception {
    SharedStory story = sharedStory("shared");
    long deletedSource = story.firstSource();
    long polledSource = story.secondSource();
    long copy = story.copy();
    boolean deleted = deletedDuringPoll(deletedSource, () -> {
      one("SELECT " + polledSource + " FROM source WHERE id = " + polledSource + " FOR SHARE"); // its claim
      one("UPDATE entry SET title = 'edited', revision = revision + 1 WHERE id = " + copy + " RETURNING id");
    });

    assertTrue(deleted);
    assertEquals(copy, tx.<Long>executeRead(s -> one("SELECT cluster_id FROM entry WHERE id = " + copy)), "the copy is its story's entry now");
    assertEquals(1L, tx.<Long>executeRead(s -> one("SELECT count(*) FROM entry WHERE id = " + copy + " AND canonical")));
  }

  /**
   * Deleting a source while an entry of another source that shares a story with it is deleted (by
   * an admin, or by retention): both lock the two sources' rows, and the deletion took its own
   * first, then the other's. An entry deletion holding the lower id waiting for the higher while
   * the source deletion held the higher deadlocked, and PostgreSQL aborted one of the two. Both take
   * them in id order now: one waits, then both go.
   */
  @Test
  void aSourceAndAnEntryOfAnotherSourceSharingAStoryAreDeletedTogetherWithoutDeadlock() throws Exception {
    SharedStory story = sharedStory("order");
    long lower = story.firstSource();
    long higher = story.secondSource();
    long entry = story.original();
    long copy = story.copy();
    long waitingBefore = LockWaits.sessions(tx);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // A poll of the lower source holds its row, so that both deletions queue on it in a known order.
    CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> tx.executeWrite(s -> {
      one("SELECT " + lower + " FROM source WHERE id = " + lower + " FOR SHARE");
      held.countDown();
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }));
    assertTrue(held.await(10, TimeUnit.SECONDS));
    CompletableFuture<Boolean> entryDeletion = CompletableFuture.supplyAsync(() -> removal.delete(entry));
    Await.until("the entry deletion waits for the poll", Duration.ofSeconds(10), () -> LockWaits.sessions(tx) > waitingBefore);
    CompletableFuture<Boolean> sourceDeletion = CompletableFuture.supplyAsync(() -> removal.deleteSource(higher));
    Await.until("the source deletion waits too", Duration.ofSeconds(10), () -> LockWaits.sessions(tx) > waitingBefore + 1);
    release.countDown();
    poll.get(20, TimeUnit.SECONDS);

    assertTrue(entryDeletion.get(20, TimeUnit.SECONDS), "the entry is deleted");
    assertTrue(sourceDeletion.get(20, TimeUnit.SECONDS), "and the source");
    assertEquals(0L, tx.<Long>executeRead(s -> one("SELECT count(*) FROM entry WHERE id IN (" + entry + ", " + copy + ")")));
  }

  /**
   * Deletes {@code source} while a poll, in its transaction, has done {@code stores} and then,
   * once the deletion waits on a lock it holds (in the old orders, after the deletion took the
   * clustering lock first), waits for the clustering lock, as Deduplicator does after storing.
   * Answers what the deletion answered, once both ended.
   */
  private boolean deletedDuringPoll(long source, Runnable stores) throws Exception {
    CountDownLatch stored = new CountDownLatch(1);
    CountDownLatch deleting = new CountDownLatch(1);
    long waitingBefore = LockWaits.sessions(tx);
    CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> tx.executeWrite(s -> {
      stores.run();
      stored.countDown();
      try {
        deleting.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Await.until("the deletion waits on a lock", Duration.ofSeconds(10), () -> LockWaits.sessions(tx) > waitingBefore);
      clusteringLog.lockForClustering();
      return null;
    }));
    assertTrue(stored.await(10, TimeUnit.SECONDS));
    CompletableFuture<Boolean> deletion = CompletableFuture.supplyAsync(() -> {
      deleting.countDown();
      return removal.deleteSource(source);
    });
    poll.get(20, TimeUnit.SECONDS);
    return deletion.get(20, TimeUnit.SECONDS);
  }

  /** Two sources (the first with the lower id) and one story: the first's entry, and the second's copy in its cluster. */
  private record SharedStory(long firstSource, long secondSource, long original, long copy) {}

  private SharedStory sharedStory(String name) {
    long first = tx.<Long>executeWrite(s -> one("INSERT INTO source (url, next_poll_at) VALUES ('http://deletion-race.test/" + name + "-a', now()) RETURNING id"));
    long second = tx.<Long>executeWrite(s -> one("INSERT INTO source (url, next_poll_at) VALUES ('http://deletion-race.test/" + name + "-b', now()) RETURNING id"));
    long original = tx.<Long>executeWrite(s -> one("INSERT INTO entry (source_id, identity_key, title, sort_at, first_seen_at, updated_at, content_hash) "
        + "VALUES (" + first + ", 'k', 't', now(), now(), now(), 'h') RETURNING id"));
    long copy = tx.<Long>executeWrite(s -> one("INSERT INTO entry (source_id, identity_key, title, sort_at, first_seen_at, updated_at, content_hash) "
        + "VALUES (" + second + ", 'k', 't', now() + interval '1 hour', now(), now(), 'h') RETURNING id"));
    tx.executeWrite(s -> {
      clusters.join(java.util.Map.of(copy, original));
      return null;
    });
    return new SharedStory(first, second, original, copy);
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
