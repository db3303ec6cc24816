package dev.syndic.entry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postgresql.PGStatement;

/**
 * Reads entries in the arrival order partners sync by: oldest first by the position {@link
 * ArrivalSequencer} gave them in commit order, paged by position. A page reads a stretch of
 * positions ({@link #window}), then the visible entries within it ({@link #arrived}).
 */
@Singleton
@Transactional(readOnly = true)
public class ArrivalQueries {

  /**
   * Visible entries by their position, oldest first, within (after, upTo]: in one of the
   * categories (enabled ones, a null list meaning any), each duplicate cluster by its canonical
   * entry or, in a category's list, by its stand-in (as {@link EntryQueries#list} with {@link
   * EntryFilter#canonicalOnly()}).
   */
  private static final String ARRIVED =
      "SELECT a.arrival, " + EntryQueries.COLUMNS
          + """
          FROM entry_arrival a JOIN entry e ON e.id = a.entry_id JOIN source s ON s.id = e.source_id
          WHERE a.arrival > ? AND a.arrival <= ?
            AND NOT e.hidden
            AND EXISTS (
                  SELECT 1 FROM entry_category ec JOIN category c ON c.id = ec.category_id
                  WHERE ec.entry_id = e.id AND c.enabled AND (?::text[] IS NULL OR c.slug = ANY (?::text[])))
            AND (e.canonical OR (?::bigint IS NOT NULL AND {STANDS_IN}))
          ORDER BY a.arrival
          LIMIT ?
          """.replace("{STANDS_IN}", EntryQueries.STANDS_IN);

  /** An entry at its position. */
  public record Arrived(long arrival, EntryRow entry) {}

  /**
   * The stretch of positions a page reads.
   *
   * @param end the last position of the stretch, or the page's start when none follows it
   * @param full whether the stretch was cut at its size (positions may follow it)
   * @param newest the highest position ever given (0 before the first): a page cannot start past it
   */
  public record Window(long end, boolean full, long newest) {}

  private final JdbcOperations jdbc;
  private final EntryQueries entries;

  ArrivalQueries(JdbcOperations jdbc, EntryQueries entries) {
    this.jdbc = jdbc;
    this.entries = entries;
  }

  /**
   * The stretch of at most {@code size} positions after {@code after}, read by one index range.
   * Every position up to its end is committed by the time it is read ({@link ArrivalSequencer}
   * numbers in commit order), so a page that reads (after, end] and ends at end skips nothing.
   */
  public Window window(long after, int size) {
    return jdbc.prepareStatement(
        """
        SELECT max(w.arrival), count(*), (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM entry_arrival_seq)
        FROM (SELECT arrival FROM entry_arrival WHERE arrival > ? ORDER BY arrival LIMIT ?) w
        """, ps -> {
          ps.setLong(1, after);
          ps.setInt(2, size);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            long end = rs.getLong(1);
            return new Window(rs.wasNull() ? after : end, rs.getInt(2) == size, rs.getLong(3));
          }
        });
  }

  /**
   * Up to {@code limit} visible entries in (after, upTo], oldest first.
   *
   * @param category a category whose list is read (stand-ins of clusters included), or null
   * @param categories the entries must be in one of these (enabled) categories; null for any
   */
  public List<Arrived> arrived(long after, long upTo, @Nullable String category, @Nullable List<String> categories, int limit) {
    Long categoryId = null;
    if (category != null) {
      Optional<Long> id = entries.categoryId(category);
      if (id.isEmpty()) {
        return List.of();
      }
      categoryId = id.get();
    }
    Long standsInFor = categoryId;
    List<Long> positions = new ArrayList<>();
    List<EntryRow> rows = jdbc.prepareStatement(ARRIVED, ps -> {
      // A plan for these values (the null filters fold away), as EntryQueries plans its lists.
      ps.unwrap(PGStatement.class).setPrepareThreshold(0);
      Array slugs = categories == null ? null : ps.getConnection().createArrayOf("text", categories.toArray(String[]::new));
      int i = 0;
      ps.setLong(++i, after);
      ps.setLong(++i, upTo);
      ps.setArray(++i, slugs);
      ps.setArray(++i, slugs);
      ps.setObject(++i, standsInFor, Types.BIGINT);
      ps.setObject(++i, standsInFor, Types.BIGINT);
      ps.setInt(++i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        List<EntryRow> out = new ArrayList<>();
        while (rs.next()) {
          positions.add(rs.getLong("arrival"));
          out.add(EntryQueries.map(rs));
        }
        return out;
      }
    });
    List<EntryRow> categorized = entries.withCategories(rows);
    List<Arrived> out = new ArrayList<>(rows.size());
    for (int i = 0; i < categorized.size(); i++) {
      out.add(new Arrived(positions.get(i), categorized.get(i)));
    }
    return out;
  }
}
