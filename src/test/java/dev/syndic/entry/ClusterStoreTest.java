package dev.syndic.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cluster membership: joining a cluster and the canonical entry it keeps. */
@MicronautTest(transactional = false)
class ClusterStoreTest {

  @Inject
  ClusterStore clusters;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  private long source(String url) {
    return new ClusterRows(jdbc, tx).source(url);
  }

  /**
   * Joining writes each entry row it changes once: the joining entry gets its cluster and its flag
   * in one write (it was written twice, and neither write can be HOT), and each cluster it joins
   * has its earliest published entry canonical, the joining one if it came first.
   */
  @Test
  void aJoinWritesEachChangedEntryOnceAndKeepsTheEarliestCanonical() {
    long old = source("http://cluster-store.test/join-old");
    long mine = source("http://cluster-store.test/join-mine");
    long first = dated(old, "first", 120);
    long second = dated(old, "second", 60);
    long lone = dated(old, "lone", 60);
    long earlier = dated(mine, "earlier", 180);
    long later = dated(mine, "later", 0);
    tx.executeWrite(s -> jdbc.prepareStatement("UPDATE entry SET cluster_id = ?, canonical = FALSE WHERE id = ?", ps -> {
      ps.setLong(1, first);
      ps.setLong(2, second);
      return ps.executeUpdate();
    }));

    long written = tx.executeWrite(s -> {
      long before = entryUpdates();
      clusters.join(Map.of(earlier, first, later, lone));
      return entryUpdates() - before;
    });

    // earlier (cluster), first (no longer canonical), later (cluster, not canonical): three rows.
    assertEquals(3, written, "entry rows written by the join");
    Map<Long, String> state = tx.executeRead(s -> jdbc.prepareStatement(
        "SELECT id, cluster_id || ':' || canonical FROM entry WHERE source_id IN (?, ?)", ps -> {
          ps.setLong(1, old);
          ps.setLong(2, mine);
          Map<Long, String> out = new HashMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getLong(1), rs.getString(2));
            }
          }
          return out;
        }));
    assertEquals(Map.of(first, first + ":false", second, first + ":false", earlier, first + ":true", lone, lone + ":true",
        later, lone + ":false"), state);
  }

  /** An entry of the source published {@code minutesAgo} minutes ago, alone in its cluster. */
  private long dated(long source, String key, int minutesAgo) {
    return tx.executeWrite(s -> jdbc.prepareStatement(
        """
        INSERT INTO entry (source_id, identity_key, title, published_at, sort_at, first_seen_at, updated_at, content_hash)
        VALUES (?, ?, 'copy', now() - make_interval(mins => ?), now(), now(), now(), 'h') RETURNING id
        """, ps -> {
          ps.setLong(1, source);
          ps.setString(2, key);
          ps.setInt(3, minutesAgo);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        }));
  }

  /** Rows of entry this transaction has updated so far. */
  private long entryUpdates() {
    return jdbc.prepareStatement("SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'entry'", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}
