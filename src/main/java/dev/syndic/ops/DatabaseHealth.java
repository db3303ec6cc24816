package dev.syndic.ops;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.jdbc.JdbcIndicator;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The {@code jdbc} part of {@code /health}: the database answers, and which it is. Micronaut's own
 * indicator keyed its details by the connection's JDBC URL, which {@code /health} shows to anyone
 * (load balancers read it without a token): the database's host, port, name and user, and a
 * password given in the URL's query ({@code ?password=}). This one names no address.
 */
@Singleton
@Replaces(JdbcIndicator.class)
@Requires(beans = DataSource.class)
final class DatabaseHealth extends AbstractHealthIndicator<Map<String, Object>> {

  /** Seconds a connection has to answer; the pool's own timeout bounds the wait for one. */
  private static final int ANSWER_SECONDS = 3;

  private final DataSource dataSource;

  DatabaseHealth(DataSource dataSource, DataSourceResolver resolver) {
    // The pool itself, not the transaction-aware view, which hands out connections of a transaction.
    this.dataSource = resolver.resolve(dataSource);
  }

  @Override
  public String getName() {
    return "jdbc";
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    try (Connection c = dataSource.getConnection()) {
      if (!c.isValid(ANSWER_SECONDS)) {
        throw new IllegalStateException("the database did not answer within " + ANSWER_SECONDS + " s");
      }
      DatabaseMetaData meta = c.getMetaData();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("database", meta.getDatabaseProductName());
      details.put("version", meta.getDatabaseProductVersion());
      healthStatus = HealthStatus.UP;
      return details;
    } catch (SQLException e) {
      throw new IllegalStateException("the database does not answer: " + e.getMessage(), e);
    }
  }
}
