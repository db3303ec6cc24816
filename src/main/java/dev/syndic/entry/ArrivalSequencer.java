package dev.syndic.entry;

import dev.syndic.SqlArrays;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives entries their place in the arrival order that partners page by ({@code entry_arrival},
 * V24): moves the ids that committed transactions queued ({@code entry_arrival_queue}: ingest's
 * new and changed entries, entries shown again) into {@code entry_arrival}, numbered from a
 * sequence in id order; an entry numbered before moves to its new number. Departures (V56: an
 * entry hidden, deleted, made a duplicate or taken out of a category, queued in {@code
 * entry_departure_queue}) are numbered from the same sequence in the same run. A category an admin
 * switched off or on is gone through in the same runs, a batch of its entries each ({@link
 * CategorySwitches}): its entries leave, or come again; so is a category taken out of a partner's
 * grant ({@link GrantNarrowings}): its entries leave that partner.
 *
 * <p>One sequencing transaction runs at a time across all instances ({@link #LOCK}, tried, never
 * waited for: an instance that finds it taken leaves the work to the holder and its own next
 * tick). It sees only committed queue rows, and it commits before the next one starts, so each
 * number it gives is above every number a reader can already see: a reader at position N reads
 * on with {@code arrival > N} and never misses a late commit. The entries are locked {@code FOR
 * KEY SHARE} while numbered, so one deleted meanwhile never leaves a position behind; one that
 * another transaction is deleting or holds {@code FOR UPDATE} is skipped and queued again.
 *
 * <p>Runs every {@code syndic.arrival.tick} (1 s) on every instance, not after each poll: a
 * second's wait for partners, rather than a sequencing transaction per poll; an empty queue costs
 * one small read. Fails by logging (once until it
 * works again) and trying on the next tick; queued ids wait meanwhile, nothing is lost.
 */
@Singleton
public class ArrivalSequencer {

  private static final Logger LOG = LoggerFactory.getLogger(ArrivalSequencer.class);
  /** The advisory lock of sequencing ("arrival" in ASCII); {@code ClusteringLog}'s is another. */
  static final long LOCK = 0x61727269_76616cL;
  /** Queue rows taken per transaction: a burst (a backlog, a merge of big clusters) is numbered in short transactions. */
  public static final int BATCH = 5_000;
  private static final Duration BUSY_WAIT = Duration.ofSeconds(30);

  /**
   * What one sequencing transaction did.
   *
   * @param ran false when another sequencer held the lock (nothing was done)
   * @param taken queue rows taken (an id may be queued more than once), departures included, and
   *     the entries of a switched category or a narrowed grant gone through
   * @param numbered entries given a (new) position, departures taken, and the entries of a
   *     switched category or a narrowed grant gone through (work done: the drain goes on while a
   *     run does some)
   */
  public record Run(boolean ran, int taken, int numbered) {}

  private final JdbcOperations jdbc;
  private final CategorySwitches switches;
  private final GrantNarrowings narrowings;
  private volatile boolean failing;

  ArrivalSequencer(JdbcOperations jdbc, CategorySwitches switches, GrantNarrowings narrowings) {
    this.jdbc = jdbc;
    this.switches = switches;
    this.narrowings = narrowings;
  }

  @Scheduled(fixedDelay = "${syndic.arrival.tick:1s}", initialDelay = "${syndic.arrival.tick:1s}")
  void tick() {
    drain();
  }

  /** Numbers what is queued, a batch a transaction, unless another sequencer is at it. */
  void drain() {
    try {
      if (queued()) {
        Run run;
        do {
          run = sequence(BATCH);
          // A full batch that numbered nothing was all entries being deleted or locked: they are
          // queued again, and the next tick tries them, rather than this loop at once.
        } while (run.ran() && run.taken() >= BATCH && run.numbered() > 0);
      }
      if (failing) {
        failing = false;
        LOG.info("arrival sequencing works again");
      }
    } catch (RuntimeException e) {
      if (!failing) {
        failing = true;
        LOG.warn("arrival sequencing failed, will retry every tick (said once until it works): {}", e.getMessage());
      }
    }
  }

  /**
   * Whether any id waits to be numbered, or a switched category or a narrowed grant to be gone
   * through: what an idle tick costs.
   */
  @Transactional(readOnly = true)
  public boolean queued() {
    return jdbc.prepareStatement("SELECT EXISTS (SELECT 1 FROM entry_arrival_queue) OR EXISTS (SELECT 1 FROM entry_departure_queue)"
        + " OR EXISTS (SELECT 1 " + CategorySwitches.READY + ") OR EXISTS (SELECT 1 " + GrantNarrowings.PENDING + ")", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    });
  }

  /** One sequencing transaction over at most {@code limit} queue rows. */
  @Transactional
  public Run sequence(int limit) {
    boolean locked = jdbc.prepareStatement("SELECT pg_try_advisory_xact_lock(?)", ps -> {
      ps.setLong(1, LOCK);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    });
    if (!locked) {
      return new Run(false, 0, 0);
    }
    // First: the entries of a category switched on join the queue, and this run numbers them; or,
    // when no switch is ready, a narrowed grant's removals are numbered.
    CategorySwitches.Step switched = switches.step(limit);
    if (switched.read() == 0) {
      switched = narrowings.step(limit);
    }
    // The queue has no key: rows are taken by their physical address (a TID scan).
    Taken taken = jdbc.prepareStatement(
        """
        WITH taken AS (
          DELETE FROM entry_arrival_queue WHERE ctid = ANY (ARRAY(SELECT ctid FROM entry_arrival_queue LIMIT ?))
          RETURNING entry_id)
        SELECT array_agg(DISTINCT entry_id ORDER BY entry_id), count(*) FROM taken
        """, ps -> {
          ps.setInt(1, limit);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            Array ids = rs.getArray(1);
            return new Taken(ids == null ? new Long[0] : (Long[]) ids.getArray(), rs.getInt(2));
          }
        });
    int departures = departures(limit);
    if (departures < limit) {
      narrowings.finish();
    }
    if (taken.rows() == 0) {
      return new Run(true, departures + switched.read(), departures + switched.read());
    }
    List<Long> ready = jdbc.prepareStatement("SELECT id FROM entry WHERE id = ANY (?) ORDER BY id FOR KEY SHARE SKIP LOCKED", ps -> {
      ps.setArray(1, ps.getConnection().createArrayOf("bigint", taken.ids()));
      return SqlArrays.longs(ps.executeQuery());
    });
    Long[] numbered = ready.toArray(Long[]::new);
    if (numbered.length < taken.ids().length) {
      // Taken ids with no entry any more are dropped; those another transaction holds wait for the next run.
      jdbc.prepareStatement("INSERT INTO entry_arrival_queue (entry_id) SELECT id FROM entry WHERE id = ANY (?) AND NOT id = ANY (?)", ps -> {
        ps.setArray(1, ps.getConnection().createArrayOf("bigint", taken.ids()));
        ps.setArray(2, ps.getConnection().createArrayOf("bigint", numbered));
        return ps.executeUpdate();
      });
    }
    if (numbered.length > 0) {
      jdbc.prepareStatement("DELETE FROM entry_arrival WHERE entry_id = ANY (?)", ps -> {
        ps.setArray(1, ps.getConnection().createArrayOf("bigint", numbered));
        return ps.executeUpdate();
      });
      // The column default draws the numbers in the order of the ids. The item id is kept with the
      // position (a departure names it after the entry is gone), worked out by a join of the batch
      // (V58): syndic_item_id called per row ran a query of its own for each, 85 us an entry
      // against 11 without it in the ingest bench.
      jdbc.prepareStatement(
          """
          INSERT INTO entry_arrival (entry_id, item_id)
          SELECT e.id, syndic_item_id_of(COALESCE(fs.id_url, fs.url, s.id_url, s.url), COALESCE(f.identity_key, e.identity_key))
          FROM unnest(?::bigint[]) AS u(id)
          JOIN entry e ON e.id = u.id JOIN source s ON s.id = e.source_id
          LEFT JOIN entry f ON f.id = e.cluster_id AND e.cluster_id <> e.id
          LEFT JOIN source fs ON fs.id = f.source_id
          ORDER BY e.id
          """, ps -> {
        ps.setArray(1, ps.getConnection().createArrayOf("bigint", numbered));
        return ps.executeUpdate();
      });
    }
    LOG.debug("arrival: took {} queued ids, numbered {} entries and {} departures, went through {} entries of a switched category or a narrowed grant",
        taken.rows(), numbered.length, departures, switched.read());
    return new Run(true, taken.rows() + departures + switched.read(), numbered.length + departures + switched.read());
  }

  /**
   * Numbers queued departures (V56) after the arrivals of the same run; answers how many were
   * taken. A departure whose entry is, by now, visible again under the same item id in every
   * category it left (ingest re-files an updated entry's machine categories; an admin showed it
   * again) is dropped: it would never be listed. Which partner a departure is for is decided when it is read.
   */
  private int departures(int limit) {
    return jdbc.prepareStatement(
        """
        WITH taken AS (
          DELETE FROM entry_departure_queue WHERE ctid = ANY (ARRAY(SELECT ctid FROM entry_departure_queue LIMIT ?))
          RETURNING entry_id, item_id, category_ids),
        numbered AS (
          INSERT INTO entry_departure (entry_id, item_id, category_ids)
          SELECT t.entry_id, t.item_id, t.category_ids FROM taken t
          WHERE NOT EXISTS (
            SELECT 1 FROM entry e WHERE e.id = t.entry_id AND NOT e.hidden AND e.canonical
              AND t.category_ids <@ ARRAY(SELECT ec.category_id FROM entry_category ec WHERE ec.entry_id = e.id)
              AND syndic_item_id(e.id) = t.item_id)
          ORDER BY t.entry_id)
        SELECT count(*) FROM taken
        """, ps -> {
          ps.setInt(1, limit);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  /**
   * Numbers everything queued now, and goes through every switched category that is ready,
   * waiting (up to 30 s) while another sequencer holds the lock; answers the sum of its runs'
   * {@link Run#numbered}. For tests and tools; the service drains by itself.
   *
   * @throws IllegalStateException when the lock stays taken for 30 s
   */
  public int sequenceAll() {
    long deadline = System.nanoTime() + BUSY_WAIT.toNanos();
    int total = 0;
    while (true) {
      Run run = sequence(BATCH);
      total += run.numbered();
      if (run.ran() && run.taken() == 0) {
        return total;
      }
      if (!run.ran()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("another arrival sequencer held the lock for " + BUSY_WAIT);
        }
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the arrival sequencer lock", e);
        }
      }
    }
  }

  /** The distinct ids a run took from the queue, in id order, and how many rows held them. */
  private record Taken(Long[] ids, int rows) {}
}
