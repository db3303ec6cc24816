package dev.syndic.bench;

import dev.syndic.catalogue.CatalogueImport;
import dev.syndic.entry.SearchIndexer;
import dev.syndic.support.Fixtures;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Syndic as it runs, in the "test" environment: a temporary embedded PostgreSQL, the shipped
 * categories, and either the real scheduler ({@code PollScheduler}) with a short tick, which claims
 * due sources with {@code SourceSchedule.claimDue} and polls them with {@code Poller.poll} on the
 * 8-thread {@code poller} executor ({@link #start}: a cycle is started by making sources due and
 * ends when every one of them has been polled), or polling off and the HTTP server on a free port
 * of 127.0.0.1 ({@link #serving}: the API as an operator calls it).
 */
final class SyndicUnderTest implements AutoCloseable {

  private final ApplicationContext context;
  private final DataSource db;

  private SyndicUnderTest(ApplicationContext context) {
    this.context = context;
    this.db = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
  }

  /** Starts Syndic with the shipped categories and no sources; nothing is due until a cycle starts. */
  static SyndicUnderTest start(String tick) {
    Map<String, Object> properties = new HashMap<>();
    // Every benchmark source lives on 127.0.0.1: allow as many requests to it at once as the
    // reference loops make (8 threads), the "same concurrency" the comparison asks for.
    properties.put("syndic.fetch.per-host-concurrency", 8);
    properties.put("syndic.poll.enabled", true);
    properties.put("syndic.poll.tick", tick);
    // -Dbench.pollers=1 polls one source at a time: PostgreSQL's statement times are then close to
    // its CPU, not inflated by waiting for a core.
    Integer pollers = Integer.getInteger("bench.pollers");
    if (pollers != null) {
      properties.put("micronaut.executors.poller.n-threads", pollers);
    }
    return start(properties);
  }

  /**
   * Starts Syndic with the shipped categories, no sources, polling off (nothing is fetched, however
   * many sources are added) and its HTTP server listening on a free port ({@link #url}).
   */
  static SyndicUnderTest serving() {
    SyndicUnderTest syndic = start(new HashMap<>(Map.of("syndic.poll.enabled", false)));
    syndic.context.getBean(EmbeddedServer.class).start();
    return syndic;
  }

  private static SyndicUnderTest start(Map<String, Object> properties) {
    properties.put("syndic.fetch.allow-private-addresses", true);
    properties.put("syndic.catalogue.import-on-first-start", false);
    properties.put("syndic.catalogue.dir", Fixtures.shippedCategories().toString());
    if (Boolean.getBoolean("bench.pgss")) {
      properties.put("syndic.embedded-postgres.preload-libraries", "pg_stat_statements");
    }
    ApplicationContext context = ApplicationContext.builder().environments("test").properties(properties).start();
    context.getBean(CatalogueImport.class).importOnce();
    return new SyndicUnderTest(context);
  }

  /** The address of the HTTP server {@link #serving} started. */
  URI url() {
    return context.getBean(EmbeddedServer.class).getURI();
  }

  /** A bean of the running application, to call it as the HTTP layer does (no HTTP of its own). */
  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** A connection of Syndic's own pool, to PostgreSQL as Syndic reaches it; the caller closes it. */
  Connection connection() throws SQLException {
    return db.getConnection();
  }

  /** Adds sources that are not due (a cycle makes them due). */
  void addSources(List<String> urls) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO source (url, next_poll_at) VALUES (?, now() + interval '10 days')")) {
      c.setAutoCommit(false);
      for (String url : urls) {
        ps.setString(1, url);
        ps.addBatch();
      }
      ps.executeBatch();
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One polling cycle.
   *
   * @param sinceDue from making the sources due to the end of the last poll (includes the wait for
   *     the scheduler's next tick)
   * @param polling from the start of the first poll to the end of the last
   */
  record Cycle(int sources, Instant start, Duration sinceDue, Duration polling, Cpu cpu) {}

  /** CPU time used: by this JVM (Syndic, and the benchmark's feed server) and by PostgreSQL. */
  record Cpu(Duration jvm, Duration postgres) {
    Duration total() {
      return jvm.plus(postgres);
    }

    Cpu minus(Cpu earlier) {
      return new Cpu(jvm.minus(earlier.jvm), postgres.minus(earlier.postgres));
    }
  }

  /**
   * CPU used so far: this JVM's process time, and PostgreSQL's (the postmaster, its live backends
   * and those that ended, from /proc; zero where /proc is not there).
   */
  Cpu cpu() {
    long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    long ticks = 0;
    try {
      Path dataDir = Path.of((String) value("SELECT current_setting('data_directory')"));
      String postmaster = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip();
      try (var procs = Files.list(Path.of("/proc"))) {
        for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
          String[] f;
          try {
            String stat = Files.readString(proc.resolve("stat"));
            f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          } catch (IOException e) {
            continue; // ended meanwhile
          }
          // f[0] is field 3 (state): ppid is f[1], utime f[11], stime f[12], cutime f[13], cstime f[14]
          if (proc.getFileName().toString().equals(postmaster)) {
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
          } else if (f[1].equals(postmaster)) {
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      ticks = 0;
    }
    // USER_HZ is 100 on Linux.
    return new Cpu(Duration.ofNanos(jvm), Duration.ofMillis(ticks * 10));
  }

  /**
   * Makes every source whose URL starts with {@code prefix} due now and waits until the scheduler
   * has polled them all.
   */
  Cycle cycle(String prefix, Duration timeout) throws InterruptedException {
    Cpu before = cpu();
    Instant start = Instant.now();
    int due = update("UPDATE source SET next_poll_at = ? WHERE url LIKE ?", Timestamp.from(start), prefix + "%");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      // Not more often: this scan of the sources is PostgreSQL time counted as Syndic's, and the
      // cycle's length comes from the stored poll times, not from when this loop notices the end.
      Thread.sleep(250);
      long polled = number("SELECT count(*) FROM source WHERE url LIKE ? AND last_polled_at >= ?", prefix + "%", Timestamp.from(start));
      if (polled == due) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + polled + " of " + due + " sources polled within " + timeout);
      }
    }
    Instant last = ((Timestamp) value("SELECT max(last_polled_at) FROM source WHERE url LIKE ?", prefix + "%")).toInstant();
    Instant first = ((Timestamp) value("SELECT min(f.started_at) FROM fetch_log f JOIN source s ON s.id = f.source_id WHERE s.url LIKE ? AND f.started_at >= ?",
        prefix + "%", Timestamp.from(start))).toInstant();
    return new Cycle(due, start, Duration.between(start, last), Duration.between(first, last), cpu().minus(before));
  }

  /** Indexes every stored entry for search now, without the background indexer's time budget. */
  void indexForSearchNow() {
    context.getBean(SearchIndexer.class).indexAll();
  }

  /** Waits until every stored entry is indexed for search (the background queue is empty). */
  void awaitSearchIndexed(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (number("SELECT count(*) FROM entry_text WHERE NOT searchable") > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("search indexing not done within " + timeout);
      }
      Thread.sleep(200);
    }
  }

  /** How the polls of sources under {@code prefix} ended since {@code since}: outcome to count. */
  Map<String, Long> outcomes(String prefix, Instant since) {
    Map<String, Long> counts = new LinkedHashMap<>();
    query("SELECT f.outcome, count(*) FROM fetch_log f JOIN source s ON s.id = f.source_id WHERE s.url LIKE ? AND f.started_at >= ? GROUP BY 1 ORDER BY 1",
        rs -> counts.put(rs.getString(1), rs.getLong(2)), prefix + "%", Timestamp.from(since));
    return counts;
  }

  /** One error message of the polls under {@code prefix}, or null. */
  String anError(String prefix) {
    Object e = value("SELECT f.error FROM fetch_log f JOIN source s ON s.id = f.source_id WHERE s.url LIKE ? AND f.error IS NOT NULL LIMIT 1", prefix + "%");
    return (String) e;
  }

  long number(String sql, Object... args) {
    return ((Number) value(sql, args)).longValue();
  }

  Object value(String sql, Object... args) {
    Object[] result = new Object[1];
    query(sql, rs -> result[0] = rs.getObject(1), args);
    return result[0];
  }

  private int update(String sql, Object... args) {
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /**
   * The statements PostgreSQL spent the most time on (needs pg_stat_statements preloaded), with the
   * write-ahead log each wrote per entry: its bytes, and its full-page images (a page's first change
   * after a checkpoint logs the whole page, which random keys make the rule rather than the
   * exception).
   */
  void printStatements(long entries) {
    query("SELECT calls, total_exec_time, rows, wal_bytes, wal_fpi, left(regexp_replace(query, '\\s+', ' ', 'g'), 110)"
            + " FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25",
        rs -> System.out.printf("pgss %8d calls %9.0f ms %7.1f us/entry %9d rows %7.0f WAL B/entry %5.2f FPI/entry  %s%n", rs.getLong(1),
            rs.getDouble(2), rs.getDouble(2) * 1000 / entries, rs.getLong(3), rs.getDouble(4) / entries, rs.getDouble(5) / entries,
            rs.getString(6)));
  }

  void execute(String sql) {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  void query(String sql, Row row, Object... args) {
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.read(rs);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
