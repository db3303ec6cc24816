package dev.syndic.entry;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * When tombstones may go. A tombstone ({@link EntryRemoval}) is needed only while its source's
 * feed can still list the item: ingest records each sighting ({@link #sighted}), and {@link
 * #expire} deletes the tombstones whose item the source's feed has not listed for a while.
 *
 * <p>Why expiry is safe: a sighting is written only when the stored one is older than {@link
 * #SIGHTING_REFRESH}, so a feed that lists a deleted item on every poll writes a few times a day,
 * not every poll; the last sighting is thus at most that much older than the latest poll that saw
 * the item. A tombstone is deleted only when its source's feed was read entry by entry ({@code
 * source.last_read_at}, set by the poll's record when it ingested a changed body) more than {@link
 * #SIGHTING_REFRESH} plus {@link #SLACK} after the last sighting: that read would have refreshed
 * the sighting had the item been there, so the feed as last read does not list it. A feed that
 * answers 304, or the same bytes, for months is not read, so its tombstones stay however old they
 * are. An item that comes back after its tombstone went is stored again as a new entry.
 */
@Singleton
public class Tombstones {

  /** How stale a stored sighting may be before a poll that sees the item again rewrites it. */
  public static final Duration SIGHTING_REFRESH = Duration.ofHours(6);

  /**
   * Covers the time between ingest's clock reading and the poll's record (the ingest itself), and
   * clocks of several instances that disagree by minutes.
   */
  static final Duration SLACK = Duration.ofHours(1);

  /** Tombstones deleted per statement, so a first run on a years-old table is many short ones. */
  public static final int PER_STATEMENT = 10_000;

  private static final String EXPIRE =
      """
      DELETE FROM entry_tombstone
      WHERE (source_id, identity_key) IN (
          SELECT t.source_id, t.identity_key FROM entry_tombstone t JOIN source s ON s.id = t.source_id
          WHERE COALESCE(t.last_hit_at, t.deleted_at) < ?
            AND s.last_read_at > COALESCE(t.last_hit_at, t.deleted_at) + make_interval(secs => ?)
          LIMIT ?)
        AND COALESCE(last_hit_at, deleted_at) < ?
      """;

  private final JdbcOperations jdbc;

  Tombstones(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records that a feed read at {@code now} lists these tombstoned identities of the source, each
   * with the source hash of the item that has it (null where several items can have it). One
   * statement, and only for tombstones whose last sighting is older than {@link #SIGHTING_REFRESH}
   * or whose stored words are not the item's (written by an older preparation: the hash changes
   * with it); the others are not written. Runs in the caller's transaction (ingest's, per source).
   */
  @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
  public void sighted(long sourceId, Map<String, String> hashOfIdentity, Instant now) {
    if (hashOfIdentity.isEmpty()) {
      return;
    }
    List<String> keys = hashOfIdentity.keySet().stream().sorted().toList();
    jdbc.prepareStatement(
        """
        UPDATE entry_tombstone t SET
          last_hit_at = CASE WHEN COALESCE(t.last_hit_at, t.deleted_at) < ? THEN ? ELSE t.last_hit_at END,
          source_hash = COALESCE(s.hash, t.source_hash)
        FROM unnest(?::text[], ?::text[]) AS s(identity_key, hash)
        WHERE t.source_id = ? AND t.identity_key = s.identity_key
          AND (COALESCE(t.last_hit_at, t.deleted_at) < ? OR s.hash IS DISTINCT FROM t.source_hash AND s.hash IS NOT NULL)
        """, ps -> {
          Timestamp stale = Timestamp.from(now.minus(SIGHTING_REFRESH));
          ps.setTimestamp(1, stale);
          ps.setTimestamp(2, Timestamp.from(now));
          ps.setArray(3, ps.getConnection().createArrayOf("text", keys.toArray(String[]::new)));
          ps.setArray(4, ps.getConnection().createArrayOf("text", keys.stream().map(hashOfIdentity::get).toArray(String[]::new)));
          ps.setLong(5, sourceId);
          ps.setTimestamp(6, stale);
          return ps.executeUpdate();
        });
  }

  /**
   * Deletes, at most {@link #PER_STATEMENT}, the tombstones whose item was last listed (or, never
   * listed since, deleted) before {@code before} and whose source's feed has been read since
   * without it (see the class comment); answers how many went.
   */
  @Transactional
  public int expire(Instant before) {
    Timestamp cut = Timestamp.from(before);
    return jdbc.prepareStatement(EXPIRE, ps -> {
      ps.setTimestamp(1, cut);
      ps.setLong(2, SIGHTING_REFRESH.plus(SLACK).toSeconds());
      ps.setInt(3, PER_STATEMENT);
      ps.setTimestamp(4, cut);
      return ps.executeUpdate();
    });
  }
}
