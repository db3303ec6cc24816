package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.syndic.ingest.Poller;
import dev.syndic.support.Api;
import dev.syndic.support.Await;
import dev.syndic.support.FeedServer;
import dev.syndic.support.Fixtures;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * An admin's poll of a source whose host has no free slot (this instance's other requests to it
 * hang) is answered, after a bounded wait, with 503 and Retry-After naming the busy host, not with
 * a 409 saying that a poll of the source is already running; the log says why it was not made.
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.fetch.per-host-concurrency", value = "1")
@Property(name = "syndic.catalogue.import-on-first-start", value = "false")
class BusyHostPollTest {

  @Inject
  @Client("/")
  HttpClient http;

  @Test
  void aPollByHandOfASourceWhoseHostHangsAnswers503WithRetryAfter() {
    CountDownLatch release = new CountDownLatch(1);
    Api api = new Api(http.toBlocking());
    try (FeedServer server = FeedServer.start()) {
      server.handle("/hanging.xml", exchange -> {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        FeedServer.reply(exchange, 503, new byte[0]);
      });
      server.serve("/neighbour.xml", Fixtures.rss(new String[] {"nb-1", "A neighbour's story", "<p>Words.</p>"}));
      long hanging = api.addSource(server.url("/hanging.xml"));
      long neighbour = api.addSource(server.url("/neighbour.xml"));
      assertEquals(202, api.call(HttpRequest.POST("/api/v1/sources/" + hanging + "/poll", "")).code());
      Await.until("the hanging poll holds the host's slot", Duration.ofSeconds(10), () -> server.hits("/hanging.xml") == 1);

      Logger logger = (Logger) LoggerFactory.getLogger(Poller.class);
      ListAppender<ILoggingEvent> logs = new ListAppender<>();
      logs.start();
      logger.addAppender(logs);
      long t0 = System.nanoTime();
      HttpResponse<Map<String, Object>> busy;
      try {
        busy = api.call(HttpRequest.POST("/api/v1/sources/" + neighbour + "/poll?wait=true", ""));
      } finally {
        logger.detachAppender(logs);
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;

      assertEquals(503, busy.code(), () -> String.valueOf(busy.getBody(Map.class).orElse(null)));
      assertEquals("40", busy.header("Retry-After"), "the hanging request ends within connect + read timeout");
      String detail = (String) busy.getBody(Map.class).orElseThrow().get("detail");
      assertTrue(detail.contains("127.0.0.1 had no free slot") && !detail.contains("already running"), detail);
      assertTrue(ms < 20_000, "answered after a bounded wait, not " + ms + " ms");
      assertEquals(0, server.hits("/neighbour.xml"), "not polled");
      // Said in the log too, for a poll asked for without waiting (202), which answers nothing more.
      assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("source_id=" + neighbour + " ")
          && e.getFormattedMessage().contains("status=deferred host=127.0.0.1")), () -> logs.list.toString());

      release.countDown();
      Await.until("the hanging poll has ended", Duration.ofSeconds(10),
          () -> api.body(HttpRequest.GET("/api/v1/sources/" + hanging)).get("lastPolledAt") != null);
      assertEquals("ok", api.poll(neighbour).get("outcome"), "polled once the host has a slot");
    } finally {
      release.countDown();
    }
  }
}
