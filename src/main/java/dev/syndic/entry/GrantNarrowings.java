package dev.syndic.entry;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * Tells a partner whose grant was narrowed (V64 records each category it lost) of the entries it
 * may no longer have: a removal of each entry the category listed, numbered for that partner
 * alone, a batch of the category's entries per {@link ArrivalSequencer} run, by the batches of a
 * category switched off ({@link CategorySwitches#batch}). The arrival pages route a removal by the
 * grant as it is when read, so without this the lost category's entries just stopped being listed
 * and the partner kept them.
 *
 * <p>Until a narrowing is done, {@link ArrivalQueries} still routes the lost category's removals to
 * the partner, and afterwards those numbered up to the position it was done at ({@code through}):
 * an entry hidden, deleted or taken out of the category before the batch reached it is not in the
 * batch, and its removal (numbered before, or queued and numbered in the same run) is the one that
 * tells the partner. So {@code through} is set only in a run that emptied the removal queue after
 * the last batch ({@link #finish}): every removal of something that happened before that batch
 * read the category is numbered by then.
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
class GrantNarrowings {

  /** Narrowings not done yet: what keeps the sequencer busy. */
  static final String PENDING = "FROM grant_narrowing WHERE through IS NULL";

  /** A removal of each listed entry's item id, for the one partner, routed to the category it lost. */
  private static final String DEPART = CategorySwitches.BATCH.replace("{WRITE}",
      """
      INSERT INTO entry_departure (entry_id, item_id, category_ids, partner_id)
      SELECT a.entry_id, a.item_id, ARRAY[?::bigint], ?::bigint FROM listed l JOIN entry_arrival a ON a.entry_id = l.id
      WHERE a.item_id IS NOT NULL ORDER BY a.entry_id
      RETURNING 1
      """);

  private record Narrowing(long partner, long category, long doneThrough) {}

  private final JdbcOperations jdbc;
  private final CategorySwitches switches;

  GrantNarrowings(JdbcOperations jdbc, CategorySwitches switches) {
    this.jdbc = jdbc;
    this.switches = switches;
  }

  /**
   * Goes through up to {@code limit} entries of narrowed categories, one narrowing after another (a
   * narrowing of {@code all} lost every other category, most of them small or empty), each from
   * where the previous run left it; a narrowing is gone through when its batch found fewer than
   * it asked for. One a grant change holds is skipped until the next run.
   */
  CategorySwitches.Step step(int limit) {
    int read = 0;
    int written = 0;
    while (read < limit) {
      Optional<Narrowing> next = jdbc.prepareStatement(
          "SELECT partner_id, category_id, done_through FROM grant_narrowing WHERE NOT gone_through"
              + " ORDER BY partner_id, category_id LIMIT 1 FOR UPDATE SKIP LOCKED", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(new Narrowing(rs.getLong(1), rs.getLong(2), rs.getLong(3))) : Optional.<Narrowing>empty();
            }
          });
      if (next.isEmpty()) {
        break;
      }
      Narrowing n = next.get();
      int asked = limit - read;
      CategorySwitches.Batch batch = switches.batch(DEPART, n.category(), n.doneThrough(), asked, n.category(), n.partner());
      jdbc.prepareStatement("UPDATE grant_narrowing SET done_through = ?, gone_through = ? WHERE partner_id = ? AND category_id = ?", ps -> {
        ps.setLong(1, Math.max(batch.last(), n.doneThrough()));
        ps.setBoolean(2, batch.read() < asked);
        ps.setLong(3, n.partner());
        ps.setLong(4, n.category());
        return ps.executeUpdate();
      });
      // An empty category counts as one entry gone through: a run that did this did some work.
      read += Math.max(1, batch.read());
      written += batch.written();
    }
    return new CategorySwitches.Step(read, written);
  }

  /**
   * Marks the narrowings gone through as done at the last position given so far; called in a run
   * that took every queued removal. Answers how many.
   */
  int finish() {
    return jdbc.prepareStatement(
        """
        UPDATE grant_narrowing SET through = (SELECT last_value FROM entry_arrival_seq)
        WHERE (partner_id, category_id) IN (
          SELECT partner_id, category_id FROM grant_narrowing WHERE gone_through AND through IS NULL FOR UPDATE SKIP LOCKED)
        """, ps -> ps.executeUpdate());
  }
}
