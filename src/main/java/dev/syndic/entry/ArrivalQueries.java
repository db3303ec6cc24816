package dev.syndic.entry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
  private static final String VISIBLE =
      """
      NOT e.hidden
      AND EXISTS (
            SELECT 1 FROM entry_category ec JOIN category c ON c.id = ec.category_id
            WHERE ec.entry_id = e.id AND c.enabled AND (?::text[] IS NULL OR c.slug = ANY (?::text[])))
      AND (e.canonical OR (?::bigint IS NOT NULL AND {STANDS_IN}))
      """.replace("{STANDS_IN}", EntryQueries.STANDS_IN);

  private static final String ARRIVED =
      "SELECT a.arrival, " + EntryQueries.COLUMNS
          + """
          FROM entry_arrival a JOIN entry e ON e.id = a.entry_id JOIN source s ON s.id = e.source_id
          WHERE a.arrival > ? AND a.arrival <= ?
            AND {VISIBLE}
          ORDER BY a.arrival
          LIMIT ?
          """.replace("{VISIBLE}", VISIBLE);

  /**
   * Departures within (after, upTo] routed to the list read, oldest first, but not those whose
   * item id a visible entry carries now (as {@link #ARRIVED} would list it): the entry came back,
   * or another copy of its story stands for it in the list read. That check is a scalar subquery,
   * looked up by item id per departure: as a NOT EXISTS the planner may hash every visible entry
   * (it did on 1,000 entries), which at a million costs seconds.
   *
   * <p>A departure for every partner (no {@code partner_id}) is routed by the categories it names:
   * to any list (a null list: an {@code all} grant), or to a list of one of them, or, for a
   * partner's whole grant, where the partner was granted a category since deleted (V63) or is
   * still told of one its grant lost (V64, up to the position that narrowing was done at). One
   * for a single partner (a narrowing's) goes to that partner's whole grant alone.
   */
  private static final String DEPARTED =
      """
      SELECT d.arrival, d.item_id FROM entry_departure d
      WHERE d.arrival > ? AND d.arrival <= ?
        AND (d.partner_id = ?::bigint
             OR d.partner_id IS NULL AND (
                  ?::text[] IS NULL
                  OR EXISTS (SELECT 1 FROM category c WHERE c.id = ANY (d.category_ids) AND c.slug = ANY (?::text[]))
                  OR EXISTS (SELECT 1 FROM deleted_category_grant g WHERE g.category_id = ANY (d.category_ids) AND g.partner_id = ?::bigint)
                  OR EXISTS (SELECT 1 FROM grant_narrowing n WHERE n.partner_id = ?::bigint AND n.category_id = ANY (d.category_ids)
                               AND (n.through IS NULL OR d.arrival <= n.through))))
        AND (SELECT e.id FROM entry_arrival v JOIN entry e ON e.id = v.entry_id
             WHERE v.item_id = d.item_id AND {VISIBLE} LIMIT 1) IS NULL
      ORDER BY d.arrival
      LIMIT ?
      """.replace("{VISIBLE}", VISIBLE);

  /** An entry at its position. */
  public record Arrived(long arrival, EntryRow entry) {}

  /** The item id of an entry that left the list read, at the position of its leaving. */
  public record Departed(long arrival, String itemId) {}

  /**
   * The stretch of positions a page reads.
   *
   * @param end the last position of the stretch, or the page's start when none follows it
   * @param full whether the stretch was cut at its size (positions may follow it)
   * @param newest the highest position ever given (0 before the first): a page cannot start past it
   * @param firstDeparture the first departure's position in the stretch, {@link Long#MAX_VALUE} when
   *     none (most stretches: their query is skipped)
   */
  public record Window(long end, boolean full, long newest, long firstDeparture) {}

  private final JdbcOperations jdbc;
  private final EntryQueries entries;

  ArrivalQueries(JdbcOperations jdbc, EntryQueries entries) {
    this.jdbc = jdbc;
    this.entries = entries;
  }

  /**
   * The highest position of a departure retention deleted (V57), 0 before the first: a reader
   * whose position is older may hold an item whose removal it can no longer be told.
   */
  public long departuresDeletedThrough() {
    return jdbc.prepareStatement("SELECT purged_through FROM departure_horizon", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    });
  }

  /**
   * The stretch of at most {@code size} positions (arrivals and departures) after {@code after},
   * read by one index range of each.
   * Every position up to its end is committed by the time it is read ({@link ArrivalSequencer}
   * numbers in commit order), so a page that reads (after, end] and ends at end skips nothing.
   */
  public Window window(long after, int size) {
    return jdbc.prepareStatement(
        """
        SELECT max(w.arrival), count(*), (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM entry_arrival_seq), min(w.arrival) FILTER (WHERE w.departed)
        FROM ((SELECT arrival, FALSE AS departed FROM entry_arrival WHERE arrival > ? ORDER BY arrival LIMIT ?)
              UNION ALL (SELECT arrival, TRUE FROM entry_departure WHERE arrival > ? ORDER BY arrival LIMIT ?)
              ORDER BY arrival LIMIT ?) w
        """, ps -> {
          ps.setLong(1, after);
          ps.setInt(2, size);
          ps.setLong(3, after);
          ps.setInt(4, size);
          ps.setInt(5, size);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            long end = rs.getLong(1);
            boolean empty = rs.wasNull();
            long firstDeparture = rs.getLong(4);
            return new Window(empty ? after : end, rs.getInt(2) == size, rs.getLong(3), rs.wasNull() ? Long.MAX_VALUE : firstDeparture);
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
    Optional<Optional<Long>> standsInFor = categoryOf(category);
    if (standsInFor.isEmpty()) {
      return List.of();
    }
    List<Long> positions = new ArrayList<>();
    List<EntryRow> rows = jdbc.prepareStatement(ARRIVED, ps -> {
      int i = bindRange(ps, after, upTo);
      i = bindVisible(ps, i, categories, standsInFor.get().orElse(null));
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

  /**
   * Up to {@code limit} departures in (after, upTo] that the list read no longer shows, oldest
   * first; parameters as {@link #arrived}. One item id may be listed more than once (it left
   * twice); a reader drops what it holds under that id each time.
   *
   * @param partner the partner reading its whole grant (removals of a category deleted or taken out
   *     of its grant, and those for it alone, are its too), or null (a category's list)
   */
  public List<Departed> departed(long after, long upTo, @Nullable String category, @Nullable List<String> categories, @Nullable Long partner,
      int limit) {
    Optional<Optional<Long>> standsInFor = categoryOf(category);
    if (standsInFor.isEmpty()) {
      return List.of();
    }
    return jdbc.prepareStatement(DEPARTED, ps -> {
      int i = bindRange(ps, after, upTo);
      ps.setObject(++i, partner, Types.BIGINT);
      Array slugs = slugs(ps, categories);
      ps.setArray(++i, slugs);
      ps.setArray(++i, slugs);
      ps.setObject(++i, partner, Types.BIGINT);
      ps.setObject(++i, partner, Types.BIGINT);
      i = bindVisible(ps, i, categories, standsInFor.get().orElse(null));
      ps.setInt(++i, limit);
      List<Departed> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Departed(rs.getLong(1), rs.getString(2)));
        }
      }
      return out;
    });
  }

  /** The id of the category read (empty inside for every category), or empty when there is no such category. */
  private Optional<Optional<Long>> categoryOf(@Nullable String category) {
    if (category == null) {
      return Optional.of(Optional.empty());
    }
    return entries.categoryId(category).map(Optional::of);
  }

  private static int bindRange(PreparedStatement ps, long after, long upTo) throws SQLException {
    // A plan for these values (the null filters fold away), as EntryQueries plans its lists.
    ps.unwrap(PGStatement.class).setPrepareThreshold(0);
    ps.setLong(1, after);
    ps.setLong(2, upTo);
    return 2;
  }

  /** Binds {@link #VISIBLE}'s parameters after parameter {@code i}; answers the last one bound. */
  private static int bindVisible(PreparedStatement ps, int i, @Nullable List<String> categories, @Nullable Long standsInFor) throws SQLException {
    Array slugs = slugs(ps, categories);
    ps.setArray(++i, slugs);
    ps.setArray(++i, slugs);
    ps.setObject(++i, standsInFor, Types.BIGINT);
    ps.setObject(++i, standsInFor, Types.BIGINT);
    return i;
  }

  private static @Nullable Array slugs(PreparedStatement ps, @Nullable List<String> categories) throws SQLException {
    return categories == null ? null : ps.getConnection().createArrayOf("text", categories.toArray(String[]::new));
  }
}
