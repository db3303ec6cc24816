package dev.syndic.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The temporary cluster's databases (tests, benchmarks) start as copies of one Flyway migrated:
 * each is whole and up to date before its context's Flyway runs, and each is its own.
 */
class TemporaryDatabasesTest {

  private static final String MIGRATIONS = "classpath:db/migration";

  @Test
  void eachContextGetsAnUpToDateDatabaseOfItsOwn() throws Exception {
    EmbeddedPostgresConfig config = new EmbeddedPostgresConfig(true, "", true, 0, "128MB", "1GB", "5min", "", "");
    try (EmbeddedDatabase first = new EmbeddedDatabase(config, true, MIGRATIONS);
        EmbeddedDatabase second = new EmbeddedDatabase(config, true, MIGRATIONS)) {
      String one = first.jdbcUrl();
      String two = second.jdbcUrl();
      assertNotEquals(one, two, "each context has a database of its own");

      long files;
      try (Stream<Path> scripts = Files.list(Path.of("db/migration"))) {
        files = scripts.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
      }
      for (String url : new String[] {one, two}) {
        assertEquals(files, number(url, "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL"),
            "every migration is applied in " + url);
        assertEquals(0, Flyway.configure().dataSource(url, "postgres", "").locations(MIGRATIONS).load().migrate().migrationsExecuted,
            "the context's Flyway finds nothing left to apply in " + url);
      }

      execute(one, "INSERT INTO bootstrap (name) VALUES ('only-in-the-first')");
      assertEquals(1, number(one, "SELECT count(*) FROM bootstrap WHERE name = 'only-in-the-first'"));
      assertEquals(0, number(two, "SELECT count(*) FROM bootstrap WHERE name = 'only-in-the-first'"),
          "a row written in one context's database is not in another's");
    }
  }

  @Test
  void withoutMigrationsAtStartTheDatabaseStartsEmpty() throws Exception {
    EmbeddedPostgresConfig config = new EmbeddedPostgresConfig(true, "", true, 0, "128MB", "1GB", "5min", "", "");
    try (EmbeddedDatabase database = new EmbeddedDatabase(config, false, MIGRATIONS)) {
      assertEquals(0, number(database.jdbcUrl(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
    }
  }

  private static long number(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
