package dev.syndic.entry;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

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
   * Records that a feed read at {@code now} lists these tombstoned identities of the source. One
   * statement, and only for tombstones whose last sighting is older than {@link #SIGHTING_REFRESH}
   * (the others are not written). Runs in the caller's transaction (ingest's, per source).
   */
  @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
  public void sighted(long sourceId, Collection<String> identityKeys, Instant now) {
    if (identityKeys.isEmpty()) {
      return;
    }
    jdbc.prepareStatement(
        """
        UPDATE entry_tombstone SET last_hit_at = ?
        WHERE source_id = ? AND identity_key = ANY (?) AND COALESCE(last_hit_at, deleted_at) < ?
        """, ps -> {
          ps.setTimestamp(1, Timestamp.from(now));
          ps.setLong(2, sourceId);
          ps.setArray(3, ps.getConnection().createArrayOf("text", identityKeys.stream().sorted().toArray()));
          ps.setTimestamp(4, Timestamp.from(now.minus(SIGHTING_REFRESH)));
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
