package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.ingest.PollNow;
import dev.syndic.support.Api;
import dev.syndic.support.FeedServer;
import dev.syndic.support.Fixtures;
import dev.syndic.support.TestPostgres;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping an instance (SIGTERM, a rolling restart) lets the polls it has started finish and be
 * recorded before the database goes: Micronaut's graceful shutdown waits for the executors
 * ({@code micronaut.lifecycle.graceful-shutdown}), then the claims are released. Without it the
 * executors were only told to stop, the datasource closed under a poll still fetching, and that
 * poll's entries and fetch record were lost until the next poll of the source.
 */
class GracefulShutdownTest {

  @Test
  void aPollInFlightWhenTheInstanceStopsIsFinishedAndRecorded() throws Exception {
    try (TestPostgres pg = TestPostgres.start(); FeedServer feeds = FeedServer.start()) {
      CountDownLatch asked = new CountDownLatch(1);
      byte[] feed = Fixtures.rss(new String[] {"late-1", "A story served slowly", "<p>Words that take their time.</p>"});
      feeds.handle("/slow.xml", exchange -> {
        asked.countDown();
        try {
          Thread.sleep(1500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        FeedServer.reply(exchange, 200, feed, "Content-Type", "application/rss+xml");
      });
      Map<String, Object> settings = pg.handPolledSettings();
      ApplicationContext instance = ApplicationContext.run(settings, "test");
      long source;
      try {
        source = pg.number("INSERT INTO source (url) VALUES (?) RETURNING id", feeds.url("/slow.xml"));
        assertTrue(instance.getBean(PollNow.class).pollLater(source));
        assertTrue(asked.await(30, TimeUnit.SECONDS), "the poll reached the feed host");
      } finally {
        instance.close(); // while the host is still answering
      }
      assertEquals(1, pg.number("SELECT count(*) FROM fetch_log WHERE source_id = ? AND outcome = 'ok' AND new_entries = 1", source),
          "the poll finished and was recorded");
      assertEquals(1, pg.number("SELECT count(*) FROM entry WHERE source_id = ?", source), "its entry is stored");
      assertEquals(0, pg.number("SELECT count(*) FROM source WHERE id = ? AND claimed_by IS NOT NULL", source), "no claim is left");
    }
  }

  /**
   * A poll that outlasts the grace period is cut off unrecorded, and its claim released: a
   * scheduled poll's source was due already and is taken again at once, but an admin's poll of a
   * source due later (POST /poll, answered 202) vanished, with no fetch record and its next poll
   * hours away. A released source is due at once, and the log names it.
   */
  @Test
  void aPollCutOffByTheStopIsDueAgainAtOnce() throws Exception {
    try (TestPostgres pg = TestPostgres.start(); FeedServer feeds = FeedServer.start()) {
      CountDownLatch asked = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      byte[] feed = Fixtures.rss(new String[] {"cut-1", "A story served too slowly", "<p>Words.</p>"});
      feeds.handle("/hanging.xml", exchange -> {
        asked.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        FeedServer.reply(exchange, 200, feed, "Content-Type", "application/rss+xml");
      });
      Map<String, Object> settings = pg.handPolledSettings();
      settings.put("micronaut.lifecycle.graceful-shutdown.grace-period", "1s");
      ApplicationContext instance = ApplicationContext.run(settings, "test");
      long source;
      try {
        source = pg.number("INSERT INTO source (url, next_poll_at) VALUES (?, now() + interval '2 hours') RETURNING id",
            feeds.url("/hanging.xml"));
        assertTrue(instance.getBean(PollNow.class).pollLater(source));
        assertTrue(asked.await(30, TimeUnit.SECONDS), "the poll reached the feed host");
      } finally {
        instance.close(); // the host answers only after the grace period
        release.countDown();
      }
      assertEquals(0, pg.number("SELECT count(*) FROM source WHERE id = ? AND claimed_by IS NOT NULL", source), "no claim is left");
      assertEquals(1, pg.number("SELECT count(*) FROM source WHERE id = ? AND next_poll_at <= now()", source),
          "the source is due again, not in two hours");
    }
  }

  /** Once the poller takes no more work, an admin asking for a poll is told to ask again, not given a 500. */
  @Test
  void aPollAskedForWhileThePollerStopsIsAnswered503() throws Exception {
    try (TestPostgres pg = TestPostgres.start(); FeedServer feeds = FeedServer.start()) {
      feeds.serve("/any.xml", Fixtures.rss(new String[] {"a-1", "A story", "<p>Words.</p>"}));
      Map<String, Object> settings = pg.handPolledSettings();
      try (ApplicationContext instance = ApplicationContext.run(settings, "test")) {
        EmbeddedServer server = instance.getBean(EmbeddedServer.class).start();
        long source = pg.number("INSERT INTO source (url) VALUES (?) RETURNING id", feeds.url("/any.xml"));
        instance.getBean(ExecutorService.class, Qualifiers.byName("poller")).shutdown();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/api/v1/sources/" + source + "/poll"))
                .header("Authorization", "Bearer " + Api.TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(503, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("shutting down"), answer.body());
      }
    }
  }
}
