package dev.syndic.entry;

import dev.syndic.SqlArrays;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  private final JdbcOperations jdbc;
  private final ClusteringLog clusteringLog;

  ClusterStore(JdbcOperations jdbc, ClusteringLog clusteringLog) {
    this.jdbc = jdbc;
    this.clusteringLog = clusteringLog;
  }

  /**
   * Characters of a lone entry's core text read to tell whether it has a body: a prefix with
   * enough shingles means the whole has them, so a feed of long articles whose markup changes is
   * not read in full (and fingerprinted) on every poll only to learn that.
   */
  static final int LONE_TEXT_READ = 600;

  /** Entry {@code e} is alone in its cluster. */
  private static final String ALONE = "e.cluster_id = e.id AND NOT EXISTS (SELECT 1 FROM entry o WHERE o.cluster_id = e.id AND o.id <> e.id)";

  /**
   * What a changing entry says before its change: whether it is alone in its cluster, and its
   * title, link and core text (of one that is alone, the first {@link #LONE_TEXT_READ} characters).
   */
  public record Before(boolean alone, String title, String coreText, String link) {}

  /**
   * Of a source's entries with these identities (about to be changed), each that is alone in its
   * cluster and was not split out by an admin ({@link #split}), with the start of its core text
   * (what {@code coreText} a fingerprint is made of), and each that shares its story with others,
   * with its whole core text: what it said, so that a rewrite as another story is told from an
   * edit. The others are absent. One query.
   */
  public Map<String, Before> beforeChange(long sourceId, List<String> identityKeys) {
    if (identityKeys.isEmpty()) {
      return Map.of();
    }
    return jdbc.prepareStatement(
        """
        SELECT x.identity_key, x.alone, x.title, CASE WHEN x.alone THEN left(x.core_text, ?) ELSE x.core_text END, x.link
        FROM (SELECT e.identity_key, %s AS alone, e.split_by_admin, e.title, e.core_text, e.link FROM entry e
              WHERE e.source_id = ? AND e.identity_key = ANY(?)) x
        WHERE NOT (x.alone AND x.split_by_admin)
        """.formatted(ALONE),
        ps -> {
          ps.setInt(1, LONE_TEXT_READ);
          ps.setLong(2, sourceId);
          ps.setArray(3, ps.getConnection().createArrayOf("text", identityKeys.toArray(String[]::new)));
          Map<String, Before> out = new HashMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getString(1), new Before(rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
          }
          return out;
        });
  }

  /**
   * For each of these entries, at most {@code limit} of the other entries of its cluster (the
   * first stored first), read now through the cluster index, with the words they are judged by.
   */
  public Map<Long, List<DedupeKeyStore.Candidate>> otherMembers(List<Long> entryIds, int limit) {
    if (entryIds.isEmpty()) {
      return Map.of();
    }
    return jdbc.prepareStatement(
        """
        SELECT e.id, m.id, m.title, m.core_text, m.link FROM entry e
        CROSS JOIN LATERAL (SELECT o.id, o.title, o.core_text, o.link FROM entry o
                            WHERE o.cluster_id = e.cluster_id AND o.id <> e.id ORDER BY o.id LIMIT ?) m
        WHERE e.id = ANY(?::bigint[])
        """,
        ps -> {
          ps.setInt(1, limit);
          ps.setArray(2, ps.getConnection().createArrayOf("bigint", entryIds.toArray(Long[]::new)));
          Map<Long, List<DedupeKeyStore.Candidate>> out = new HashMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                  .add(new DedupeKeyStore.Candidate(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
          }
          return out;
        });
  }

  /** Those of these entries that are alone in their cluster, read now. */
  public Set<Long> alone(List<Long> entryIds) {
    if (entryIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(jdbc.prepareStatement(
        """
        SELECT e.id FROM entry e WHERE e.id = ANY(?::bigint[]) AND %s
        """.formatted(ALONE),
        ps -> {
          ps.setArray(1, ps.getConnection().createArrayOf("bigint", entryIds.toArray(Long[]::new)));
          return SqlArrays.longs(ps.executeQuery());
        }));
  }

  /** Those of these clusters that hold an entry of the source, read now (a set the caller may add to). */
  public Set<Long> clustersHolding(long sourceId, List<Long> clusterIds) {
    if (clusterIds.isEmpty()) {
      return new HashSet<>();
    }
    String sql = "SELECT DISTINCT cluster_id FROM entry WHERE cluster_id = ANY(?::bigint[]) AND source_id = ?";
    return new HashSet<>(jdbc.prepareStatement(sql, ps -> {
      ps.setArray(1, ps.getConnection().createArrayOf("bigint", clusterIds.toArray(Long[]::new)));
      ps.setLong(2, sourceId);
      return SqlArrays.longs(ps.executeQuery());
    }));
  }

  /**
   * Whether some entry is in cluster {@code clusterId}, read now: a cluster is the entries that
   * share its id (the id of one of them), so one whose entries were deleted or moved is none.
   */
  public boolean exists(long clusterId) {
    return jdbc.prepareStatement("SELECT EXISTS (SELECT 1 FROM entry WHERE cluster_id = ?)", ps -> {
      ps.setLong(1, clusterId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    });
  }

  /** The cluster of each of these entries that still exists, read now. */
  public Map<Long, Long> currentClusters(List<Long> entryIds) {
    if (entryIds.isEmpty()) {
      return Map.of();
    }
    return jdbc.prepareStatement("SELECT id, cluster_id FROM entry WHERE id = ANY(?::bigint[])", ps -> {
      ps.setArray(1, ps.getConnection().createArrayOf("bigint", entryIds.toArray(Long[]::new)));
      try (ResultSet rs = ps.executeQuery()) {
        Map<Long, Long> out = new HashMap<>();
        while (rs.next()) {
          out.put(rs.getLong(1), rs.getLong(2));
        }
        return out;
      }
    });
  }

  /** The order in which a cluster's entries come to be its canonical one: the first is. */
  private static final String EARLIEST_FIRST = "COALESCE(published_at, first_seen_at), first_seen_at, id";

  /**
   * Moves each entry (a key of the map) into its cluster (the value) and chooses the canonical
   * entry of each of those clusters again, in one statement for the whole batch that writes each
   * row it changes once. Moved by one statement and elected by a second, a joining entry was
   * written twice, its cluster and then its flag (new, it is canonical until it joins a story
   * published earlier): neither write can be HOT, the cluster id being indexed and the flag in a
   * partial index's condition, so each put a new entry into every index of entry. Measured apart
   * (40 batches of 50 joins into clusters of one or two entries on a scratch PostgreSQL of the same
   * version): 4,750 row versions written against 3,125, and 457 against 321 ms of statement time.
   */
  public void join(Map<Long, Long> clusterOfEntry) {
    if (clusterOfEntry.isEmpty()) {
      return;
    }
    Long[] ids = clusterOfEntry.keySet().toArray(Long[]::new);
    Long[] targets = clusterOfEntry.values().toArray(Long[]::new);
    jdbc.prepareStatement(
        """
        WITH v AS (SELECT * FROM unnest(?::bigint[], ?::bigint[]) AS v(id, cluster)),
             members AS (
               SELECT e.id, COALESCE(v.cluster, e.cluster_id) AS cluster_id, e.published_at, e.first_seen_at
               FROM entry e LEFT JOIN v ON v.id = e.id
               WHERE e.cluster_id = ANY(?::bigint[]) OR e.id = ANY(?::bigint[])),
             w AS (SELECT DISTINCT ON (cluster_id) cluster_id, id AS first FROM members ORDER BY cluster_id, %s)
        UPDATE entry e SET cluster_id = m.cluster_id, canonical = (e.id = w.first)
        FROM members m JOIN w ON w.cluster_id = m.cluster_id
        WHERE e.id = m.id AND (e.cluster_id <> m.cluster_id OR e.canonical <> (e.id = w.first))
        """.formatted(EARLIEST_FIRST),
        ps -> {
          java.sql.Array entries = ps.getConnection().createArrayOf("bigint", ids);
          java.sql.Array clusters = ps.getConnection().createArrayOf("bigint", targets);
          ps.setArray(1, entries);
          ps.setArray(2, clusters);
          ps.setArray(3, clusters);
          ps.setArray(4, entries);
          return ps.executeUpdate();
        });
  }

  /**
   * Mends the clusters that entries were deleted from in bulk (a source and its entries went): a
   * cluster named after a deleted entry is named after its oldest member left, and every one of
   * them chooses its canonical entry again among the members left, so a story shared with other
   * sources stays in the feeds through their copies.
   */
  public void mendAfterRemoval(List<Long> clusterIds) {
    if (clusterIds.isEmpty()) {
      return;
    }
    Long[] old = clusterIds.toArray(Long[]::new);
    List<Long> renamed = jdbc.prepareStatement(
        """
        UPDATE entry e SET cluster_id = m.anchor
        FROM (SELECT cluster_id, min(id) AS anchor FROM entry WHERE cluster_id = ANY(?::bigint[]) GROUP BY cluster_id) m
        WHERE e.cluster_id = m.cluster_id AND NOT EXISTS (SELECT 1 FROM entry a WHERE a.id = m.cluster_id)
        RETURNING e.cluster_id
        """,
        ps -> {
          ps.setArray(1, ps.getConnection().createArrayOf("bigint", old));
          return SqlArrays.longs(ps.executeQuery());
        });
    Set<Long> clusters = new LinkedHashSet<>(clusterIds);
    clusters.addAll(renamed);
    electCanonicals(clusters.toArray(Long[]::new));
  }

  /**
   * Chooses the canonical entry of these entries' clusters again: a publisher's edit of an entry
   * that shares its story may change its date (the entry stored without one gets it, a correction
   * moves it), and the canonical entry is the earliest published. Call under the clustering lock.
   */
  public void electAgain(List<Long> entryIds) {
    if (entryIds.isEmpty()) {
      return;
    }
    electCanonicals(new LinkedHashSet<>(currentClusters(entryIds).values()).toArray(Long[]::new));
  }

  /** Chooses the canonical entry of each of these clusters again (the earliest published). */
  private void electCanonicals(Long[] clusters) {
    jdbc.prepareStatement(
        """
        UPDATE entry e SET canonical = (e.id = w.first)
        FROM (SELECT DISTINCT ON (cluster_id) cluster_id, id AS first FROM entry WHERE cluster_id = ANY(?::bigint[])
              ORDER BY cluster_id, %s) w
        WHERE e.cluster_id = w.cluster_id AND e.canonical <> (e.id = w.first)
        """.formatted(EARLIEST_FIRST),
        ps -> {
          ps.setArray(1, ps.getConnection().createArrayOf("bigint", clusters));
          return ps.executeUpdate();
        });
  }

  /**
   * Takes an entry out of its cluster into one of its own, for good: ingest does not judge it
   * again when its publisher edits it ({@link #beforeChange}); an admin's merge can still move it.
   * Under the clustering lock, like ingest's joins ({@link #lockForChange}): a copy that a poll
   * clusters meanwhile joins the cluster as it is before or after the split, never the one the
   * split renamed (it was left alone under that name, canonical, beside its story). False when
   * there is no such entry.
   */
  public boolean split(long entryId) {
    lockForChange(entryId);
    Optional<Long> current = clusterOf(entryId);
    if (current.isEmpty()) {
      return false;
    }
    update("UPDATE entry SET split_by_admin = TRUE WHERE id = ?", entryId);
    detach(entryId, current.get());
    return true;
  }

  /**
   * Takes an entry that its publisher rewrote as another story out of the cluster of the story it
   * no longer tells, into one of its own; unlike an admin's {@link #split}, not for good (it is
   * judged again like any entry alone). Call under the clustering lock. False when there is no
   * such entry.
   */
  public boolean leave(long entryId) {
    Optional<Long> current = clusterOf(entryId);
    current.ifPresent(cluster -> detach(entryId, cluster));
    return current.isPresent();
  }

  /** Moves the entry out of {@code cluster}, its cluster, and chooses the canonical entries again. */
  private void detach(long entryId, long cluster) {
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

  /**
   * Puts every entry of b's cluster into a's cluster, under the clustering lock ({@link
   * #lockForChange}): a copy joining b's cluster meanwhile moves with it. False when either entry
   * is gone.
   */
  public boolean merge(long a, long b) {
    lockForChange(a, b);
    Optional<Long> target = clusterOf(a);
    Optional<Long> source = clusterOf(b);
    if (target.isEmpty() || source.isEmpty()) {
      return false;
    }
    if (!target.get().equals(source.get())) {
      update("UPDATE entry SET cluster_id = ? WHERE cluster_id = ?", target.get(), source.get());
      electCanonical(target.get());
    }
    return true;
  }

  /**
   * What an admin's change of clusters holds before it reads them: the rows of the sources of
   * every entry in the entries' clusters (in id order), then the clustering lock. A poll holds its
   * source's row (its claim) and the entries it stored before it waits for the clustering lock; a
   * change that took that lock first and then waited for one of those entries (its publisher
   * edited it in the same moment) deadlocked, and PostgreSQL aborted one of the two. Taken in this
   * order, the change waits for such a poll to commit, and a poll that comes later waits for the
   * change: one whose entries' deletion it would otherwise not see, and store again.
   */
  private void lockForChange(long... entryIds) {
    jdbc.prepareStatement(
        """
        SELECT 1 FROM source WHERE id IN (
            SELECT m.source_id FROM entry m WHERE m.cluster_id IN (SELECT e.cluster_id FROM entry e WHERE e.id = ANY(?::bigint[])))
        ORDER BY id FOR NO KEY UPDATE
        """,
        ps -> {
          ps.setArray(1, ps.getConnection().createArrayOf("bigint", Arrays.stream(entryIds).boxed().toArray(Long[]::new)));
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
          }
        });
    clusteringLog.lockForClustering();
  }

  public Optional<Long> clusterOf(long entryId) {
    return single("SELECT cluster_id FROM entry WHERE id = ?", entryId);
  }

  private void electCanonical(long clusterId) {
    update(
        """
        UPDATE entry SET canonical = (id = (SELECT id FROM entry WHERE cluster_id = ?
                                            ORDER BY %s LIMIT 1))
        WHERE cluster_id = ?
        """.formatted(EARLIEST_FIRST),
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
