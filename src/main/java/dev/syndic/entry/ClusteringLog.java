package dev.syndic.entry;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lock that serializes clustering and the log of the batches clustered under it, by which a
 * batch learns which entries were clustered between its candidate lookup and its taking the lock.
 */
@Singleton
@Transactional
public class ClusteringLog {

  private final JdbcOperations jdbc;

  ClusteringLog(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Waits for, then holds until commit, the database-wide lock that serializes clustering, so two
   * transactions never cluster copies of one story without seeing each other.
   */
  public void lockForClustering() {
    jdbc.prepareStatement("SELECT pg_advisory_xact_lock(7361626473)", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    });
  }

  /** The newest epoch of the clustering log: read before the candidates, then {@link #logClustered}. */
  public long clusteringEpoch() {
    return jdbc.prepareStatement("SELECT COALESCE(max(epoch), 0) FROM clustering_log", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /**
   * Logs the entries this transaction clusters with their candidate keys ({@code keys.get(i)} of
   * {@code entryIds.get(i)}), and answers the entries of the batches logged after {@code epoch}
   * (committed since this transaction read it) that may share a key with them: the only ones its
   * lookup under the lock has to look among. One round trip for both; call under the clustering
   * lock, so epochs follow commit order. The log keeps the high half of each key (V47): a batch
   * of other stories shares none, and was looked among all the same (870 of the ingest bench's
   * 1,000 batches had entries logged meanwhile, none of them a copy); halves that two different
   * keys share only cost that lookup. A batch logged without keys (by an earlier version) is looked
   * among whole. Now and then prunes rows older than an hour.
   */
  public List<Long> logClustered(long epoch, List<Long> entryIds, List<List<Long>> keys) {
    int[] halves = keyHalves(keys);
    List<Long> meanwhile = new ArrayList<>();
    long logged = jdbc.prepareStatement(
        """
        WITH logged AS (INSERT INTO clustering_log (entry_ids, keys) VALUES (?, ?) RETURNING epoch)
        SELECT epoch, TRUE, NULL::bigint[], NULL::integer[] FROM logged
        UNION ALL
        SELECT epoch, FALSE, entry_ids, keys FROM clustering_log WHERE epoch > ?
        """,
        ps -> {
          ps.setArray(1, ps.getConnection().createArrayOf("bigint", entryIds.toArray(Long[]::new)));
          ps.setArray(2, ps.getConnection().createArrayOf("integer", Arrays.stream(halves).boxed().toArray(Integer[]::new)));
          ps.setLong(3, epoch);
          long mine = 0;
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              if (rs.getBoolean(2)) {
                mine = rs.getLong(1);
                continue;
              }
              java.sql.Array theirs = rs.getArray(4);
              if (theirs == null || meets((Integer[]) theirs.getArray(), halves)) {
                meanwhile.addAll(Arrays.asList((Long[]) rs.getArray(3).getArray()));
              }
            }
          }
          return mine;
        });
    if (logged % 1000 == 0) {
      jdbc.prepareStatement("DELETE FROM clustering_log WHERE logged_at < now() - interval '1 hour'", ps -> ps.executeUpdate());
    }
    return meanwhile;
  }

  /** The high 32 bits of each of these keys, distinct and in order: what the log keeps of them. */
  static int[] keyHalves(List<List<Long>> keys) {
    return keys.stream().flatMap(List::stream).mapToInt(k -> (int) (k >> 32)).sorted().distinct().toArray();
  }

  private static boolean meets(Integer[] logged, int[] halves) {
    for (Integer half : logged) {
      if (Arrays.binarySearch(halves, half) >= 0) {
        return true;
      }
    }
    return false;
  }
}
