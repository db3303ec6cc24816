package dev.syndic.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.SyndicProcess;
import dev.syndic.support.TempFolders;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedded PostgreSQL keeps its data, refuses a second instance on the same folder, takes
 * over the folder from a server orphaned by a killed JVM, never uses another folder's server, and
 * runs the PostgreSQL build it is given.
 */
class EmbeddedDatabaseTest {

  @Test
  void aSecondInstanceOnTheSameFolderStopsWithAClearMessage() throws Exception {
    Path dir = TempFolders.create("syndic-epg-test");
    try (EmbeddedDatabase first = new EmbeddedDatabase(new EmbeddedPostgresConfig(true, dir.toString(), false, 0, "128MB", "2GB", "10min", "pg_stat_statements", ""))) {
      try (Connection c = DriverManager.getConnection(first.jdbcUrl()); ResultSet rs = c.createStatement().executeQuery("SHOW fsync")) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).equals("on"), "data that is kept is written with fsync");
      }
      // The server takes the settings of its write-ahead log from the configuration.
      try (Connection c = DriverManager.getConnection(first.jdbcUrl());
          ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('max_wal_size'), current_setting('checkpoint_timeout')")) {
        assertTrue(rs.next());
        assertEquals("2GB", rs.getString(1));
        assertEquals("10min", rs.getString(2));
      }
      try (Connection c = DriverManager.getConnection(first.jdbcUrl()); Statement st = c.createStatement()) {
        st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_statements")) {
          assertTrue(rs.next() && rs.getLong(1) > 0, "the preloaded library records statements");
        }
      }
      EmbeddedDatabase second = new EmbeddedDatabase(new EmbeddedPostgresConfig(true, dir.toString(), false, 0, "128MB", "1GB", "5min", "", ""));
      IllegalStateException e = assertThrows(IllegalStateException.class, second::jdbcUrl);
      assertTrue(e.getMessage().contains("Another Syndic instance is already using the embedded database in " + dir.toAbsolutePath()),
          e.getMessage());
      // The pom's system property beats the environment variable under ./mvnw mn:run, where the
      // message's only advice (SYNDIC_EMBEDDED_POSTGRES_DATA_DIR) changed nothing.
      assertTrue(e.getMessage().contains("./mvnw mn:run -Dmn.appArgs=--syndic.embedded-postgres.data-dir="), e.getMessage());
    }
  }

  /**
   * {@code kill -9} of the JVM leaves its postgres running (pg_ctl detaches it). The next start
   * on the folder, on the same port as with {@code ./mvnw mn:run} or on another, stops the orphan
   * and runs a server of its own on the same data.
   */
  @ParameterizedTest(name = "same port: {0}")
  @ValueSource(booleans = {true, false})
  void aServerOrphanedByAKilledJvmIsStoppedAndItsDataKept(boolean samePort) throws Exception {
    Path dir = TempFolders.create("syndic-epg-orphan");
    int port = SyndicProcess.freePort();
    long orphan;
    try (SyndicProcess owner = SyndicProcess.start("epg-owner", HoldEmbeddedDatabase.class.getName(),
        Map.of("syndic.test.dir", dir.toString(), "syndic.test.port", String.valueOf(port)))) {
      owner.awaitOutput("holding the database", Duration.ofSeconds(60));
      orphan = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).strip());
      owner.kill();
    }
    assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "the killed JVM's postgres outlives it");

    int next = samePort ? port : SyndicProcess.freePort();
    try (EmbeddedDatabase restarted = new EmbeddedDatabase(new EmbeddedPostgresConfig(true, dir.toString(), false, next, "128MB", "1GB", "5min", "", ""))) {
      try (Connection c = DriverManager.getConnection(restarted.jdbcUrl());
          ResultSet rs = c.createStatement().executeQuery("SELECT note, current_setting('port') FROM kept")) {
        assertTrue(rs.next(), "the row written before the kill is there");
        assertEquals("written before the kill", rs.getString(1));
        assertEquals(String.valueOf(next), rs.getString(2));
      }
      assertFalse(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "the orphan was stopped, not adopted");
    }
    assertFalse(Files.exists(dir.resolve("postmaster.pid")), "closing stops our own server: nothing is left running");
  }

  /**
   * After a power loss the folder keeps a stale {@code postmaster.pid}, and after the reboot its pid
   * may belong to another program's PostgreSQL (a system server, another checkout's Syndic). That
   * server is no orphan of this folder: it keeps running, and ours starts on the folder's data.
   */
  @Test
  void aStalePidFileNamingAnotherFoldersServerStopsNothing() throws Exception {
    Path dir = TempFolders.create("syndic-epg-stale");
    try (EmbeddedDatabase first = new EmbeddedDatabase(new EmbeddedPostgresConfig(true, dir.toString(), false, 0, "128MB", "1GB", "5min", "", ""));
        Connection c = DriverManager.getConnection(first.jdbcUrl()); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE kept (note text)");
      st.execute("INSERT INTO kept VALUES ('written before the power loss')");
    }
    Path otherDir = TempFolders.create("syndic-epg-other");
    try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres other = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
        .setDataDirectory(otherDir).setCleanDataDirectory(true).setPort(SyndicProcess.freePort()).start()) {
      List<String> otherPid = Files.readAllLines(otherDir.resolve("postmaster.pid"));
      long foreign = Long.parseLong(otherPid.get(0).strip());
      // What the power loss left: the pid file of a server that is gone, its pid now another's.
      List<String> stale = new java.util.ArrayList<>(otherPid);
      stale.set(1, dir.toAbsolutePath().toString());
      Files.write(dir.resolve("postmaster.pid"), stale);

      try (EmbeddedDatabase restarted = new EmbeddedDatabase(new EmbeddedPostgresConfig(true, dir.toString(), false, 0, "128MB", "1GB", "5min", "", ""));
          Connection c = DriverManager.getConnection(restarted.jdbcUrl());
          ResultSet rs = c.createStatement().executeQuery("SELECT note FROM kept")) {
        assertTrue(rs.next(), "our server started on the folder's data");
        assertEquals("written before the power loss", rs.getString(1));
        assertTrue(ProcessHandle.of(foreign).map(ProcessHandle::isAlive).orElse(false), "the other folder's PostgreSQL was not stopped");
      }
      try (Connection c = other.getPostgresDatabase().getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
        assertTrue(rs.next(), "the other folder's PostgreSQL still answers");
      }
    }
  }

  /**
   * A start that fails once the database is up exits with the reason and leaves no PostgreSQL
   * running on the folder. A refused setting fails the context's start, which Micronaut does not
   * close (the server ran on without its owner until the next start stopped it); a taken HTTP port
   * fails after it, and the context is closed.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"refused setting", "HTTP port in use"})
  void aStartThatFailsStopsTheDatabaseItStarted(String failure) throws Exception {
    Path dir = TempFolders.create("syndic-epg-failed-start");
    Map<String, String> settings = new java.util.HashMap<>(Map.of(
        "syndic.embedded-postgres.data-dir", dir.toString(),
        "syndic.embedded-postgres.port", "0",
        "syndic.catalogue.import-on-first-start", "false",
        "syndic.poll.enabled", "false"));
    String reason;
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      if (failure.equals("refused setting")) {
        // Refused by the disclaimer's own settings as it is built, once the database is up (the
        // checks of the first moment, SettingChecks, would stop the start before it).
        settings.put("syndic.disclaimer.zone", "Mars/Olympus");
        reason = "syndic.disclaimer.zone: 'Mars/Olympus' is not a time zone";
      } else {
        settings.put("micronaut.server.port", String.valueOf(taken.getLocalPort()));
        reason = "Address already in use";
      }
      try (SyndicProcess syndic = SyndicProcess.start("failed-start", settings)) {
        int exit = syndic.awaitExit(Duration.ofSeconds(90));
        String log = syndic.log();
        assertTrue(exit != 0, "exit code " + exit);
        assertTrue(log.contains("embedded PostgreSQL on port"), "the database was up before the start failed:\n" + log);
        assertTrue(log.contains(reason), "the log says why:\n" + log);
      }
    } finally {
      boolean leftRunning = OrphanedServer.stopIfAny(dir);
      assertFalse(leftRunning, "a postgres was left running on " + dir);
    }
    assertFalse(Files.exists(dir.resolve("postmaster.pid")), "nothing is left running");
  }

  @Test
  void aPortInUseByAnotherProgramIsRefusedNotUsed() throws Exception {
    // zonky would take whatever answers on the port, e.g. the PostgreSQL of another checkout.
    try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Path dir = TempFolders.create("syndic-epg-port");
      EmbeddedDatabase database = new EmbeddedDatabase(new EmbeddedPostgresConfig(true, dir.toString(), false, other.getLocalPort(), "128MB", "1GB", "5min", "", ""));
      IllegalStateException e = assertThrows(IllegalStateException.class, database::jdbcUrl);
      assertTrue(e.getMessage().contains("Port " + other.getLocalPort() + " is already in use"), e.getMessage());
      assertFalse(Files.exists(dir.resolve("postmaster.pid")), "no server was started");
    }
  }

  @Test
  void theBuildTheSettingNamesIsTheOneThatRuns() throws Exception {
    // The bundled build's archive with four bytes of xz stream padding after it: the same build,
    // but another file, which zonky unpacks to a folder named after the file's MD5.
    Path archive = TempFolders.create("syndic-epg-build").resolve("postgres.txz");
    try (InputStream bundled = EmbeddedDatabase.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
      Assumptions.assumeTrue(bundled != null, "the bundled build of Linux on x86-64");
      try (OutputStream out = Files.newOutputStream(archive)) {
        bundled.transferTo(out);
        out.write(new byte[4]);
      }
    }
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(archive)));
    Path dir = TempFolders.create("syndic-epg-binaries");
    try (EmbeddedDatabase database = new EmbeddedDatabase(new EmbeddedPostgresConfig(true, dir.toString(), false, 0, "128MB", "1GB", "5min", "", archive.toString()));
        Connection c = DriverManager.getConnection(database.jdbcUrl());
        ResultSet rs = c.createStatement().executeQuery("SELECT pg_backend_pid()")) {
      assertTrue(rs.next());
      Path server = Files.readSymbolicLink(Path.of("/proc", rs.getString(1), "exe"));
      assertTrue(server.getParent().getParent().getFileName().toString().equals("PG-" + md5), server.toString());
    }

    Path missing = dir.resolve("no-such-build.txz");
    EmbeddedDatabase refused = new EmbeddedDatabase(new EmbeddedPostgresConfig(true, TempFolders.create("syndic-epg-nobuild").toString(), false, 0,
        "128MB", "1GB", "5min", "", missing.toString()));
    IllegalStateException e = assertThrows(IllegalStateException.class, refused::jdbcUrl);
    assertTrue(e.getMessage().startsWith("syndic.embedded-postgres.binaries names no file: " + missing), e.getMessage());
  }
}
