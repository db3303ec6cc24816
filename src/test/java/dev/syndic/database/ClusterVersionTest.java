package dev.syndic.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.SyndicProcess;
import dev.syndic.support.TempFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A kept data folder the embedded server cannot open, or settings it refuses, stop the start with
 * PostgreSQL's reason, not with zonky's "Gave up waiting for server to start" alone.
 */
class ClusterVersionTest {

  /** An older Syndic's folder (PostgreSQL 16): refused at once, named, and left as it is. */
  @Test
  void aFolderOfAnotherMajorVersionIsRefusedSayingWhich() throws Exception {
    Path dir = TempFolders.create("syndic-epg-pg16");
    Files.writeString(dir.resolve("PG_VERSION"), "16\n");
    EmbeddedDatabase database = new EmbeddedDatabase(new EmbeddedPostgresConfig(true, dir.toString(), false, 0, "128MB", "1GB", "5min", "", ""));
    long started = System.nanoTime();
    IllegalStateException e = assertThrows(IllegalStateException.class, database::jdbcUrl);
    assertTrue(e.getMessage().contains("was made by PostgreSQL 16, and this Syndic runs PostgreSQL " + ClusterVersion.SERVER_MAJOR),
        e.getMessage());
    assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos(), "refused before waiting for a server that cannot start");
    assertEquals("16\n", Files.readString(dir.resolve("PG_VERSION")), "the folder is left as it was");
  }

  /** The version the check compares with is the one of the binaries the pom brings. */
  @Test
  void theServerMajorVersionIsTheRunningServers() throws Exception {
    try (EmbeddedDatabase database = new EmbeddedDatabase(new EmbeddedPostgresConfig(true, "", true, 0, "128MB", "1GB", "5min", "", ""));
        Connection c = DriverManager.getConnection(database.jdbcUrl());
        ResultSet rs = c.createStatement().executeQuery("SHOW server_version_num")) {
      assertTrue(rs.next());
      assertEquals(ClusterVersion.SERVER_MAJOR, String.valueOf(rs.getInt(1) / 10000));
    }
  }

  /** PostgreSQL's own words reach Syndic's log when it refuses to start: before, only zonky's timeout did. */
  @Test
  void postgresqlsReasonIsLoggedWhenItRefusesToStart() throws Exception {
    Path dir = TempFolders.create("syndic-epg-refused");
    try (SyndicProcess syndic = SyndicProcess.start("postgres-refused", Map.of(
        "syndic.embedded-postgres.data-dir", dir.toString(),
        "syndic.embedded-postgres.port", "0",
        "syndic.embedded-postgres.shared-buffers", "lots",
        "syndic.catalogue.import-on-first-start", "false",
        "syndic.poll.enabled", "false"))) {
      int exit = syndic.awaitExit(Duration.ofSeconds(90));
      String log = syndic.log();
      assertTrue(exit != 0, "exit code " + exit);
      assertTrue(log.contains("invalid value for parameter \"shared_buffers\": \"lots\""), log);
    }
  }
}
