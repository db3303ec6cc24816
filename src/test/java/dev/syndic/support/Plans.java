package dev.syndic.support;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * What PostgreSQL did to answer a statement, from {@code EXPLAIN (ANALYZE, FORMAT JSON)}: how
 * many rows a query read, so that a test can tell a walk of an index from a pass over a table.
 * A bean: a test injects it beside the connections it stores its rows with.
 */
@Singleton
public final class Plans {

  /** Binds a statement's parameters. */
  public interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;
  private final JsonMapper json;

  public Plans(JdbcOperations jdbc, TransactionOperations<Connection> tx, JsonMapper json) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.json = json;
  }

  /**
   * The top node of the plan of {@code sql} as run, in a transaction rolled back afterwards: a
   * statement that writes (a claim) changes nothing.
   */
  public Map<?, ?> explain(String sql, Binder binder) {
    String plan = tx.executeWrite(status -> {
      status.setRollbackOnly();
      return jdbc.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, ps -> {
        binder.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      });
    });
    try {
      return (Map<?, ?>) json.readValue(plan, Argument.listOf(Map.class)).get(0).get("Plan");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Rows of {@code alias} the plan read: those its nodes produced and those their filters and
   * rechecks (a bitmap's lossy pages, a trigram index's candidates) dropped, all loops counted.
   */
  public static long read(Map<?, ?> node, String alias) {
    return rowsOf(node, alias, "Actual Rows") + rowsOf(node, alias, "Rows Removed by Filter") + rowsOf(node, alias, "Rows Removed by Index Recheck");
  }

  /** The sum of a count over all the plan's nodes, all loops counted. */
  public static long sum(Map<?, ?> node, String count) {
    long rows = node.get(count) instanceof Number n ? n.longValue() * ((Number) node.get("Actual Loops")).longValue() : 0;
    for (Object child : node.get("Plans") instanceof List<?> plans ? plans : List.of()) {
      rows += sum((Map<?, ?>) child, count);
    }
    return rows;
  }

  /**
   * The sum of a count over the plan's nodes on {@code alias} (all loops counted); with a null
   * alias, the count of the plan's top node.
   */
  public static long rowsOf(Map<?, ?> node, String alias, String count) {
    if (alias == null) {
      return ((Number) node.get(count)).longValue();
    }
    long rows = 0;
    if (alias.equals(node.get("Alias")) && node.get(count) instanceof Number n) {
      rows += n.longValue() * ((Number) node.get("Actual Loops")).longValue();
    }
    for (Object child : node.get("Plans") instanceof List<?> plans ? plans : List.of()) {
      rows += rowsOf((Map<?, ?>) child, alias, count);
    }
    return rows;
  }
}
