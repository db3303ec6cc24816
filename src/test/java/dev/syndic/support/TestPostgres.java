package dev.syndic.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL server owned by a test, outside the Syndic under test (which reaches it as an
 * external database): the test can stop it and start it again on the same port and data folder,
 * as an operator restarting the database would.
 */
public final class TestPostgres implements AutoCloseable {

  private final Path dir;
  private final int port;
  private EmbeddedPostgres server;

  private TestPostgres(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /**
   * A cluster as {@code initdb} leaves it, made once per JVM and copied for each test, in place of
   * the two seconds of {@code initdb} that some 25 starts of the suite paid each (a test of
   * PermanentRedirectTest took 4 to 5 s before, about 2 s after).
   */
  private static Path pristine;

  /** A new cluster in a temporary folder on a free port. */
  public static TestPostgres start() {
    Path dir = TempFolders.create("syndic-test-pg-");
    copy(pristine(), dir);
    TestPostgres pg = new TestPostgres(dir, SyndicProcess.freePort());
    pg.startAgain();
    return pg;
  }

  private static synchronized Path pristine() {
    if (pristine == null) {
      TestPostgres first = new TestPostgres(TempFolders.create("syndic-test-pg-pristine-"), SyndicProcess.freePort());
      first.startAgain(); // initdb, as zonky runs it for a folder without a cluster
      first.stop();
      pristine = first.dir;
    }
    return pristine;
  }

  /** Copies a stopped cluster's files, their permissions kept (PostgreSQL refuses a data folder others may read). */
  private static void copy(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (!file.equals(from)) {
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy the test cluster " + from + " to " + to, e);
    }
  }

  /** Starts the server on its port and folder (after {@link #stop()}). */
  public synchronized void startAgain() {
    try {
      server = EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setRegisterShutdownHook(true)
          .setServerConfig("max_connections", "100")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the test PostgreSQL in " + dir, e);
    }
  }

  /** Stops the server ({@code pg_ctl stop}, fast mode: sessions are cut, nothing committed is lost). */
  public synchronized void stop() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server = null;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  /** The datasource settings that point Syndic at this server instead of its embedded one. */
  public java.util.Map<String, String> syndicProperties() {
    return java.util.Map.of(
        "syndic.embedded-postgres.enabled", "false",
        "datasources.default.url", jdbcUrl(),
        "datasources.default.username", "postgres");
  }

  /**
   * Settings for an instance of Syndic on this server: the datasource, and the shipped categories
   * from a catalogue folder of their own (no sources: those are real feeds on the Internet).
   * Mutable, for the test's own settings.
   */
  public java.util.Map<String, Object> instanceSettings() {
    java.util.Map<String, Object> settings = new java.util.HashMap<>(syndicProperties());
    settings.put("syndic.catalogue.dir", Fixtures.shippedCategories().toString());
    return settings;
  }

  /**
   * {@link #instanceSettings} for an instance that polls only when the test asks it to, from
   * the test's feed server on 127.0.0.1.
   */
  public java.util.Map<String, Object> handPolledSettings() {
    java.util.Map<String, Object> settings = instanceSettings();
    settings.put("syndic.poll.enabled", false);
    settings.put("syndic.fetch.allow-private-addresses", true);
    return settings;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), "postgres", "");
  }

  /** The first column of every row of a query. */
  public List<Object> column(String sql, Object... args) {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<Object> values = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getObject(1));
        }
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The single number a query answers. */
  public long number(String sql, Object... args) {
    return ((Number) column(sql, args).get(0)).longValue();
  }

  public int update(String sql, Object... args) {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      stop();
    }
    TempFolders.delete(dir);
  }
}
