package dev.syndic.database;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by Syndic itself. Started lazily by the first caller of {@link
 * #jdbcUrl()} (the datasource configuration), stopped when the context closes, after the
 * connection pools (they are created later, so they are destroyed first).
 *
 * <p>A context that fails to start after the server is up (a setting refused at startup, a
 * migration that does not validate) is not closed: Micronaut logs the error and exits. The server
 * of a kept folder would then run on without its owner until the next start stopped it, so a JVM
 * shutdown hook stops it, unless the HTTP server came up: from then on Micronaut's own hook closes
 * the context, and the database last, after the work that still needs it.
 */
@Singleton
@Requires(property = "syndic.embedded-postgres.enabled", notEquals = "false")
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  /**
   * Temporary clusters are shared by every context of the JVM (tests start many): each context
   * gets a fresh database of its own in it, which costs a CREATE DATABASE instead of an initdb.
   */
  private static volatile EmbeddedPostgres sharedTemporary;

  /**
   * The database of the shared temporary cluster that Flyway migrated once, which every later
   * database of the cluster copies: each context's own Flyway then finds its schema up to date, in
   * about a third of the time the sixty-odd migrations take (a test run starts some ninety contexts).
   */
  private static volatile String migratedTemplate;

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final EmbeddedPostgresConfig config;
  private final String migrations;
  private EmbeddedPostgres postgres;
  private String database = "postgres";
  private Thread stopAtExit;
  private volatile boolean served;
  private volatile Path directory;

  /** A server whose temporary databases start empty (the database tests' own instances). */
  EmbeddedDatabase(EmbeddedPostgresConfig config) {
    this(config, false, "");
  }

  /**
   * @param migrated whether Flyway migrates the datasource at start
   * @param migrations Flyway's locations: a temporary database starts as a copy of one they
   *     migrated, so the context's Flyway has nothing left to apply
   */
  @Inject
  EmbeddedDatabase(
      EmbeddedPostgresConfig config,
      @Value("${flyway.datasources.default.enabled:false}") boolean migrated,
      @Value("${flyway.datasources.default.locations:}") String migrations) {
    this.config = config;
    this.migrations = migrated ? migrations : "";
  }

  /** The folder of a kept cluster once it runs; empty for a temporary one (tests) or before the start. */
  public Optional<Path> directory() {
    return Optional.ofNullable(directory);
  }

  /** The JDBC URL of the running server, starting it on first use. */
  public synchronized String jdbcUrl() {
    if (postgres == null) {
      if (config.temporary()) {
        postgres = sharedTemporary();
        database = createDatabase(postgres, template(postgres, migrations));
      } else {
        postgres = start();
        directory = Path.of(config.dataDir()).toAbsolutePath();
        stopAtExit = new Thread(this::stopUnlessServed, "syndic-postgres-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
      }
    }
    return postgres.getJdbcUrl("postgres", database);
  }

  private EmbeddedPostgres sharedTemporary() {
    synchronized (EmbeddedDatabase.class) {
      if (sharedTemporary == null) {
        EmbeddedPostgres started = start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
          } catch (IOException e) {
            LOG.warn("temporary PostgreSQL did not stop cleanly: {}", e.getMessage());
          }
        }, "syndic-temporary-postgres"));
        sharedTemporary = started;
      }
      return sharedTemporary;
    }
  }

  /**
   * The migrated database to copy, made on first use; empty when Flyway does not migrate at start.
   * Nothing connects to it after its migration, which {@code CREATE DATABASE ... TEMPLATE} needs.
   */
  private static Optional<String> template(EmbeddedPostgres server, String migrations) {
    if (migrations.isBlank()) {
      return Optional.empty();
    }
    synchronized (EmbeddedDatabase.class) {
      if (migratedTemplate == null) {
        String name = createDatabase(server, Optional.empty());
        Flyway.configure()
            .dataSource(server.getJdbcUrl("postgres", name), "postgres", "")
            .locations(migrations.trim().split("\\s*,\\s*"))
            .load()
            .migrate();
        migratedTemplate = name;
      }
      return Optional.of(migratedTemplate);
    }
  }

  private static String createDatabase(EmbeddedPostgres server, Optional<String> template) {
    String name = "syndic_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = server.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name + template.map(t -> " TEMPLATE " + t).orElse(""));
      return name;
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the temporary database " + name, e);
    }
  }

  private EmbeddedPostgres start() {
    Path dir = dataDirectory();
    boolean durable = !config.temporary();
    Optional<Path> binaries = binaries();
    try {
      int port = config.port() == 0 ? freePort() : config.port();
      if (durable) {
        if (OrphanedServer.ownerIsAlive(dir)) {
          throw anotherInstance(dir, null);
        }
        OrphanedServer.stopIfAny(dir);
        ClusterVersion.refuseOther(dir);
        refuseBusyPort(port);
      }
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir)
              .setCleanDataDirectory(!durable)
              .setPort(port)
              .setRegisterShutdownHook(false)
              .setServerConfig("max_connections", "200")
              .setServerConfig("shared_buffers", config.sharedBuffers())
              .setServerConfig("max_wal_size", config.maxWalSize())
              .setServerConfig("checkpoint_timeout", config.checkpointTimeout());
      if (!config.preloadLibraries().isBlank()) {
        builder.setServerConfig("shared_preload_libraries", config.preloadLibraries());
      }
      binaries.ifPresent(archive -> builder.setPgBinaryResolver((system, machine) -> Files.newInputStream(archive)));
      if (durable) {
        // zonky passes -F (no fsync) for speed in tests; data people keep needs it back on.
        builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
      }
      EmbeddedPostgres started = builder.start();
      LOG.info("embedded PostgreSQL on port {} with data in {}, {}", started.getPort(), dir,
          binaries.map(archive -> "the build of " + archive).orElse("the bundled build"));
      return started;
    } catch (IllegalStateException e) {
      // Another process holds the folder's lock ("could not lock"), or this one does already.
      if (e instanceof OverlappingFileLockException || String.valueOf(e.getMessage()).contains("could not lock")) {
        throw anotherInstance(dir, e);
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dir + " (PostgreSQL's own reason is logged above it,"
          + " logger " + EmbeddedPostgres.class.getName() + ")", e);
    }
  }

  /** The build named by {@code syndic.embedded-postgres.binaries}, if any; refused if it names no file. */
  private Optional<Path> binaries() {
    if (config.binaries().isBlank()) {
      return Optional.empty();
    }
    Path archive = Path.of(config.binaries()).toAbsolutePath();
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException("syndic.embedded-postgres.binaries names no file: " + archive
          + ". It takes an xz-compressed tar of a PostgreSQL build's bin, lib and share folders (src/bench/build_postgres.sh makes"
          + " one), or nothing for the bundled build.");
    }
    return Optional.of(archive);
  }

  private static IllegalStateException anotherInstance(Path dir, Exception cause) {
    return new IllegalStateException("Another Syndic instance is already using the embedded database in " + dir
        + ". Stop it first, or give this one its own folder: SYNDIC_EMBEDDED_POSTGRES_DATA_DIR for the jar, or"
        + " ./mvnw mn:run -Dmn.appArgs=--syndic.embedded-postgres.data-dir=FOLDER (the pom's system property beats the variable).", cause);
  }

  /**
   * zonky waits for any server answering on the port, so a PostgreSQL of another data folder
   * listening there (another checkout's Syndic) would silently be used instead of ours.
   */
  private static void refuseBusyPort(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
    } catch (IOException e) {
      return; // nothing listens: free for our server
    }
    throw new IllegalStateException("Port " + port + " is already in use by another program (perhaps the embedded PostgreSQL of another"
        + " Syndic with another data folder). Give this one a free port with SYNDIC_EMBEDDED_POSTGRES_PORT (0 picks one).");
  }

  private Path dataDirectory() {
    try {
      if (config.temporary()) {
        return Files.createTempDirectory("syndic-pg-");
      }
      Path dir = Path.of(config.dataDir()).toAbsolutePath();
      Files.createDirectories(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the database folder " + config.dataDir(), e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The HTTP server is up: the context's close stops the database from now on. */
  @EventListener
  void served(ServerStartupEvent event) {
    served = true;
  }

  private void stopUnlessServed() {
    if (!served) {
      close();
    }
  }

  @PreDestroy
  @Override
  public synchronized void close() {
    if (stopAtExit != null && Thread.currentThread() != stopAtExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(stopAtExit);
      } catch (IllegalStateException e) {
        // the JVM is exiting: the hook runs, finds nothing left to stop
      }
      stopAtExit = null;
    }
    if (postgres != null && postgres == sharedTemporary) {
      // The shared temporary cluster stops with the JVM; its databases go with it.
      postgres = null;
      return;
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
      }
      postgres = null;
    }
  }
}
