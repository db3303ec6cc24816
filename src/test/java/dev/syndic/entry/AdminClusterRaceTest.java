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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * An admin's merge or split that lands while a poll clusters a new copy of the same story: the
 * poll read the copy's cluster under the clustering lock, but the admin's change did not take it,
 * so the new copy joined the cluster as it was before the change and was left alone under the old
 * cluster's name, canonical, and shown beside its story. The admin's changes now take the lock, so
 * one of the two goes first and the other sees it.
 */
@MicronautTest(transactional = false)
class AdminClusterRaceTest {

  @Inject
  ClusteringLog clusteringLog;

  @Inject
  ClusterStore clusters;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  @Test
  void aCopyClusteredDuringAMergeEndsInTheMergedCluster() throws Exception {
    long a = entry(source("http://admin-race.test/merge-a"), "2026-03-17T08:00:00Z");
    long b = entry(source("http://admin-race.test/merge-b"), "2026-03-17T09:00:00Z");
    long copy = entry(source("http://admin-race.test/merge-c"), "2026-03-17T10:00:00Z");

    // The poll of the copy's source: under the clustering lock it reads the cluster of its best
    // match (b), and joins it a moment later, as Deduplicator does.
    pollJoining(copy, b, () -> clusters.merge(a, b));

    assertEquals(clusterOf(a), clusterOf(b));
    assertEquals(clusterOf(a), clusterOf(copy), "the copy is with its story, not alone under the name of a cluster that moved");
    assertEquals(1, canonicals(List.of(a, b, copy)), "the story is shown once");
  }

  @Test
  void aCopyClusteredDuringASplitOfTheClustersAnchorStaysWithItsStory() throws Exception {
    long a = entry(source("http://admin-race.test/split-a"), "2026-03-17T08:00:00Z");
    long b = entry(source("http://admin-race.test/split-b"), "2026-03-17T09:00:00Z");
    long copy = entry(source("http://admin-race.test/split-c"), "2026-03-17T10:00:00Z");
    clusters.merge(a, b); // one story, named after a, which the admin now splits out

    pollJoining(copy, b, () -> clusters.split(a));

    assertEquals(clusterOf(b), clusterOf(copy), "the copy is with the story it matched");
    assertTrue(clusterOf(b) != a && clusterOf(copy) != a, "neither is left in the cluster of the entry split out");
    assertEquals(1, canonicals(List.of(b, copy)), "the story is shown once");
  }

  /**
   * A poll stores its publisher's edit of a copy in the cluster an admin merges, then waits for the
   * clustering lock: the merge, which took that lock and then waited for the copy's row, deadlocked
   * with it, and PostgreSQL aborted one of the two (the admin's merge a 500, or the poll's work). The
   * merge now waits for the poll of every source in the clusters first.
   */
  @Test
  void aMergeWaitsForAPollEditingACopyInTheCluster() throws Exception {
    long a = entry(source("http://admin-race.test/edit-a"), "2026-03-17T08:00:00Z");
    long editedSource = source("http://admin-race.test/edit-b");
    long edited = entry(editedSource, "2026-03-17T09:00:00Z");
    long b = entry(source("http://admin-race.test/edit-c"), "2026-03-17T10:00:00Z");
    clusters.merge(b, edited);

    CountDownLatch stored = new CountDownLatch(1);
    CountDownLatch merging = new CountDownLatch(1);
    CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> tx.executeWrite(s -> {
      one("SELECT " + editedSource + " FROM source WHERE id = " + editedSource + " FOR SHARE"); // its claim
      one("UPDATE entry SET title = 'edited', revision = revision + 1 WHERE id = " + edited + " RETURNING id");
      stored.countDown();
      try {
        merging.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Await.until("the merge waits on a lock", Duration.ofSeconds(10),
          () -> one("SELECT count(*) FROM pg_locks WHERE NOT granted") > 0);
      clusteringLog.lockForClustering(); // as Deduplicator does after storing
      return null;
    }));
    assertTrue(stored.await(10, TimeUnit.SECONDS));
    CompletableFuture<Void> merge = CompletableFuture.runAsync(() -> {
      merging.countDown();
      clusters.merge(a, b);
    });

    poll.get(20, TimeUnit.SECONDS);
    merge.get(20, TimeUnit.SECONDS);
    assertEquals(clusterOf(a), clusterOf(edited));
    assertEquals(clusterOf(a), clusterOf(b));
    assertEquals(1, canonicals(List.of(a, b, edited)));
  }

  /**
   * Runs a poll that joins {@code copy} to the cluster of {@code match} while {@code admin} runs:
   * the admin's change starts after the poll read the cluster and before it joined.
   */
  private void pollJoining(long copy, long match, Runnable admin) throws Exception {
    CountDownLatch read = new CountDownLatch(1);
    CountDownLatch adminStarted = new CountDownLatch(1);
    AtomicBoolean adminDone = new AtomicBoolean();
    long waitingBefore = LockWaits.sessions(tx);
    CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> tx.executeWrite(s -> {
      clusteringLog.lockForClustering();
      Map<Long, Long> current = clusters.currentClusters(List.of(match));
      read.countDown();
      try {
        adminStarted.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      // The admin's change waits for this poll (the lock), or, when nothing holds it back, is done.
      Await.until("the admin's change waits or is done", Duration.ofSeconds(10),
          () -> adminDone.get() || LockWaits.sessions(tx) > waitingBefore);
      clusters.join(Map.of(copy, current.get(match)));
      return null;
    }));
    assertTrue(read.await(10, TimeUnit.SECONDS));
    CompletableFuture<Void> change = CompletableFuture.runAsync(() -> {
      adminStarted.countDown();
      admin.run();
      adminDone.set(true);
    });
    poll.get(20, TimeUnit.SECONDS);
    change.get(20, TimeUnit.SECONDS);
  }

  private long source(String url) {
    return tx.executeWrite(s -> one("INSERT INTO source (url, next_poll_at) VALUES ('" + url + "', now()) RETURNING id"));
  }

  private long entry(long source, String published) {
    return tx.executeWrite(s -> one(
        "INSERT INTO entry (source_id, identity_key, title, published_at, sort_at, first_seen_at, updated_at, content_hash) VALUES ("
            + source + ", 'k', 't', '" + published + "', '" + published + "', now(), now(), 'h') RETURNING id"));
  }

  private long clusterOf(long entry) {
    return tx.executeRead(s -> one("SELECT cluster_id FROM entry WHERE id = " + entry));
  }

  private long canonicals(List<Long> entries) {
    return tx.executeRead(s -> one("SELECT count(*) FROM entry WHERE canonical AND id IN ("
        + String.join(",", entries.stream().map(String::valueOf).toList()) + ")"));
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
