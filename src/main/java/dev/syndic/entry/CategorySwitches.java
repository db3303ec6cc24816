package dev.syndic.entry;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * Brings partners syncing in arrival order in line with a category an admin switched off or on
 * (V60 records the switch): the arrival pages list entries of enabled categories only, decided
 * when a page is read, so without this a partner kept what it had of a disabled category for
 * good, and never got what an enabled-again category listed at positions it had read past.
 *
 * <ul>
 *   <li>Switched off: each entry the category listed (not hidden; its story's canonical entry, or
 *       the copy standing in for the story in the category) leaves, by a removal routed to that
 *       category alone. A partner that still sees the entry through another enabled category of its
 *       grant is not told: {@link ArrivalQueries} leaves out a removal whose item id is visible
 *       in the list read, as it does for every removal.
 *   <li>Switched on: each such entry comes again at a new position, through the arrival queue
 *       (numbered like any entry that comes again), those filed under it while it was off included.
 *       Only once a re-categorizing begun after the switch has ended: it files again under the
 *       category the entries its rules give it, which re-categorizing took out while it was off
 *       (and a re-filing by the machine brings no entry again by itself).
 * </ul>
 *
 * <p>Runs in {@link ArrivalSequencer}'s transaction, under its lock, over at most a batch of the
 * category's entries (in id order, from where the previous batch stopped), so a category of
 * 100,000 entries costs twenty short transactions, not one that holds locks for minutes. Removals
 * are numbered here directly, in that transaction: only the sequencer gives numbers, one
 * transaction at a time, so they come after every position a reader can already see, as queued
 * ones do. They are not queued: the queue drops a removal whose entry is still filed under every
 * category it left, which is what a disabled category's entries are. The switch row is locked
 * while its batch is written (one being changed by a switch is skipped until the next run); a
 * switch made meanwhile starts the category over, for the state it is in by then, so toggling
 * twice quickly ends in the state it was left in (an entry sent twice is replaced by id; a removal
 * of an item visible again is not listed).
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
class CategorySwitches {

  /** Switches that can be gone through now: any switch off, a switch on once its re-categorizing has ended. */
  static final String READY =
      """
      FROM category_switch s JOIN category c ON c.id = s.category_id
      WHERE NOT c.enabled OR s.after_request < (SELECT completed FROM recategorize_request WHERE id = 1)
      """;

  /**
   * The category's entries of a batch that partners could have been sent through it: not hidden,
   * their story's canonical entry or its stand-in in the category ({@link EntryQueries#STANDS_IN});
   * hidden ones left when they were hidden, and copies are not listed. {@code {WRITE}} does
   * something with them; a {@link GrantNarrowings narrowed grant} goes through its categories by
   * the same batches.
   */
  static final String BATCH =
      """
      WITH batch AS (
        SELECT entry_id FROM entry_category WHERE category_id = ? AND entry_id > ? ORDER BY entry_id LIMIT ?),
      listed AS (
        SELECT e.id FROM batch b JOIN entry e ON e.id = b.entry_id
        WHERE NOT e.hidden AND (e.canonical OR ({STANDS_IN}))),
      written AS ({WRITE})
      SELECT max(entry_id), count(*), (SELECT count(*) FROM written) FROM batch
      """.replace("{STANDS_IN}", EntryQueries.STANDS_IN);

  /** Switched on: the listed entries come again (the sequencer's queue gives them new positions). */
  private static final String ARRIVE = BATCH.replace("{WRITE}", "INSERT INTO entry_arrival_queue (entry_id) SELECT id FROM listed RETURNING 1");

  /** Switched off: a removal of each listed entry's item id, for the category's partners, numbered now in id order. */
  private static final String DEPART = BATCH.replace("{WRITE}",
      """
      INSERT INTO entry_departure (entry_id, item_id, category_ids)
      SELECT a.entry_id, a.item_id, ARRAY[?::bigint] FROM listed l JOIN entry_arrival a ON a.entry_id = l.id
      WHERE a.item_id IS NOT NULL ORDER BY a.entry_id
      RETURNING 1
      """);

  /**
   * What one step did.
   *
   * @param read the category's entries gone through
   * @param written removals numbered (switched off) or entries queued to come again (switched on)
   */
  record Step(int read, int written) {
    static final Step NONE = new Step(0, 0);
  }

  private record Switch(long category, long doneThrough, boolean enabled) {}

  /** The last entry id of a batch, how many entries it held, and how many rows it wrote. */
  record Batch(long last, int read, int written) {}

  private final JdbcOperations jdbc;

  CategorySwitches(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** Goes through up to {@code limit} entries of one switched category; the switch is done (deleted) when fewer were left. */
  Step step(int limit) {
    Optional<Switch> next = jdbc.prepareStatement(
        "SELECT s.category_id, s.done_through, c.enabled " + READY + " ORDER BY s.category_id LIMIT 1 FOR UPDATE OF s SKIP LOCKED", ps -> {
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Switch(rs.getLong(1), rs.getLong(2), rs.getBoolean(3))) : Optional.<Switch>empty();
          }
        });
    if (next.isEmpty()) {
      return Step.NONE;
    }
    Switch s = next.get();
    Batch batch = s.enabled() ? batch(ARRIVE, s.category(), s.doneThrough(), limit) : batch(DEPART, s.category(), s.doneThrough(), limit, s.category());
    if (batch.read() < limit) {
      jdbc.prepareStatement("DELETE FROM category_switch WHERE category_id = ?", ps -> {
        ps.setLong(1, s.category());
        return ps.executeUpdate();
      });
    } else {
      jdbc.prepareStatement("UPDATE category_switch SET done_through = ? WHERE category_id = ?", ps -> {
        ps.setLong(1, batch.last());
        ps.setLong(2, s.category());
        return ps.executeUpdate();
      });
    }
    // An empty category counts as one entry gone through, as a narrowing's does: the run did work
    // (its switch is gone), and ArrivalSequencer.sequenceAll, which stops at a run that did none,
    // went no further, leaving the next switch to the next tick.
    return new Step(Math.max(1, batch.read()), batch.written());
  }

  /**
   * Runs {@code sql} ({@link #BATCH} with its write) over the category's next {@code limit} entries
   * after {@code doneThrough}; {@code write} binds the write's own parameters, in order.
   */
  Batch batch(String sql, long category, long doneThrough, int limit, long... write) {
    return jdbc.prepareStatement(sql, ps -> {
      int i = 0;
      ps.setLong(++i, category);
      ps.setLong(++i, doneThrough);
      ps.setInt(++i, limit);
      ps.setLong(++i, category); // the category a stand-in is filed under
      for (long w : write) {
        ps.setLong(++i, w);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Batch(rs.getLong(1), rs.getInt(2), rs.getInt(3));
      }
    });
  }
}
