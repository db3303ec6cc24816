package dev.syndic.entry;

import dev.syndic.SqlArrays;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Deletes entries, leaving a tombstone so that a re-poll does not bring them back ({@link
 * Tombstones} says until when), and sources with their entries; either way the duplicate clusters
 * left behind keep a canonical entry.
 */
@Singleton
public class EntryRemoval {

  private final JdbcOperations jdbc;
  private final ClusteringLog clusteringLog;
  private final ClusterStore clusters;

  EntryRemoval(JdbcOperations jdbc, ClusteringLog clusteringLog, ClusterStore clusters) {
    this.jdbc = jdbc;
    this.clusteringLog = clusteringLog;
    this.clusters = clusters;
  }

  /**
   * Locks the source and those it shares stories with, in id order; each of the three {@code ?} is
   * the source's id. The ids are gathered first and looked up through the primary key: written
   * {@code id = ? OR id IN (...)}, PostgreSQL could use no index for the two together and read
   * every source, 36 ms of each deletion at 100,000 sources (99,006 rows read and dropped).
   */
  static final String LOCK_SOURCES = """
      SELECT id FROM source
      WHERE id = ANY (ARRAY(SELECT o.source_id FROM entry e JOIN entry o ON o.cluster_id = e.cluster_id
                            WHERE e.source_id = ? AND o.source_id <> ?) || CAST(? AS bigint))
      ORDER BY id FOR UPDATE
      """;

  /**
   * Deletes a source, its entries, tombstones and fetch history (the foreign keys cascade) and its
   * disclaimer templates (keyed by its id as text, so no foreign key takes them). The
   * stories it shared with other sources stay in the feeds through their copies: the clusters it
   * leaves are mended ({@link ClusterStore#mendAfterRemoval}) in the same transaction, under the
   * clustering lock so that no copy arriving meanwhile joins a cluster as it is renamed; a poll of
   * the source, or of a source it shares stories with, under way finishes first. False when there
   * is no such source.
   */
  @Transactional
  public boolean deleteSource(long sourceId) {
    // The rows of the source and of the sources it shares stories with, in one statement in id
    // order (as ClusterStore's changes of clusters take them, or the two deadlock), then the
    // clustering lock: a poll of one of them holds its row before it waits for that lock, and
    // mending the clusters writes the other sources' entries.
    List<Long> locked = jdbc.prepareStatement(LOCK_SOURCES,
        ps -> {
          ps.setLong(1, sourceId);
          ps.setLong(2, sourceId);
          ps.setLong(3, sourceId);
          return SqlArrays.longs(ps.executeQuery());
        });
    if (!locked.contains(sourceId)) {
      return false;
    }
    clusteringLog.lockForClustering();
    List<Long> shared = jdbc.prepareStatement(
        """
        SELECT DISTINCT e.cluster_id FROM entry e
        WHERE e.source_id = ? AND EXISTS (SELECT 1 FROM entry o WHERE o.cluster_id = e.cluster_id AND o.source_id <> e.source_id)
        """,
        ps -> {
          ps.setLong(1, sourceId);
          return SqlArrays.longs(ps.executeQuery());
        });
    int deleted = jdbc.prepareStatement("DELETE FROM source WHERE id = ?", ps -> {
      ps.setLong(1, sourceId);
      return ps.executeUpdate();
    });
    jdbc.prepareStatement("DELETE FROM disclaimer WHERE scope = 'source' AND scope_key = ?", ps -> {
      ps.setString(1, Long.toString(sourceId));
      return ps.executeUpdate();
    });
    clusters.mendAfterRemoval(shared);
    return deleted == 1;
  }

  /** Deletes the entry; false when there is none with this id. */
  @Transactional
  public boolean delete(long entryId) {
    // Leave the cluster first, so the copies left behind keep a cluster and a canonical entry. The
    // split holds the source's row to commit: a poll of the source that began first ends first
    // (and its change of the entry is deleted with it); one that begins later waits, then finds
    // the tombstone. Without it, a poll storing a change of the entry in the same moment waited
    // for the deletion and then inserted the entry again, beside its tombstone, for good.
    if (!clusters.split(entryId)) {
      return false;
    }
    return jdbc.prepareStatement(
        """
        WITH gone AS (DELETE FROM entry WHERE id = ? RETURNING source_id, identity_key, source_hash)
        INSERT INTO entry_tombstone (source_id, identity_key, source_hash) SELECT source_id, identity_key, source_hash FROM gone
        ON CONFLICT DO NOTHING
        """,
        ps -> {
          ps.setLong(1, entryId);
          return ps.executeUpdate() >= 0;
        });
  }
}
