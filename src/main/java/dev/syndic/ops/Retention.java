package dev.syndic.ops;

import dev.syndic.SqlArrays;
import dev.syndic.category.EntryTexts;
import dev.syndic.entry.EntryRemoval;
import dev.syndic.entry.Tombstones;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes fetch records past their age ({@link #purgeFetchLog}), and entries past the configured
 * age or beyond the configured count per source (pinned entries, and those an admin judged,
 * neither count nor go). Each entry
 * goes through {@link EntryRemoval}, so it leaves its duplicate cluster cleanly and leaves a
 * tombstone: a source that still lists it does not bring it back. Tombstones whose item their
 * source's feed no longer lists go after {@code syndic.retention.tombstone-expiry} ({@link
 * #expireTombstones}).
 * Several instances may run it at once: deleting an entry twice is a no-op. Its settings are
 * checked with the others at the start ({@code dev.syndic.config.SettingChecks}).
 */
@Singleton
class Retention {

  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
  private static final int BATCH = 500;
  static final int SOURCES_PER_STATEMENT = 1000;
  static final int FETCHES_PER_STATEMENT = 10_000;
  static final int DEPARTURES_PER_STATEMENT = 10_000;

  // Entries an admin judged are what training learns from; like pinned ones, they neither count nor go.
  static final String NOT_JUDGED = "NOT " + EntryTexts.JUDGED;

  // The oldest first, read backwards along the entries' sort index: the cost follows what goes.
  static final String TOO_OLD = "SELECT id FROM entry e WHERE sort_at < ? AND NOT pinned AND " + NOT_JUDGED + " ORDER BY sort_at, id LIMIT ?";

  // Each source's entries past its newest, for a slice of sources. A source with no more entries
  // than the limit, pinned and judged ones counted (most sources, most runs), is told by a walk of
  // the (source, sort) index alone; only the others have their rows read, to leave those out.
  static final String TOO_MANY =
      """
      SELECT d.id FROM unnest(?::bigint[]) AS s(id)
      CROSS JOIN LATERAL (
        SELECT e.id FROM entry e
        WHERE e.source_id = s.id AND NOT e.pinned AND %s
          AND EXISTS (SELECT FROM (SELECT FROM entry c WHERE c.source_id = s.id ORDER BY c.sort_at DESC, c.id DESC OFFSET ? LIMIT 1) past)
        ORDER BY e.sort_at DESC, e.id DESC OFFSET ? LIMIT ?) d
      LIMIT ?
      """.formatted(NOT_JUDGED);

  private final JdbcOperations jdbc;
  private final EntryRemoval removal;
  private final Tombstones tombstones;
  private final RetentionConfig config;
  private final Clock clock;

  Retention(JdbcOperations jdbc, EntryRemoval removal, Tombstones tombstones, RetentionConfig config, Clock clock) {
    this.jdbc = jdbc;
    this.removal = removal;
    this.tombstones = tombstones;
    this.config = config;
    this.clock = clock;
  }

  @Scheduled(fixedDelay = "${syndic.retention.interval:1h}", initialDelay = "2m")
  void run() {
    try {
      long fetches = purgeFetchLog(config.fetchLogMaxAge());
      if (fetches > 0) {
        LOG.info("retention: deleted {} fetch records older than {}", fetches, config.fetchLogMaxAge());
      }
    } catch (RuntimeException e) {
      LOG.warn("retention: fetch record purge failed, will retry: {}", e.getMessage());
    }
    try {
      long expired = expireTombstones(config.tombstoneExpiry());
      if (expired > 0) {
        LOG.info("retention: deleted {} tombstones whose item their feed has not listed for {}", expired, config.tombstoneExpiry());
      }
    } catch (RuntimeException e) {
      LOG.warn("retention: tombstone expiry failed, will retry: {}", e.getMessage());
    }
    try {
      long departures = purgeDepartures(config.departureMaxAge());
      if (departures > 0) {
        LOG.info("retention: deleted {} removals listed to partners older than {}", departures, config.departureMaxAge());
      }
    } catch (RuntimeException e) {
      LOG.warn("retention: removal purge failed, will retry: {}", e.getMessage());
    }
    if (config.maxAge() == null && config.maxPerSource() == null) {
      return;
    }
    try {
      int deleted = purge(config.maxAge(), config.maxPerSource());
      if (deleted > 0) {
        LOG.info("retention: deleted {} entries (max-age {}, max-per-source {})", deleted, config.maxAge(), config.maxPerSource());
      }
    } catch (RuntimeException e) {
      LOG.warn("retention: purge failed, will retry: {}", e.getMessage());
    }
  }

  /**
   * Deletes the fetch records that started more than {@code maxAge} ago; answers how many went.
   * {@value #SOURCES_PER_STATEMENT} sources a statement, each a range of the (source, start) index,
   * so its cost follows what it deletes, not the size of the table; at most {@value
   * #FETCHES_PER_STATEMENT} records a statement, so the first run on a years-old table is many
   * short transactions.
   */
  long purgeFetchLog(Duration maxAge) {
    Timestamp before = Timestamp.from(clock.instant().minus(maxAge));
    long deleted = 0;
    for (List<Long> sources = sourcesAfter(0); !sources.isEmpty(); sources = sourcesAfter(sources.get(sources.size() - 1))) {
      int n;
      do {
        n = deleteFetches(sources, before);
        deleted += n;
      } while (n == FETCHES_PER_STATEMENT);
    }
    return deleted;
  }

  /**
   * Deletes the tombstones whose item their source's feed has not listed for {@code expiry}, as
   * far as the feed has been read since ({@link Tombstones#expire}); answers how many went. A
   * statement per {@value Tombstones#PER_STATEMENT}, each its own transaction.
   */
  long expireTombstones(Duration expiry) {
    Instant before = clock.instant().minus(expiry);
    long deleted = 0;
    int n;
    do {
      n = tombstones.expire(before);
      deleted += n;
    } while (n == Tombstones.PER_STATEMENT);
    return deleted;
  }

  /**
   * Deletes the departures (removals partners read in arrival order) numbered more than {@code
   * maxAge} ago; answers how many went. They are numbered in time order, so the oldest {@value
   * #DEPARTURES_PER_STATEMENT} by position are read along the key, and the statements stop at the
   * first that finds fewer old enough. Then forgets the routes of removals no removal needs any
   * more ({@link #forgetDepartureRoutes}).
   */
  long purgeDepartures(Duration maxAge) {
    Timestamp before = Timestamp.from(clock.instant().minus(maxAge));
    long deleted = 0;
    int n;
    do {
      n = deleteDepartures(before);
      deleted += n;
    } while (n == DEPARTURES_PER_STATEMENT);
    int forgotten = forgetDepartureRoutes();
    if (forgotten > 0) {
      LOG.info("retention: forgot {} grants of deleted categories and narrowed grants no removal is routed by any more", forgotten);
    }
    return deleted;
  }

  /**
   * Deletes the records that route removals to partners beyond their grant as it is now: the
   * grants of a deleted category (V63) once no removal, numbered or queued, names it, and a
   * narrowed grant's (V64) once it is done and no removal for every partner numbered up to the
   * position it was done at names its category (those after it are not routed by it, and its
   * partner's own removals need no record). Answers how many went.
   *
   * <p>Each is one pass over the removals, made only while such records exist, that keeps of
   * them what names a recorded category (a handful of ids): 0.2 to 0.4 s a statement at a million
   * removals, 500 records of deleted categories' partners and 100 of narrowed grants. The first
   * way, a {@code NOT IN} over every category every removal names, was too large to hash and was
   * read again per record (108 to 121 s), and a {@code NOT EXISTS} per narrowing walked the
   * removals' key up to its position (20 to 25 s).
   */
  @Transactional
  int forgetDepartureRoutes() {
    int grants = 0;
    if (any("deleted_category_grant")) {
      grants = jdbc.prepareStatement(
          """
          WITH routed AS (SELECT array_agg(DISTINCT category_id) AS ids FROM deleted_category_grant),
          named AS MATERIALIZED (
            SELECT u.id FROM routed r, entry_departure d, unnest(d.category_ids) AS u(id)
            WHERE d.partner_id IS NULL AND d.category_ids && r.ids AND u.id = ANY (r.ids)
            UNION
            SELECT u.id FROM routed r, entry_departure_queue q, unnest(q.category_ids) AS u(id)
            WHERE q.category_ids && r.ids AND u.id = ANY (r.ids))
          DELETE FROM deleted_category_grant WHERE category_id NOT IN (SELECT id FROM named)
          """, ps -> ps.executeUpdate());
    }
    int narrowings = 0;
    if (any("grant_narrowing WHERE through IS NOT NULL")) {
      narrowings = jdbc.prepareStatement(
          """
          WITH routed AS (SELECT array_agg(DISTINCT category_id) AS ids FROM grant_narrowing WHERE through IS NOT NULL),
          first_named AS MATERIALIZED (
            SELECT u.id, min(d.arrival) AS arrival FROM routed r, entry_departure d, unnest(d.category_ids) AS u(id)
            WHERE d.partner_id IS NULL AND d.category_ids && r.ids AND u.id = ANY (r.ids)
            GROUP BY u.id)
          DELETE FROM grant_narrowing n
          WHERE n.through IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM first_named f WHERE f.id = n.category_id AND f.arrival <= n.through)
          """, ps -> ps.executeUpdate());
    }
    return grants + narrowings;
  }

  private boolean any(String tableAndCondition) {
    return jdbc.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + tableAndCondition + ")", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    });
  }

  /**
   * One statement of {@link #purgeDepartures}; the highest position it deleted becomes the horizon
   * (V57) a partner's position must not be older than, in the same transaction.
   */
  @Transactional
  int deleteDepartures(Timestamp before) {
    return jdbc.prepareStatement(
        """
        WITH gone AS (
          DELETE FROM entry_departure WHERE arrival IN (SELECT arrival FROM entry_departure ORDER BY arrival LIMIT ?) AND departed_at < ?
          RETURNING arrival),
        horizon AS (
          UPDATE departure_horizon SET purged_through = GREATEST(purged_through, (SELECT max(arrival) FROM gone))
          WHERE EXISTS (SELECT 1 FROM gone))
        SELECT count(*) FROM gone
        """, ps -> {
          ps.setInt(1, DEPARTURES_PER_STATEMENT);
          ps.setTimestamp(2, before);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  @Transactional(readOnly = true)
  List<Long> sourcesAfter(long id) {
    return jdbc.prepareStatement("SELECT id FROM source WHERE id > ? ORDER BY id LIMIT ?", ps -> {
      ps.setLong(1, id);
      ps.setInt(2, SOURCES_PER_STATEMENT);
      return SqlArrays.longs(ps.executeQuery());
    });
  }

  @Transactional
  int deleteFetches(List<Long> sources, Timestamp before) {
    return jdbc.prepareStatement(
        "DELETE FROM fetch_log WHERE id IN (SELECT id FROM fetch_log WHERE source_id = ANY (?) AND started_at < ? LIMIT ?)", ps -> {
          ps.setArray(1, ps.getConnection().createArrayOf("bigint", sources.toArray(Long[]::new)));
          ps.setTimestamp(2, before);
          ps.setInt(3, FETCHES_PER_STATEMENT);
          return ps.executeUpdate();
        });
  }

  /**
   * Deletes what the limits (each null for none) leave out; answers how many entries went. Each
   * batch of {@value #BATCH} is found through an index: the entries past {@code maxAge} from the
   * oldest, those past {@code maxPerSource} by a walk of each source's newest, {@value
   * #SOURCES_PER_STATEMENT} sources a statement, reading the rows of only those over the limit.
   * (One statement ranked every entry of every source, a pass over the whole table and a sort of
   * it, again for every batch: on a million entries 0.5 s (max-age) or 1.9 s (max-per-source) per
   * 500 deleted; now 30 ms per 500 past their age, and 0.6 s per 1,000 sources within the limit.)
   */
  int purge(@Nullable Duration maxAge, @Nullable Integer maxPerSource) {
    int deleted = 0;
    if (maxAge != null) {
      Timestamp before = Timestamp.from(clock.instant().minus(maxAge));
      List<Long> ids;
      do {
        ids = tooOld(before);
        deleted += delete(ids);
      } while (ids.size() == BATCH);
    }
    if (maxPerSource != null) {
      for (List<Long> sources = sourcesAfter(0); !sources.isEmpty(); sources = sourcesAfter(sources.get(sources.size() - 1))) {
        List<Long> ids;
        do {
          ids = tooMany(sources, maxPerSource);
          deleted += delete(ids);
        } while (ids.size() == BATCH);
      }
    }
    return deleted;
  }

  private int delete(List<Long> ids) {
    int deleted = 0;
    for (long id : ids) {
      if (removal.delete(id)) {
        deleted++;
      }
    }
    return deleted;
  }

  @Transactional(readOnly = true)
  List<Long> tooOld(Timestamp before) {
    return jdbc.prepareStatement(TOO_OLD, ps -> {
      ps.setTimestamp(1, before);
      ps.setInt(2, BATCH);
      return SqlArrays.longs(ps.executeQuery());
    });
  }

  @Transactional(readOnly = true)
  List<Long> tooMany(List<Long> sources, int maxPerSource) {
    return jdbc.prepareStatement(TOO_MANY, ps -> {
      ps.setArray(1, ps.getConnection().createArrayOf("bigint", sources.toArray(Long[]::new)));
      ps.setInt(2, maxPerSource);
      ps.setInt(3, maxPerSource);
      ps.setInt(4, BATCH);
      ps.setInt(5, BATCH);
      return SqlArrays.longs(ps.executeQuery());
    });
  }
}
