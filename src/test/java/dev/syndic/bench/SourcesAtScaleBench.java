package dev.syndic.bench;

import dev.syndic.Like;
import dev.syndic.source.SourceSchedule;
import io.micronaut.json.JsonMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin API at a hundred thousand sources (README, Operating Syndic, "A hundred thousand
 * sources"): each operation an operator of that many sources makes, through the real HTTP API
 * (the JDK's {@code HttpClient}, one request at a time), against the bare work under it done over
 * plain JDBC on a connection of Syndic's own pool ({@link SourceCopy}), in the same run. Run the JVM
 * with -Xmx512m: {@code src/bench/sources_at_scale.sh}. Argument: sources (100000).
 *
 * <p>Syndic runs in the "test" environment (a temporary embedded PostgreSQL, the shipped
 * categories) with polling off, and every source is at a {@code .test} address, which never
 * resolves: nothing is fetched, so the figures are the API's and the database's alone. The OPML
 * file is generated ({@link SyntheticCatalogue}: folders named after the categories, Chinese and
 * English titles, some paused or disabled) and written to a temporary file, which the client sends
 * from disk; what polling would have left (8 % failing, the rest polled fine) is then written by SQL.
 *
 * <p>The steps, each with its reference (the ratio is the reference's time over Syndic's, as the
 * other benchmarks' ratios of rates: 1 would be as fast as the bare work):
 *
 * <ul>
 *   <li>{@code POST /api/v1/sources/import} of the whole file into an empty database, against a
 *       JDBC batch insert of the same rows (a thousand per batch, one transaction) into a table of
 *       the same shape: what storing them costs without reading XML, checking addresses or looking
 *       up those already subscribed; Syndic's peak heap meanwhile. Then the same file again (all
 *       subscribed, nothing stored), against the same addresses looked up a thousand at a time.
 *   <li>{@code GET /api/v1/sources}: pages and filters (a filter that matches few sources, and a
 *       {@code q=} that matches none, read the whole table to fill a page), each against {@code
 *       SourceRepository.page}'s own statement over JDBC with the same parameters, every column
 *       read: what the API adds to its query (the connection, the mapping, JSON, HTTP). Medians
 *       of {@value #RUNS} after two unmeasured runs, the two sides in turn.
 *   <li>{@code /health} and {@code /metrics} against a round trip to the same server that reads no
 *       database and sends no body ({@code HEAD /openapi.yml}, a document held in memory); and {@code /metrics} when
 *       its source gauges read the sources afresh (at most every 5 s), against that pass itself
 *       ({@code SourceSchedule.standing()}, called in the JVM).
 *   <li>{@code PATCH /api/v1/sources?<filters>}: pausing the failing sources, the same again
 *       (nothing to change), disabling every enabled source and enabling them all again, each
 *       against a bare {@code UPDATE} of the same rows on the copy: what the selection in id order
 *       (taking the rows' locks as the polls' recording does), the skipping of unchanged rows and
 *       the request add.
 *   <li>{@code DELETE /api/v1/sources/{id}} of a thousand sources spread over the table, one
 *       request each, against a {@code DELETE} by primary key of the same rows on the copy, a
 *       transaction each: what the removal's locks of the sources sharing stories, the clustering
 *       lock and the source's disclaimers add.
 *   <li>{@code GET /api/v1/sources/export}, the OPML counted as it arrives, against the same
 *       sources' exported columns read through one JDBC cursor in the file's order and written as
 *       UTF-8 into a byte sink: what paging by id, the XML and HTTP add; Syndic's peak heap meanwhile.
 * </ul>
 *
 * Each step is one {@link #compare} call: a later step (a change or removal of many sources, say)
 * is one more. Counts of rows must agree between the two sides, or the run stops.
 */
public final class SourcesAtScaleBench {

  /** One side of a comparison: does its work once and answers how many rows (or bytes) it handled. */
  interface Work {
    long run() throws Exception;
  }

  private record Measure(double millis, long count) {}

  private static final int RUNS = 7;
  /** The two sides handle the same rows: their counts must agree. */
  private static final boolean ROWS = true;
  /** The two sides write different bytes: their counts are printed, not compared. */
  private static final boolean BYTES = false;

  private final SyndicUnderTest syndic;
  private final AdminApi api;
  private final SourceCopy copy;
  private final SyntheticCatalogue catalogue;

  private SourcesAtScaleBench(SyndicUnderTest syndic, SyntheticCatalogue catalogue) {
    this.syndic = syndic;
    this.api = new AdminApi(syndic.url(), syndic.bean(JsonMapper.class));
    this.copy = new SourceCopy(syndic);
    this.catalogue = catalogue;
  }

  public static void main(String[] args) throws Exception {
    int sources = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    long start = System.nanoTime();
    System.out.printf("max heap %d MB; %,d sources; load %s%n", Runtime.getRuntime().maxMemory() >> 20, sources, load());
    Path opml = Files.createTempFile("syndic-sources-", ".opml");
    try (SyndicUnderTest syndic = SyndicUnderTest.serving()) {
      List<String[]> categories = new ArrayList<>();
      syndic.query("SELECT slug, name_zh, name_en FROM category ORDER BY slug",
          rs -> categories.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}));
      SourcesAtScaleBench bench = new SourcesAtScaleBench(syndic, new SyntheticCatalogue(sources, categories));
      bench.warmUp(opml, Math.min(2_000, sources / 10));
      bench.catalogue.write(opml);
      System.out.printf("OPML: %,d outlines in %d folders, %.1f MB%n", sources, categories.size() + 1, Files.size(opml) / 1e6);
      bench.importAll(opml);
      bench.list();
      bench.operations();
      bench.changeMany();
      bench.deleteSome(Math.min(1_000, sources / 100));
      bench.deleteMany();
      bench.export();
    } finally {
      Files.deleteIfExists(opml);
    }
    System.out.printf("done in %.0f s; load %s%n", (System.nanoTime() - start) / 1e9, load());
    System.exit(0);
  }

  /**
   * The import and the reference insert of the first {@code size} subscriptions, unmeasured and
   * removed after: the JIT compiles the import's path (the references' JDBC too) before it is timed.
   */
  private void warmUp(Path opml, int size) throws Exception {
    SyntheticCatalogue first = catalogue.first(size);
    first.write(opml);
    api.post("/api/v1/sources/import", opml, "text/x-opml");
    copy.insert(first, 0, size, Instant.now());
    syndic.execute("DELETE FROM source");
    syndic.execute("DELETE FROM " + SourceCopy.TABLE);
    syndic.execute("VACUUM ANALYZE source");
    syndic.execute("VACUUM ANALYZE " + SourceCopy.TABLE);
  }

  private void importAll(Path opml) throws Exception {
    int n = catalogue.size();
    compareWatchingHeap("POST /api/v1/sources/import (empty database)", ROWS,
        () -> number(api.post("/api/v1/sources/import", opml, "text/x-opml"), "imported"),
        () -> copy.insert(catalogue, 0, n, Instant.now()));
    requireSameStanding();
    compare("POST /api/v1/sources/import (all subscribed)", ROWS, 1,
        () -> number(api.post("/api/v1/sources/import", opml, "text/x-opml"), "skipped"),
        () -> copy.lookup(catalogue));
    SourceCopy.markPolled(syndic, "source", catalogue);
    SourceCopy.markPolled(syndic, SourceCopy.TABLE, catalogue);
    vacuum();
    requireSameStanding();
    System.out.printf("sources by state: %s%n", syndic.bean(SourceSchedule.class).standing().byState());
  }

  @SuppressWarnings("unchecked")
  private void list() throws Exception {
    Map<String, Object> first = api.get("/api/v1/sources?limit=500");
    List<Map<String, Object>> items = (List<Map<String, Object>>) first.get("items");
    long lastId = ((Number) items.get(items.size() - 1).get("id")).longValue();
    Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Instant monthAgo = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    String nothing = "no-such-feed";
    listPage("", 50, 0, Map.of());
    listPage("limit=500", 500, 0, Map.of());
    listPage("limit=500&cursor=" + first.get("next"), 500, lastId, Map.of());
    listPage("limit=500&status=error", 500, 0, Map.of("status", "error"));
    listPage("limit=500&status=paused", 500, 0, Map.of("status", "paused"));
    listPage("limit=500&enabled=false", 500, 0, Map.of("enabled", false));
    listPage("limit=500&category=ai", 500, 0, Map.of("category", "ai"));
    listPage("limit=500&minErrors=5", 500, 0, Map.of("minErrors", 5));
    listPage("limit=500&noSuccessSince=" + yesterday, 500, 0, Map.of("noSuccessSince", yesterday));
    listPage("limit=500&status=active&quietSince=" + monthAgo, 500, 0, Map.of("status", "active", "quietSince", monthAgo));
    listPage("limit=500&q=" + SyntheticCatalogue.SOME_HOST, 500, 0, Map.of("pattern", Like.contains(SyntheticCatalogue.SOME_HOST)));
    listPage("limit=500&q=" + nothing, 500, 0, Map.of("pattern", Like.contains(nothing)));
  }

  @SuppressWarnings("unchecked")
  private void listPage(String query, int limit, long afterId, Map<String, Object> filters) throws Exception {
    compare("GET /api/v1/sources" + (query.isEmpty() ? "" : "?" + query.replaceFirst("cursor=[^&]*", "cursor=(page 2)")), ROWS, RUNS,
        () -> ((List<Object>) api.get("/api/v1/sources?" + query).get("items")).size(),
        () -> Math.min(limit, copy.page(afterId, filters, limit + 1)));
  }

  /** An operator's other reads, against a round trip that reads no database. */
  private void operations() throws Exception {
    OutputStream sink = OutputStream.nullOutputStream();
    Work roundTrip = () -> api.head("/openapi.yml");
    compare("GET /health", BYTES, RUNS, () -> api.download("/health", sink), roundTrip);
    compare("GET /metrics (the source gauges as read in the last 5 s)", BYTES, RUNS, () -> api.download("/metrics", sink), roundTrip);
    // The source gauges read the sources at most every 5 s (PollingBacklog.FRESH): a scrape after
    // a longer pause makes their pass over the table.
    Measure[] scrapes = new Measure[3];
    Measure[] passes = new Measure[scrapes.length];
    for (int i = 0; i < scrapes.length; i++) {
      Thread.sleep(5_200);
      scrapes[i] = measure(() -> api.download("/metrics", sink));
      passes[i] = measure(() -> syndic.bean(SourceSchedule.class).standing().byState().values().stream().mapToLong(Long::longValue).sum());
    }
    report("GET /metrics (the source gauges read afresh)", BYTES, median(scrapes), median(passes), "reference: the gauges' pass, in the JVM");
  }

  /** Changes of many sources by the list's filters, each against a bare UPDATE of the same rows. */
  private void changeMany() throws Exception {
    compare("PATCH /api/v1/sources?status=error&minErrors=1 {status: paused}", ROWS, 1,
        () -> number(api.patch("/api/v1/sources?status=error&minErrors=1", "{\"status\": \"paused\"}"), "changed"),
        () -> copy.update("UPDATE %s SET status = 'paused', status_reason = 'paused by an admin', updated_at = now()"
            + " WHERE status = 'error' AND consecutive_errors >= 1"));
    compare("the same again (nothing to change)", ROWS, 1,
        () -> number(api.patch("/api/v1/sources?status=error&minErrors=1", "{\"status\": \"paused\"}"), "changed"),
        () -> copy.update("UPDATE %s SET status = 'paused', status_reason = 'paused by an admin', updated_at = now()"
            + " WHERE status = 'error' AND consecutive_errors >= 1"));
    compare("PATCH /api/v1/sources?enabled=true {enabled: false}", ROWS, 1,
        () -> number(api.patch("/api/v1/sources?enabled=true", "{\"enabled\": false}"), "changed"),
        () -> copy.update("UPDATE %s SET enabled = false, updated_at = now() WHERE enabled"));
    compare("PATCH /api/v1/sources?enabled=false {enabled: true}", ROWS, 1,
        () -> number(api.patch("/api/v1/sources?enabled=false", "{\"enabled\": true}"), "changed"),
        () -> copy.update("UPDATE %s SET enabled = true, updated_at = now() WHERE NOT enabled"));
    vacuum();
    requireSameStanding();
  }

  /** Deletes {@code count} sources spread over the table, one request each. */
  private void deleteSome(int count) throws Exception {
    List<Long> ids = new ArrayList<>();
    List<String> urls = new ArrayList<>();
    long step = Math.max(1, syndic.number("SELECT count(*) FROM source") / count);
    syndic.query("SELECT id, url FROM (SELECT id, url, row_number() OVER (ORDER BY id) AS n FROM source) s WHERE n % ? = 0 ORDER BY id LIMIT ?",
        rs -> {
          ids.add(rs.getLong(1));
          urls.add(rs.getString(2));
        }, step, count);
    List<Long> copied = copy.ids(urls);
    compare("DELETE /api/v1/sources/{id} x " + ids.size(), ROWS, 1,
        () -> {
          for (long id : ids) {
            api.delete("/api/v1/sources/" + id);
          }
          return ids.size();
        },
        () -> copy.deleteEach(copied));
    requireSameStanding();
  }

  /**
   * Deletes the sources paused for failing (those {@link #changeMany} paused) in one request, its
   * count asked first by a dry run (not timed), against a bare DELETE of the same rows on the copy.
   * Each source is deleted as a single DELETE deletes it, in its own transaction: the ratio is that
   * against one statement.
   */
  private void deleteMany() throws Exception {
    String filters = "status=paused&minErrors=1";
    long expect = number(api.delete("/api/v1/sources?" + filters + "&dryRun=true", 200), "selected");
    compare("DELETE /api/v1/sources?" + filters + "&expect=N", ROWS, 1,
        () -> number(api.delete("/api/v1/sources?" + filters + "&expect=" + expect, 200), "deleted"),
        () -> copy.update("DELETE FROM %s WHERE status = 'paused' AND consecutive_errors >= 1"));
    requireSameStanding();
  }

  private void export() throws Exception {
    OutputStream sink = OutputStream.nullOutputStream();
    compareWatchingHeap("GET /api/v1/sources/export", BYTES, () -> api.download("/api/v1/sources/export", sink), () -> copy.stream(sink));
  }

  /**
   * Runs the two sides {@code runs} times in turn, after two unmeasured runs of each when {@code
   * runs} is more than one, and prints the medians and their ratio.
   */
  private void compare(String what, boolean rows, int runs, Work syndicSide, Work reference) throws Exception {
    if (runs > 1) {
      for (int w = 0; w < 2; w++) {
        syndicSide.run();
        reference.run();
      }
    }
    Measure[] s = new Measure[runs];
    Measure[] r = new Measure[runs];
    for (int i = 0; i < runs; i++) {
      s[i] = measure(syndicSide);
      r[i] = measure(reference);
    }
    report(what, rows, median(s), median(r), runs > 1 ? "median of " + runs : "");
  }

  /** Runs each side once, Syndic's first, and prints the peak of the heap while it ran. */
  private void compareWatchingHeap(String what, boolean rows, Work syndicSide, Work reference) throws Exception {
    HeapWatch heap = new HeapWatch();
    Measure s = measure(syndicSide);
    heap.stop();
    Measure r = measure(reference);
    report(what, rows, s, r, String.format("peak heap %d MB (%d MB live before)", heap.peakUsed >> 20, heap.startUsed >> 20));
  }

  private static Measure measure(Work work) throws Exception {
    long t0 = System.nanoTime();
    long count = work.run();
    return new Measure((System.nanoTime() - t0) / 1e6, count);
  }

  private static Measure median(Measure[] runs) {
    Measure[] sorted = runs.clone();
    Arrays.sort(sorted, (a, b) -> Double.compare(a.millis(), b.millis()));
    return sorted[sorted.length / 2];
  }

  private static void report(String what, boolean rows, Measure s, Measure r, String note) {
    System.out.printf("RESULT %-74s syndic %9.1f ms (%,d)  reference %9.1f ms (%,d)  ratio %.2f  %s%n", what, s.millis(), s.count(), r.millis(),
        r.count(), r.millis() / s.millis(), note);
    if (rows && s.count() != r.count()) {
      throw new IllegalStateException(what + ": Syndic handled " + s.count() + " rows, the reference " + r.count());
    }
  }

  /** The rows Syndic stored and the copy's stand alike (by category, enabled and status), or the run stops. */
  private void requireSameStanding() {
    String stored = SourceCopy.standing(syndic, "source");
    String copied = SourceCopy.standing(syndic, SourceCopy.TABLE);
    if (!stored.equals(copied)) {
      throw new IllegalStateException("the copy's rows differ from Syndic's:\n  source: " + stored + "\n  copy:   " + copied);
    }
  }

  /** Cleans up after a step's writes, as autovacuum would have soon after, so the next step does not pay for it. */
  private void vacuum() {
    syndic.execute("VACUUM ANALYZE source");
    syndic.execute("VACUUM ANALYZE " + SourceCopy.TABLE);
  }

  private static long number(Map<String, Object> answer, String field) {
    return ((Number) answer.get(field)).longValue();
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0] + " (1 min)";
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
