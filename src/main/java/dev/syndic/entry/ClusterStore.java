package dev.syndic.entry;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Duplicate clusters in PostgreSQL. An entry's cluster id is the id of an entry of that cluster
 * (its own when alone). The canonical entry of a cluster is the earliest published one (the
 * original is normally published before its copies; ties go to the entry seen first), and only
 * canonical entries appear in outbound feeds. Every source keeps all its entries: a duplicate is
 * clustered, never dropped.
 */
@Singleton
@Transactional
public class ClusterStore {

  /** A stored entry that may be a duplicate of a new one. */
  public record Candidate(long entryId, long clusterId, String title, String coreText, String link) {}

  static final int PER_KEY = 20;

  private final JdbcOperations jdbc;

  ClusterStore(JdbcOperations jdbc) {
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

  /** Stores the entry's candidate keys. */
  public void index(long entryId, List<Long> keys) {
    jdbc.prepareStatement("INSERT INTO entry_dedupe_key (key, entry_id) SELECT unnest(?::bigint[]), ? ON CONFLICT DO NOTHING", ps -> {
      ps.setArray(1, ps.getConnection().createArrayOf("bigint", keys.toArray()));
      ps.setLong(2, entryId);
      return ps.executeUpdate();
    });
  }

  /**
   * The newest entries of other sources sharing a key with the given keys. Within one source,
   * identity keys decide: a source that publishes the same text twice means two items. Each key
   * contributes at most its {@link #PER_KEY} newest entries (an index range read), so a key that
   * thousands of entries share (a home-page link, a stock sentence) costs no more than a rare one.
   */
  public List<Candidate> candidates(List<Long> keys, long entryId, int limit) {
    if (keys.isEmpty()) {
      return List.of();
    }
    return jdbc.prepareStatement(
        """
        WITH me AS (SELECT source_id FROM entry WHERE id = ?)
        SELECT e.id, e.cluster_id, e.title, e.core_text, e.link FROM entry e
        WHERE e.id IN (
          SELECT hit.entry_id FROM unnest(?::bigint[]) AS q(key)
          CROSS JOIN LATERAL (
            SELECT k.entry_id FROM entry_dedupe_key k JOIN entry o ON o.id = k.entry_id
            WHERE k.key = q.key AND k.entry_id <> ? AND o.source_id <> (SELECT source_id FROM me)
            ORDER BY k.entry_id DESC LIMIT ?) hit
          ORDER BY hit.entry_id DESC LIMIT ?)
        """,
        ps -> {
          ps.setLong(1, entryId);
          ps.setArray(2, ps.getConnection().createArrayOf("bigint", keys.toArray()));
          ps.setLong(3, entryId);
          ps.setInt(4, PER_KEY);
          ps.setInt(5, limit);
          try (ResultSet rs = ps.executeQuery()) {
            List<Candidate> out = new ArrayList<>();
            while (rs.next()) {
              out.add(new Candidate(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
            return out;
          }
        });
  }

  /** Moves an entry into a cluster and chooses the cluster's canonical entry again. */
  public void join(long entryId, long clusterId) {
    update("UPDATE entry SET cluster_id = ? WHERE id = ?", clusterId, entryId);
    electCanonical(clusterId);
  }

  /** Takes an entry out of its cluster into one of its own. */
  public void split(long entryId) {
    long cluster = clusterOf(entryId).orElseThrow();
    if (cluster == entryId) {
      // The entry anchors its cluster: the others move to a new anchor among them.
      Optional<Long> anchor = single("SELECT min(id) FROM entry WHERE cluster_id = ? AND id <> ?", cluster, entryId);
      anchor.ifPresent(a -> {
        update("UPDATE entry SET cluster_id = ? WHERE cluster_id = ? AND id <> ?", a, cluster, entryId);
        electCanonical(a);
      });
    } else {
      update("UPDATE entry SET cluster_id = id WHERE id = ?", entryId);
      electCanonical(cluster);
    }
    electCanonical(entryId);
  }

  /** Puts every entry of b's cluster into a's cluster. */
  public void merge(long a, long b) {
    long target = clusterOf(a).orElseThrow();
    long source = clusterOf(b).orElseThrow();
    if (target != source) {
      update("UPDATE entry SET cluster_id = ? WHERE cluster_id = ?", target, source);
      electCanonical(target);
    }
  }

  public Optional<Long> clusterOf(long entryId) {
    return single("SELECT cluster_id FROM entry WHERE id = ?", entryId);
  }

  /** The ids of a cluster's entries, canonical first. */
  public List<Long> members(long clusterId) {
    return jdbc.prepareStatement("SELECT id FROM entry WHERE cluster_id = ? ORDER BY canonical DESC, id", ps -> {
      ps.setLong(1, clusterId);
      try (ResultSet rs = ps.executeQuery()) {
        List<Long> ids = new ArrayList<>();
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
        return ids;
      }
    });
  }

  private void electCanonical(long clusterId) {
    update(
        """
        UPDATE entry SET canonical = (id = (SELECT id FROM entry WHERE cluster_id = ?
                                            ORDER BY COALESCE(published_at, first_seen_at), first_seen_at, id LIMIT 1))
        WHERE cluster_id = ?
        """,
        clusterId, clusterId);
  }

  private void update(String sql, long... params) {
    jdbc.prepareStatement(sql, ps -> {
      for (int i = 0; i < params.length; i++) {
        ps.setLong(i + 1, params[i]);
      }
      return ps.executeUpdate();
    });
  }

  private Optional<Long> single(String sql, long... params) {
    return jdbc.prepareStatement(sql, ps -> {
      for (int i = 0; i < params.length; i++) {
        ps.setLong(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          long v = rs.getLong(1);
          return rs.wasNull() ? Optional.<Long>empty() : Optional.of(v);
        }
        return Optional.<Long>empty();
      }
    });
  }
}
