package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.ingest.SchedulerTicks;
import dev.syndic.support.Api;
import dev.syndic.support.Await;
import dev.syndic.support.FeedServer;
import dev.syndic.support.StoryFeed;
import dev.syndic.support.TestPostgres;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under a running Syndic and started again on the same port and data: while it
 * is down {@code /health} says so within the pool's connection timeout and the scheduler keeps
 * ticking; once it is back the same Syndic, not restarted, is healthy again, polls every source
 * again and answers the API and the feeds.
 */
class DatabaseOutageTest {

  private static final int SOURCES = 4;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void recoversFromADatabaseRestartWithoutARestartOfItsOwn() throws Exception {
    try (TestPostgres pg = TestPostgres.start(); FeedServer feeds = FeedServer.start()) {
      for (int s = 0; s < SOURCES; s++) {
        feeds.serve("/o" + s + ".xml", StoryFeed.rss("o" + s, 5), "application/rss+xml");
      }
      try (ApplicationContext context = ApplicationContext.run(settings(pg), "test")) {
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        String base = "http://127.0.0.1:" + server.getPort();
        for (int s = 0; s < SOURCES; s++) {
          pg.update("INSERT INTO source (url, default_category) VALUES (?, 'ai')", feeds.url("/o" + s + ".xml"));
        }
        Await.until("every source polled", Duration.ofSeconds(30), () -> pg.number("SELECT count(*) FROM source WHERE last_success_at IS NOT NULL") == SOURCES);
        assertEquals(200, get(base, "/health", null).statusCode());
        assertEquals(200, get(base, "/feeds/ai.rss", null).statusCode());

        pg.stop();
        Instant stopped = Instant.now();
        HttpResponse<String> down = awaitStatus(base, "/health", 503, Duration.ofSeconds(20));
        assertTrue(down.body().contains("DOWN"), down.body());
        assertTrue(Duration.between(stopped, Instant.now()).toSeconds() < 15, "health reported the outage within the connection timeout");
        SchedulerTicks ticks = context.getBean(SchedulerTicks.class);
        Await.until("the scheduler ticks on while the database is down", Duration.ofSeconds(20),
            () -> ticks.last().orElseThrow().isAfter(stopped.plusSeconds(1)));

        pg.startAgain();
        Instant restarted = Instant.now();
        awaitStatus(base, "/health", 200, Duration.ofSeconds(30));
        Await.until("every source polled again", Duration.ofSeconds(30),
            () -> pg.number("SELECT count(DISTINCT source_id) FROM fetch_log WHERE started_at > ? AND outcome <> 'error'",
                Timestamp.from(restarted)) == SOURCES);
        assertEquals(200, get(base, "/feeds/ai.rss", null).statusCode());
        assertEquals(200, get(base, "/feeds/all.json", null).statusCode());
        HttpResponse<String> sources = get(base, "/api/v1/sources", Api.TOKEN);
        assertEquals(200, sources.statusCode(), sources.body());
        assertTrue(sources.body().contains(feeds.url("/o0.xml")), sources.body());
      }
    }
  }

  private static Map<String, Object> settings(TestPostgres pg) {
    Map<String, Object> settings = pg.instanceSettings();
    settings.put("syndic.poll.enabled", true);
    settings.put("syndic.poll.tick", "200ms");
    settings.put("syndic.poll.lease", "5s");
    // Every source due again within a second, so polls go on all the time.
    settings.put("syndic.poll.min-interval", "500ms");
    settings.put("syndic.poll.max-interval", "1s");
    settings.put("syndic.poll.error-backoff", "500ms");
    settings.put("syndic.fetch.per-host-concurrency", 8);
    return settings;
  }

  private static HttpResponse<String> get(String base, String path, String bearer) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> awaitStatus(String base, String path, int status, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpResponse<String> last;
    do {
      last = get(base, path, null);
      if (last.statusCode() == status) {
        return last;
      }
      Await.pause(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(path + " did not answer " + status + " within " + timeout + "; last: " + last.statusCode() + " " + last.body());
  }

}
