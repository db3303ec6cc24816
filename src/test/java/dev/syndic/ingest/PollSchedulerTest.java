package dev.syndic.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Api;
import dev.syndic.support.FeedServer;
import dev.syndic.support.Fixtures;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The background scheduler polls due sources, and a broken one does not stop the others. */
@MicronautTest(transactional = false)
@Property(name = "syndic.poll.enabled", value = "true")
@Property(name = "syndic.poll.tick", value = "200ms")
@Property(name = "syndic.catalogue.import-on-first-start", value = "false")
class PollSchedulerTest {

  @Inject
  @Client("/")
  HttpClient http;

  @Test
  void brokenSourceIsRecordedAsAnErrorWhileOthersArePolled() throws Exception {
    try (FeedServer server = FeedServer.start()) {
      Api api = new Api(http.toBlocking());
      server.serve("/broken.xml", "<rss><channel><item><title>unclosed".getBytes(StandardCharsets.UTF_8));
      server.serve("/down.xml", 500, "oops".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain");
      server.serve("/good.xml", Fixtures.rss(new String[] {"g-1", "Good story", "<p>fine</p>"}, new String[] {"g-2", "Another", "<p>ok</p>"}));
      long down = api.addSource(server.url("/down.xml"));
      long good = api.addSource(server.url("/good.xml"));

      await(() -> server.hits("/down.xml") > 0 && api.entries("source=" + good).size() == 2);

      Map<String, Object> failing = api.body(HttpRequest.GET("/api/v1/sources/" + down));
      await(() -> "error".equals(api.body(HttpRequest.GET("/api/v1/sources/" + down)).get("status")));
      failing = api.body(HttpRequest.GET("/api/v1/sources/" + down));
      assertTrue(((String) failing.get("lastError")).contains("HTTP 500"), () -> "lastError: " + api.body(HttpRequest.GET("/api/v1/sources/" + down)));
      assertEquals("active", api.body(HttpRequest.GET("/api/v1/sources/" + good)).get("status"));
      assertEquals(1, server.hits("/good.xml"), "a healthy source is not polled again before its interval");
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(100);
    }
  }
}
