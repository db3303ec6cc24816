package dev.syndic.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.source.FetchRecord;
import dev.syndic.source.ScheduleUpdate;
import dev.syndic.source.Source;
import dev.syndic.source.SourceSchedule;
import dev.syndic.support.Api;
import dev.syndic.support.Fixtures;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Several schedulers sharing one database, leases, 410 Gone and feed autodiscovery. */
@MicronautTest(transactional = false)
@Property(name = "syndic.catalogue.import-on-first-start", value = "false")
@Property(name = "syndic.fetch.per-host-concurrency", value = "50")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PollingEngineTest {

  static final int SOURCES = 40;

  @Inject
  @Client("/")
  HttpClient http;

  @Inject
  SourceSchedule schedule;

  @Inject
  Poller poller;

  @Inject
  PollRecorder recorder;

  @Inject
  io.micronaut.data.jdbc.runtime.JdbcOperations jdbc;

  @Inject
  io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx;

  HttpServer server;
  final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  final AtomicInteger overlaps = new AtomicInteger();
  Api api;

  @BeforeAll
  void start() throws Exception {
    api = new Api(http.toBlocking());
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      if (inFlight.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      try {
        byte[] body;
        int status = 200;
        String type = "application/rss+xml";
        if (path.equals("/gone.xml")) {
          status = 410;
          body = new byte[0];
        } else if (path.equals("/loop/feed.xml")) {
          // A feed that sends its readers to its site's page for now, which announces the feed.
          status = 302;
          body = new byte[0];
          exchange.getResponseHeaders().set("Location", "/loop/");
        } else if (path.startsWith("/failing/")) {
          status = 500;
          body = new byte[0];
        } else if (path.equals("/blog/") || path.equals("/broken-blog/") || path.equals("/shop/") || path.equals("/outlet/about/")
            || path.equals("/loop/") || path.startsWith("/held-") && path.endsWith("/")) {
          type = "text/html";
          String feed = path.equals("/blog/") ? "/blog/feed.xml" : path.equals("/shop/") ? "/shop/feed.xml"
              : path.equals("/outlet/about/") ? "/outlet/feed.xml" : path.equals("/loop/") ? "/loop/feed.xml"
              : path.startsWith("/held-") ? path + "feed.xml" : "/failing/blog.xml";
          body = ("<html><head><title>A blog</title><link rel=\"alternate\" type=\"application/rss+xml\" href=\"" + feed + "\">"
              + "</head><body><h1>Welcome</h1></body></html>").getBytes(StandardCharsets.UTF_8);
        } else {
          Thread.sleep(50);
          body = Fixtures.rss(new String[] {path + "-1", "Story of " + path, "<p>Words of " + path + "</p>"});
        }
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.get(path).decrementAndGet();
        exchange.close();
      }
    });
    server.start();
  }

  @AfterAll
  void stop() {
    server.stop(0);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  void fourSchedulersPollEachDueSourceExactlyOnce() throws Exception {
    for (int i = 0; i < SOURCES; i++) {
      api.addSource(url("/many/" + i + ".xml"));
    }
    ExecutorService instances = Executors.newFixedThreadPool(4);
    List<Future<Integer>> polled = new ArrayList<>();
    for (int n = 0; n < 4; n++) {
      String owner = "instance-" + n;
      polled.add(instances.submit(() -> {
        int count = 0;
        List<Source> claimed;
        while (!(claimed = schedule.claimDue(owner, 3, Duration.ofMinutes(1))).isEmpty()) {
          for (Source s : claimed) {
            if (s.url().contains("/many/")) {
              poller.poll(s);
              count++;
            } else {
              schedule.defer(s.id(), java.time.Instant.now().plus(Duration.ofHours(1)));
            }
          }
        }
        return count;
      }));
    }
    int total = 0;
    int busiest = 0;
    for (Future<Integer> f : polled) {
      int n = f.get();
      total += n;
      busiest = Math.max(busiest, n);
    }
    instances.shutdown();
    recorder.flush();
    assertEquals(SOURCES, total, "every due source polled once in all");
    assertTrue(busiest < SOURCES, "the work was shared");
    for (int i = 0; i < SOURCES; i++) {
      assertEquals(1, hits.get("/many/" + i + ".xml").get(), "source " + i + " fetched once");
    }
    assertEquals(0, overlaps.get(), "no source fetched twice at once");
    assertTrue(schedule.claimDue("instance-late", 100, Duration.ofMinutes(1)).isEmpty(), "nothing is due again before its interval");
  }

  @Test
  void theSchedulersQueuedPollsAreEachRecordedWithTheirOwnOutcome() throws Exception {
    List<Long> ok = new ArrayList<>();
    List<Long> failing = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ok.add(api.addSource(url("/batch/" + i + ".xml")));
      failing.add(api.addSource(url("/failing/" + i + ".xml")));
    }
    List<Long> all = new ArrayList<>(ok);
    all.addAll(failing);
    List<Source> claimed = new ArrayList<>();
    for (long id : all) {
      claimed.add(schedule.claim(id, "batch-instance", Duration.ofMinutes(1)).orElseThrow());
    }
    ExecutorService threads = Executors.newFixedThreadPool(6);
    for (Future<?> f : threads.invokeAll(claimed.stream().map(s -> (java.util.concurrent.Callable<Object>) () -> {
      poller.poll(s);
      return null;
    }).toList())) {
      f.get();
    }
    threads.shutdown();
    recorder.flush();

    for (long id : ok) {
      Map<String, Object> source = api.body(HttpRequest.GET("/api/v1/sources/" + id));
      assertEquals("active", source.get("status"));
      assertTrue(source.get("lastSuccessAt") != null, () -> "recorded as a success: " + source);
      List<Map<String, Object>> fetches = api.entriesOf("/api/v1/sources/" + id + "/fetches?limit=10");
      assertEquals(1, fetches.size());
      assertEquals("ok", fetches.get(0).get("outcome"));
      assertEquals(1, ((Number) fetches.get(0).get("newEntries")).intValue());
    }
    for (long id : failing) {
      Map<String, Object> source = api.body(HttpRequest.GET("/api/v1/sources/" + id));
      assertEquals("error", source.get("status"));
      assertEquals(1, ((Number) source.get("consecutiveErrors")).intValue());
      assertTrue(((String) source.get("lastError")).contains("HTTP 500"), () -> "lastError: " + source);
      List<Map<String, Object>> fetches = api.entriesOf("/api/v1/sources/" + id + "/fetches?limit=10");
      assertEquals(1, fetches.size());
      assertEquals(500, ((Number) fetches.get(0).get("httpStatus")).intValue());
    }
    for (long id : all) {
      assertTrue(schedule.claim(id, "next-instance", Duration.ofMinutes(1)).isPresent(), "claim " + id + " released once recorded");
    }
  }

  @Test
  void aPollOfASourceDeletedMeanwhileDoesNotCostTheOthersTheirRecords() {
    long kept = api.addSource(url("/kept.xml"));
    long deleted = api.addSource(url("/deleted.xml"));
    Instant now = Instant.now();
    List<SourceSchedule.Completion> batch = new ArrayList<>();
    for (long id : List.of(kept, deleted)) {
      Source claimed = schedule.claim(id, "batch-instance", Duration.ofMinutes(1)).orElseThrow();
      FetchRecord record = new FetchRecord(null, id, now, 5, "not_modified", 304, 0, 0, 0, 0, null, null);
      batch.add(new SourceSchedule.Completion(record, claimed, now.minus(Duration.ofDays(7)), recent -> new ScheduleUpdate(now,
          now.plus(Duration.ofHours(1)), Source.ACTIVE, null, 0, null, true, false, null, null, null, null, null, null, null)));
    }
    api.call(HttpRequest.DELETE("/api/v1/sources/" + deleted));

    recorder.write(batch);

    List<Map<String, Object>> fetches = api.entriesOf("/api/v1/sources/" + kept + "/fetches?limit=10");
    assertEquals(1, fetches.size(), "the kept source's poll is recorded");
    assertEquals("not_modified", fetches.get(0).get("outcome"));
    assertTrue(schedule.claim(kept, "next-instance", Duration.ofMinutes(1)).isPresent(), "and its claim released");
  }

  /** The JDK client's "Invalid header value" quotes a hostile header whole, NUL included. */
  @Test
  void anErrorTextHoldingANulIsRecordedWithTheNulEscaped() {
    long id = api.addSource(url("/nul-header.xml"));
    Instant now = Instant.now();
    Source claimed = schedule.claim(id, "batch-instance", Duration.ofMinutes(1)).orElseThrow();
    String error = "could not fetch (ProtocolException: Invalid header value \"X-Junk: a\u0000b\")";
    FetchRecord record = new FetchRecord(null, id, now, 5, "error", null, 0, 0, 0, 0, error, null);
    recorder.write(List.of(new SourceSchedule.Completion(record, claimed, null, recent -> new ScheduleUpdate(now,
        now.plus(Duration.ofHours(1)), Source.ERROR, null, 1, error, false, false, null, null, null, null, null, null, null))));

    List<Map<String, Object>> fetches = api.entriesOf("/api/v1/sources/" + id + "/fetches?limit=10");
    assertEquals(1, fetches.size());
    assertEquals("could not fetch (ProtocolException: Invalid header value \"X-Junk: a\\u0000b\")", fetches.get(0).get("error"));
    Map<String, Object> source = api.body(HttpRequest.GET("/api/v1/sources/" + id));
    assertEquals(fetches.get(0).get("error"), source.get("lastError"));
    assertEquals(1, ((Number) source.get("consecutiveErrors")).intValue(), "the error counts, so the source backs off");
  }

  /** A value PostgreSQL refuses (here a NUL in a feed's title) costs the others nothing, and its own poll only its result. */
  @Test
  void aPollWithAValuePostgresqlRefusesDoesNotCostTheOthersTheirRecords() {
    long kept = api.addSource(url("/kept-22.xml"));
    long refused = api.addSource(url("/refused-22.xml"));
    Instant now = Instant.now();
    List<SourceSchedule.Completion> batch = new ArrayList<>();
    for (long id : List.of(kept, refused)) {
      Source claimed = schedule.claim(id, "batch-instance", Duration.ofMinutes(1)).orElseThrow();
      FetchRecord record = new FetchRecord(null, id, now, 5, "ok", 200, 10, 0, 0, 0, null, null);
      String title = id == refused ? "a\u0000b" : "fine";
      batch.add(new SourceSchedule.Completion(record, claimed, null, recent -> new ScheduleUpdate(now,
          now.plus(Duration.ofHours(1)), Source.ACTIVE, null, 0, null, true, true, null, null, null, null, title, null, null)));
    }

    recorder.write(batch);

    assertEquals(1, api.entriesOf("/api/v1/sources/" + kept + "/fetches?limit=10").size(), "the kept source's poll is recorded");
    assertTrue(schedule.claim(kept, "next-instance", Duration.ofMinutes(1)).isPresent(), "and its claim released");
    List<Map<String, Object>> refusedFetches = api.entriesOf("/api/v1/sources/" + refused + "/fetches?limit=10");
    assertEquals(1, refusedFetches.size(), "the refused one is recorded as an error");
    assertTrue(((String) refusedFetches.get(0).get("error")).startsWith("Syndic could not store this poll's result"), refusedFetches::toString);
    Map<String, Object> source = api.body(HttpRequest.GET("/api/v1/sources/" + refused));
    assertEquals(1, ((Number) source.get("consecutiveErrors")).intValue(), "so it backs off");
    assertEquals(null, source.get("title"), "and nothing of the refused result is stored");
    assertTrue(schedule.claim(refused, "next-instance", Duration.ofMinutes(1)).isPresent(), "its claim released");
  }

  @Test
  void aPollRecordedAfterItsLeaseRanOutLeavesTheNewClaimAlone() throws Exception {
    long id = api.addSource(url("/late.xml"));
    Source old = schedule.claim(id, "slow-instance", Duration.ofMillis(200)).orElseThrow();
    Thread.sleep(300);
    assertTrue(schedule.claim(id, "next-instance", Duration.ofMinutes(1)).isPresent(), "taken over after the lease");
    Instant now = Instant.now();
    FetchRecord record = new FetchRecord(null, id, now, 5, "not_modified", 304, 0, 0, 0, 0, null, null);

    recorder.write(List.of(new SourceSchedule.Completion(record, old, null, recent -> new ScheduleUpdate(now, now.plus(Duration.ofHours(5)),
        Source.ACTIVE, null, 0, null, true, false, null, null, null, null, null, null, null))));

    assertEquals(1, api.entriesOf("/api/v1/sources/" + id + "/fetches?limit=10").size(), "the late poll is in the history");
    assertTrue(schedule.claim(id, "third-instance", Duration.ofMinutes(1)).isEmpty(), "the newer claim still holds");
  }

  @Test
  void aClaimBlocksOtherInstancesUntilItsLeaseRunsOut() throws Exception {
    long id = api.addSource(url("/lease.xml"));
    Source claimed = schedule.claim(id, "crashed-instance", Duration.ofMillis(700)).orElseThrow();
    assertEquals(id, claimed.id());
    assertTrue(schedule.claim(id, "other", Duration.ofMinutes(1)).isEmpty(), "held by the first claim");
    Thread.sleep(900);
    assertTrue(schedule.claim(id, "other", Duration.ofMinutes(1)).isPresent(), "taken over once the lease expired");
  }

  @Test
  void goneSourcesArePausedWithTheReasonVisible() {
    long id = api.addSource(url("/gone.xml"));
    Map<String, Object> fetch = api.poll(id);
    assertEquals(410, ((Number) fetch.get("httpStatus")).intValue());
    Map<String, Object> source = api.body(HttpRequest.GET("/api/v1/sources/" + id));
    assertEquals("paused", source.get("status"));
    assertTrue(((String) source.get("statusReason")).contains("410"));
    assertTrue(schedule.claimDue("x", 100, Duration.ofMinutes(1)).stream().noneMatch(s -> s.id() == id));
  }

  @Test
  void aSourceAddedByItsWebPageFindsTheFeedThePageAnnounces() {
    long id = api.addSource(url("/blog/"));
    Map<String, Object> fetch = api.poll(id);
    assertEquals("ok", fetch.get("outcome"), () -> "fetch: " + fetch);
    assertEquals(1, api.entries("source=" + id).size());
    assertEquals(url("/blog/feed.xml"), api.body(HttpRequest.GET("/api/v1/sources/" + id)).get("url"), "the source now polls the feed");
  }

  /**
   * A page whose feed another source already polls: the source would read that feed a second time
   * (every entry stored twice), and could not take its address (the other source has it), so it
   * read the page again at every later poll and failed there ("an HTML page, not a feed"), with
   * a longer backoff each time. It is paused at its first poll instead, reading nothing, with the
   * reason an admin needs.
   */
  @Test
  void aPageWhoseFeedAnotherSourcePollsPausesItsSourceAndSaysWhich() {
    long feed = api.addSource(url("/shop/feed.xml"));
    assertEquals("ok", api.poll(feed).get("outcome"));
    long page = api.addSource(url("/shop/"));

    Map<String, Object> first = api.poll(page);
    Map<String, Object> second = api.poll(page);

    Map<String, Object> source = api.body(HttpRequest.GET("/api/v1/sources/" + page));
    assertEquals("paused", source.get("status"), () -> "source: " + source + ", polls: " + first + ", " + second);
    String reason = (String) source.get("statusReason");
    assertTrue(reason.contains(url("/shop/feed.xml")) && reason.contains("source " + feed), reason);
    assertEquals(url("/shop/"), source.get("url"), "keeps the address it was given");
    assertEquals(first.get("error"), second.get("error"), "the same reason again, not an error of its own");
    assertEquals(0, api.entries("source=" + page).size(), "the other source's entries are not stored twice");
    assertEquals(1, hits.get("/shop/feed.xml").get(), "the feed is read by its own source only");
    assertTrue(schedule.claimDue("x", 100, Duration.ofMinutes(1)).stream().noneMatch(s -> s.id() == page), "not polled again");
  }

  /**
   * A page whose feed is the address of a source an admin disabled or paused: the source is
   * paused as well (it cannot take that address), but its reason said the other source "already
   * polls" the feed, which it does not.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"{\"enabled\": false} | disabled", "{\"status\": \"paused\"} | paused"})
  void aPageWhoseFeedIsTheAddressOfASourceNotPolledSaysSo(String patch, String state) {
    long feed = api.addSource(url("/held-" + state + "/feed.xml"));
    api.body(HttpRequest.PATCH("/api/v1/sources/" + feed, patch).contentType("application/json"));
    long page = api.addSource(url("/held-" + state + "/"));

    api.poll(page);

    Map<String, Object> source = api.body(HttpRequest.GET("/api/v1/sources/" + page));
    assertEquals("paused", source.get("status"), () -> "source: " + source);
    assertEquals("this page announces the feed " + url("/held-" + state + "/feed.xml") + ", the address of source " + feed + ", which is "
        + state + " (not polled) but keeps that address: delete one of the two and resume the other (enable it, if disabled), or give"
        + " this one another address and resume it", source.get("statusReason"));
    assertEquals(null, hits.get("/held-" + state + "/feed.xml"), "the feed is not read");
  }

  /**
   * A source an earlier version left reading a page whose feed another source polls (it read that
   * feed once, could not take its address, and failed at the page ever since) is paused at its next
   * poll, with the same reason.
   */
  @Test
  void aSourceLeftFailingAtSuchAPageIsPausedAtItsNextPoll() {
    long feed = api.addSource(url("/outlet/feed.xml"));
    long page = api.addSource(url("/outlet/about/"));
    tx.executeWrite(s -> jdbc.prepareStatement("UPDATE source SET last_success_at = now() - interval '1 day', consecutive_errors = 3"
        + " WHERE id = ?", ps -> {
          ps.setLong(1, page);
          return ps.executeUpdate();
        }));

    api.poll(page);

    Map<String, Object> source = api.body(HttpRequest.GET("/api/v1/sources/" + page));
    assertEquals("paused", source.get("status"), () -> "source: " + source);
    assertTrue(((String) source.get("statusReason")).contains("source " + feed), () -> "source: " + source);
  }

  /**
   * A feed that redirects for now to a page announcing the feed's own address: no other source
   * polls it, so the source fails as a page whose feed cannot be read, and is not paused as the
   * duplicate of itself. Ids past 127, which Java does not keep one object each for: compared as
   * objects, the source was not the one holding its own address.
   */
  @Test
  void aFeedRedirectingToAPageThatAnnouncesItIsNotItsOwnDuplicate() {
    tx.executeWrite(s -> jdbc.prepareStatement(
        "SELECT setval(pg_get_serial_sequence('source', 'id'), GREATEST(1000, (SELECT max(id) FROM source)))", ps -> ps.execute()));
    long id = api.addSource(url("/loop/feed.xml"));

    Map<String, Object> poll = api.poll(id);

    Map<String, Object> source = api.body(HttpRequest.GET("/api/v1/sources/" + id));
    assertEquals("error", source.get("status"), () -> "source: " + source + ", poll: " + poll);
    assertFalse(String.valueOf(poll.get("error")).contains("already polls"), () -> "poll: " + poll);
  }

  @Test
  void aPageWhoseAnnouncedFeedFailsSaysWhy() {
    long id = api.addSource(url("/broken-blog/"));
    Map<String, Object> fetch = api.poll(id);
    assertEquals("error", fetch.get("outcome"));
    String error = (String) fetch.get("error");
    assertTrue(error.contains(url("/failing/blog.xml")) && error.contains("500"), () -> "the announced feed's own failure: " + error);
  }
}
