package dev.syndic.entry;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The dedupe keys of entries (a fingerprint's candidate keys, in entry_dedupe_key) and the lookup
 * of a batch's candidates through them: the stored entries of other sources that may be copies of
 * its entries, which ingest judges before it joins their clusters ({@link ClusterStore}).
 */
@Singleton
@Transactional
public class DedupeKeyStore {

  /** A stored entry that may be a duplicate of a new one. */
  public record Candidate(long entryId, String title, String coreText, String link) {}

  static final int PER_KEY = 20;
  static final int SCANNED_PER_KEY = 200;

  private final JdbcOperations jdbc;

  DedupeKeyStore(JdbcOperations jdbc) {
    this.jdbc = jdbc;
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
}
