package dev.syndic.entry;

import dev.syndic.SqlArrays;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

  /** A stored entry that may be a duplicate of a new one. */
  public record Candidate(long entryId, String title, String coreText, String link) {}

  static final int PER_KEY = 20;
  static final int SCANNED_PER_KEY = 200;

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

  /** Drops the candidate keys of these entries (changed ones, about to be {@link #indexAndFindCandidates indexed} again). */
  public void unindex(List<Long> entryIds) {
    if (entryIds.isEmpty()) {
      return;
    }
    jdbc.prepareStatement("DELETE FROM entry_dedupe_key WHERE entry_id = ANY(?::bigint[])", ps -> {
      ps.setArray(1, ps.getConnection().createArrayOf("bigint", entryIds.toArray(Long[]::new)));
      return ps.executeUpdate();
    });
  }

  /**
   * Makes these keys the stored candidate keys of these changed entries ({@code keys.get(i)} of
   * {@code entryIds.get(i)}; an entry given none keeps none) in one statement that deletes only
   * the keys they lost and inserts only the ones they gained: an edit changes few of an entry's
   * keys (its title, a sentence, a band or two). Dropping them all and inserting them again made
   * the primary key check each key put back against its deleted row: measured apart, 169 to 182 us
   * of the backend per entry for an edit that keeps every key (44 and 47 now), 172 to 226 for one
   * that changes two (76 and 79 now); a rewrite that changes all fifteen costs 25 to 60 us more
   * than that did, as the rows it deletes are read first (src/bench/HISTORY.md, the sixth round).
   * The stored rows are read once, and those lost deleted by their row address within the
   * statement (key rows are never updated, only inserted and deleted).
   */
  public void rekey(List<Long> entryIds, List<List<Long>> keys) {
    if (entryIds.isEmpty()) {
      return;
    }
    Pairs pairs = Pairs.of(entryIds, keys);
    jdbc.prepareStatement(
        """
        WITH fresh AS (SELECT * FROM unnest(?::bigint[], ?::bigint[]) AS p(entry_id, key)),
             stored AS MATERIALIZED (SELECT ctid AS row, entry_id, key FROM entry_dedupe_key WHERE entry_id = ANY(?::bigint[])),
             lost AS (DELETE FROM entry_dedupe_key WHERE ctid = ANY (ARRAY(
                        SELECT s.row FROM stored s WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f.entry_id = s.entry_id AND f.key = s.key))))
        INSERT INTO entry_dedupe_key (entry_id, key)
        SELECT f.entry_id, f.key FROM fresh f
        WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s.entry_id = f.entry_id AND s.key = f.key)
        ORDER BY f.key
        """,
        ps -> {
          pairs.bind(ps, 1);
          ps.setArray(3, ps.getConnection().createArrayOf("bigint", entryIds.toArray(Long[]::new)));
          return ps.executeUpdate();
        });
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
   * Of a source's entries with these identities, the start of the core text (what {@code
   * coreText} a fingerprint is made of; {@link #LONE_TEXT_READ} characters) of each that is alone
   * in its cluster and was not split out by an admin ({@link #split}); the others are absent.
   */
  public Map<String, String> loneCoreTexts(long sourceId, List<String> identityKeys) {
    if (identityKeys.isEmpty()) {
      return Map.of();
    }
    return jdbc.prepareStatement(
        """
        SELECT e.identity_key, left(e.core_text, ?) FROM entry e
        WHERE e.source_id = ? AND e.identity_key = ANY(?) AND NOT e.split_by_admin AND %s
        """.formatted(ALONE),
        ps -> {
          ps.setInt(1, LONE_TEXT_READ);
          ps.setLong(2, sourceId);
          ps.setArray(3, ps.getConnection().createArrayOf("text", identityKeys.toArray(String[]::new)));
          Map<String, String> out = new HashMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getString(1), rs.getString(2));
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

  /**
   * For each entry of a batch (all of source {@code sourceId}), the newest entries of other
   * sources among {@code among} sharing a key with it ({@code keys.get(i)} are the keys of {@code
   * entryIds.get(i)}), in one query; entries without any are absent from the map. Within one
   * source, identity keys decide: a source that publishes the same text twice means two items.
   * Each key contributes at most its {@link #PER_KEY} newest entries of other sources among its
   * {@link #SCANNED_PER_KEY} newest entries in {@code among}, and each entry gets at most {@code
   * limit} candidates, the newest, as {@link #indexAndFindCandidates} bounds them. The keys of the
   * entries in {@code among} are read first (through the index on entry_id), and only the batch's
   * keys among them are looked up: the lookup under the clustering lock passes the few batches
   * clustered meanwhile, which have almost none of the batch's keys, and a probe of the key index
   * for each key (750 for 50 entries) was most of its work. An empty {@code among} answers nothing
   * without a statement.
   *
   * @throws NullPointerException if {@code among} is null (the lookup among every stored entry is
   *     {@link #indexAndFindCandidates})
   */
  public Map<Long, List<Candidate>> candidates(long sourceId, List<Long> entryIds, List<List<Long>> keys, int limit, List<Long> among) {
    Objects.requireNonNull(among, "among");
    Pairs pairs = Pairs.of(entryIds, keys);
    if (pairs.size() == 0 || among.isEmpty()) {
      return Map.of();
    }
    return jdbc.prepareStatement(AMONG, ps -> {
      java.sql.Array only = ps.getConnection().createArrayOf("bigint", among.toArray(Long[]::new));
      pairs.bind(ps, 1);
      ps.setArray(3, only);
      bindBounds(ps, 4, sourceId);
      ps.setArray(7, only);
      ps.setInt(8, limit);
      return readCandidates(ps);
    });
  }

  /**
   * The statement of {@link #candidates}. {@code IS TRUE} keeps the test of the batch's keys a
   * hashed subplan (the keys of the entries in {@code among} read once, through the index on
   * entry_id): as a plain {@code IN} it may become a semi-join, and the generic plan PostgreSQL
   * takes once pgjdbc prepares the statement (its fifth run) made it one that probed the key index
   * for each of the batch's keys. The plain lookup's {@code ? IS NULL OR}, gone with it, had kept
   * it a subplan by accident. Measured in a throwaway psql session on a scratch table of 450,000
   * keys, 50 entries' 750 keys among 150 entries, generic plans, medians of 30 runs twice: when
   * none of the keys is theirs (the usual case) 4.8 and 4.6 ms, as a semi-join 21.5 and 21.6, the
   * statement before 4.4 and 4.4; when 461 are, 25 and 25.5, 44 and 45, 20 and 19.5. The statement
   * before read each key's entries and kept those of {@code among} (a key thousands share was read
   * whole: the scan bound counts the rows kept); the index is now probed for the entries of {@code
   * among} alone, which costs those few milliseconds when many keys are theirs.
   */
  static final String AMONG = "WITH " + hits("unnest(?::bigint[], ?::bigint[]) AS q(me, key)", "AND entry_id = ANY(?::bigint[])",
      "WHERE (q.key IN (SELECT key FROM entry_dedupe_key WHERE entry_id = ANY(?::bigint[]))) IS TRUE");

  /**
   * Stores the candidate keys of a batch of just-created entries (or of changed ones whose keys
   * were just {@link #unindex dropped}; {@code keys.get(i)} belongs to {@code entryIds.get(i)},
   * an entry's repeated keys are dropped here, and it has none stored) and answers, for each
   * entry, the newest entries of other sources stored before that share a key with it, in one
   * statement; entries without any are absent from the map. Each key contributes at most its
   * {@link #PER_KEY} newest entries of other sources among its {@link #SCANNED_PER_KEY} newest
   * entries (an index range read), so a key that thousands of entries share (a home-page link, a
   * stock sentence, a feed of 20,000 copies of one item) costs no more than a rare one; such a key
   * names no particular story, so its older entries are no loss. Each entry gets at most {@code
   * limit} candidates, the newest. Each key is inserted and then looked up at once, so the
   * lookup's descent of the key index finds the pages the insert just read in the CPU's caches
   * (both end at the key's newest entry); a statement does not see its own inserts, so the batch's
   * keys are no candidates of it. The lookup first and the insert after, a statement each,
   * descended the key index twice from cold: measured apart, 164 and 166 us of the backend per
   * entry against 138 and 139 (src/bench/HISTORY.md, the tenth round). A plain insert in key
   * order: {@code ON CONFLICT} made every row a speculative insertion.
   */
  public Map<Long, List<Candidate>> indexAndFindCandidates(long sourceId, List<Long> entryIds, List<List<Long>> keys, int limit) {
    Pairs pairs = Pairs.of(entryIds, keys);
    if (pairs.size() == 0) {
      return Map.of();
    }
    String sql = """
        WITH q AS (INSERT INTO entry_dedupe_key (entry_id, key) SELECT * FROM unnest(?::bigint[], ?::bigint[]) AS p(entry_id, key)
                   ORDER BY key RETURNING entry_id AS me, key),
        """ + hits("q", "", "");
    return jdbc.prepareStatement(sql, ps -> {
      pairs.bind(ps, 1);
      bindBounds(ps, 3, sourceId);
      ps.setInt(6, limit);
      return readCandidates(ps);
    });
  }

  /**
   * The lookup's statement after its {@code WITH}: the hits of each {@code (me, key)} row of
   * {@code pairs} (those {@code where} keeps), each key's newest entries of other sources (of
   * those {@code perKey} keeps), then the newest {@code limit} of each entry's hits with their
   * words. Its own parameters, in order after those of {@code pairs} and {@code perKey}: the
   * bounds of {@link #bindBounds}, then those of {@code where}, then {@code limit}.
   */
  private static String hits(String pairs, String perKey, String where) {
    return """
        hits AS (
          SELECT q.me, hit.entry_id, row_number() OVER (PARTITION BY q.me ORDER BY hit.entry_id DESC) AS rank
          FROM %s
          CROSS JOIN LATERAL (
            SELECT k.entry_id
            FROM (SELECT entry_id FROM entry_dedupe_key
                  WHERE key = q.key AND entry_id <> q.me %s
                  ORDER BY entry_id DESC LIMIT ?) k
            JOIN entry o ON o.id = k.entry_id
            WHERE o.source_id <> ?
            ORDER BY k.entry_id DESC LIMIT ?) hit
          %s)
        SELECT DISTINCT h.me, e.id, e.title, e.core_text, e.link
        FROM hits h JOIN entry e ON e.id = h.entry_id
        WHERE h.rank <= ?
        ORDER BY h.me, e.id DESC
        """.formatted(pairs, perKey, where);
  }

  /** Binds the per-key bounds of {@link #hits} from parameter {@code first} on: three parameters. */
  private static void bindBounds(PreparedStatement ps, int first, long sourceId) throws SQLException {
    ps.setInt(first, SCANNED_PER_KEY);
    ps.setLong(first + 1, sourceId);
    ps.setInt(first + 2, PER_KEY);
  }

  private static Map<Long, List<Candidate>> readCandidates(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      Map<Long, List<Candidate>> out = new HashMap<>();
      while (rs.next()) {
        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
            .add(new Candidate(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
      }
      return out;
    }
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

  /** Entry ids and keys as two parallel arrays, one element per (entry, key) pair. */
  private record Pairs(Long[] entryIds, Long[] keys) {
    static Pairs of(List<Long> entryIds, List<List<Long>> keys) {
      if (entryIds.size() != keys.size()) {
        throw new IllegalArgumentException("entries " + entryIds.size() + " but key lists " + keys.size());
      }
      List<Long> ids = new ArrayList<>();
      List<Long> flat = new ArrayList<>();
      for (int i = 0; i < entryIds.size(); i++) {
        // Two equal leading sentences give one key twice: each (entry, key) once.
        for (Long key : new LinkedHashSet<>(keys.get(i))) {
          ids.add(entryIds.get(i));
          flat.add(key);
        }
      }
      return new Pairs(ids.toArray(Long[]::new), flat.toArray(Long[]::new));
    }

    int size() {
      return keys.length;
    }

    void bind(PreparedStatement ps, int first) throws SQLException {
      ps.setArray(first, ps.getConnection().createArrayOf("bigint", entryIds));
      ps.setArray(first + 1, ps.getConnection().createArrayOf("bigint", keys));
    }
  }

  /**
   * Takes an entry out of its cluster into one of its own, for good: ingest does not judge it
   * again when its publisher edits it ({@link #loneCoreTexts}); an admin's merge can still move it.
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
    long cluster = current.get();
    update("UPDATE entry SET split_by_admin = TRUE WHERE id = ?", entryId);
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
    return true;
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
    lockForClustering();
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
