package dev.syndic.entry;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/** Deletes entries, leaving a tombstone so that a re-poll never brings them back. */
@Singleton
public class EntryRemoval {

  private final JdbcOperations jdbc;
  private final ClusterStore clusters;

  EntryRemoval(JdbcOperations jdbc, ClusterStore clusters) {
    this.jdbc = jdbc;
    this.clusters = clusters;
  }

  /** Deletes the entry; false when there is none with this id. */
  @Transactional
  public boolean delete(long entryId) {
    if (clusters.clusterOf(entryId).isEmpty()) {
      return false;
    }
    // Leave the cluster first, so the copies left behind keep a cluster and a canonical entry.
    clusters.split(entryId);
    return jdbc.prepareStatement(
        """
        WITH gone AS (DELETE FROM entry WHERE id = ? RETURNING source_id, identity_key)
        INSERT INTO entry_tombstone (source_id, identity_key) SELECT source_id, identity_key FROM gone
        ON CONFLICT DO NOTHING
        """,
        ps -> {
          ps.setLong(1, entryId);
          return ps.executeUpdate() >= 0;
        });
  }
}
