package dev.syndic.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A JVM that starts the embedded database on {@code -Dsyndic.test.dir} and {@code
 * -Dsyndic.test.port}, stores a row, prints "holding the database" and waits to be killed: the owner of a
 * server that a test turns into an orphan with SIGKILL.
 */
public final class HoldEmbeddedDatabase {

  private HoldEmbeddedDatabase() {}

  public static void main(String[] args) throws Exception {
    EmbeddedDatabase database = new EmbeddedDatabase(new EmbeddedPostgresConfig(true, System.getProperty("syndic.test.dir"), false,
        Integer.getInteger("syndic.test.port"), "128MB", "1GB", "5min", "", ""));
    try (Connection c = DriverManager.getConnection(database.jdbcUrl()); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS kept (note TEXT)");
      st.execute("INSERT INTO kept VALUES ('written before the kill')");
    }
    // Not "ready" alone: the server's own log line "database system is ready to accept connections" holds it.
    System.out.println("holding the database");
    Thread.sleep(Long.MAX_VALUE);
  }
}
