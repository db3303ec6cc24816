package dev.syndic;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One column of a batch as a PostgreSQL array: a batch travels as one array per column and
 * {@code unnest(...)} turns the arrays back into rows, so a whole batch is one statement.
 *
 * <p>The JDBC driver sends an array of {@code String}, {@code Long}, {@code Integer}, {@code
 * Double} or {@code Boolean} in PostgreSQL's binary form; an {@code Object[]} (what {@code
 * List.toArray()} gives) goes as an array literal, which the driver escapes element by element and
 * the server parses again: for a batch's texts, some kilobytes per entry each way. So arrays
 * handed to {@code createArrayOf} are typed ({@code toArray(String[]::new)}).
 *
 * <p>Instants travel as text in UTC ({@code 2026-10-25T00:30:00Z}), which {@code
 * ?::timestamptz[]} reads as the same instant whatever the session's time zone. The driver writes
 * a {@code Timestamp} array in the JVM's zone without its offset (its {@code toString}), and the
 * server reads that back in the session's zone, which the driver sets to the JVM's: an hour that
 * a zone's clocks go through twice in autumn (02:00 to 03:00 in Berlin) is ambiguous, and the
 * server took the second pass (standard time) for both, storing the first an hour late.
 */
public final class SqlArrays {

  private SqlArrays() {}

  /**
   * The column's values as an array of the SQL {@code type} ({@code text}, {@code bigint},
   * {@code integer}, {@code boolean}, {@code timestamptz}); instants go as text in UTC, so the
   * statement must name the type ({@code ?::timestamptz[]}).
   */
  public static <T> Array column(Connection c, String type, List<T> rows, Function<T, ?> column) throws SQLException {
    Object[] values = switch (type) {
      case "text", "timestamptz" -> new String[rows.size()];
      case "bigint" -> new Long[rows.size()];
      case "integer" -> new Integer[rows.size()];
      case "boolean" -> new Boolean[rows.size()];
      default -> throw new IllegalArgumentException("no array of " + type);
    };
    for (int i = 0; i < values.length; i++) {
      Object value = column.apply(rows.get(i));
      values[i] = value instanceof Instant t ? t.toString() : value;
    }
    return c.createArrayOf(type.equals("timestamptz") ? "text" : type, values);
  }

  /** The first column of every row a query answers, as longs (ids, mostly); closes the result. */
  public static List<Long> longs(ResultSet rs) throws SQLException {
    try (rs) {
      List<Long> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
      return out;
    }
  }
}
