package dev.syndic.support;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How many sessions of the test database wait for a lock: what race tests wait on, rather than
 * on a pause that a slow machine can outlast before the other side gets there.
 */
public final class LockWaits {

  private LockWaits() {}

  /** Sessions of the current database waiting for a lock, read in a transaction of its own. */
  public static long sessions(TransactionOperations<Connection> tx) {
    return tx.executeRead(status -> {
      try (Statement s = status.getConnection().createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")) {
        rs.next();
        return rs.getLong(1);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
