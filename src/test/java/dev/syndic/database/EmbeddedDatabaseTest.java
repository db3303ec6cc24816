package dev.syndic.database;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL keeps its data, and refuses a second instance on the same folder. */
class EmbeddedDatabaseTest {

  @Test
  void aSecondInstanceOnTheSameFolderStopsWithAClearMessage() throws Exception {
    Path dir = Files.createTempDirectory("syndic-epg-test");
    try (EmbeddedDatabase first = new EmbeddedDatabase(new EmbeddedPostgresConfig(true, dir.toString(), false, 0))) {
      try (Connection c = DriverManager.getConnection(first.jdbcUrl()); ResultSet rs = c.createStatement().executeQuery("SHOW fsync")) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).equals("on"), "data that is kept is written with fsync");
      }
      EmbeddedDatabase second = new EmbeddedDatabase(new EmbeddedPostgresConfig(true, dir.toString(), false, 0));
      IllegalStateException e = assertThrows(IllegalStateException.class, second::jdbcUrl);
      assertTrue(e.getMessage().contains("Another Syndic instance is already using the embedded database in " + dir.toAbsolutePath()),
          e.getMessage());
    }
  }
}
