package dev.syndic.support;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Pool connections of their own, outside Micronaut's transactions: what a test holds open (a
 * transaction that commits late, rows locked) while the service under test works, and reads the
 * database with as it stands, committed. A bean: a test injects it.
 */
@Singleton
public final class RawSql {

  private final DataSource pool;

  public RawSql(DataSource dataSource) {
    this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
  }

  /** A connection of its own (autocommit unless the test turns it off); the test closes it. */
  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /** The first column of the first row {@code sql} answers with {@code args} bound, as a number. */
  public long number(String sql, Object... args) {
    try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
