package dev.syndic.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A host that answers 429 is left alone as a whole for the time it asks: its other sources are
 * not fetched meanwhile, and each says why. (A class of its own: the pause holds the local
 * feed server's host for the rest of the application context.)
 */
@MicronautTest(transactional = false)
class HostPauseTest extends FeedServerTest {

  @Test
  void a429LeavesTheHostsOtherSourcesAloneUntilTheTimeItAsked() {
    server.serve("/limited.xml", 429, "slow down".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain", "Retry-After", "600");
    server.serve("/neighbour.xml", Fixtures.rss(new String[] {"n-1", "A neighbour's story", "<p>Words.</p>"}));
    long limited = api.addSource(server.url("/limited.xml"));
    long neighbour = api.addSource(server.url("/neighbour.xml"));

    assertEquals(429, ((Number) api.poll(limited).get("httpStatus")).intValue());
    Instant afterLimit = Instant.now();
    Map<String, Object> fetch = api.poll(neighbour);

    assertEquals("error", fetch.get("outcome"));
    String error = (String) fetch.get("error");
    assertTrue(error.contains("429 Too Many Requests") && error.contains("left alone until"), error);
    assertEquals(0, server.hits("/neighbour.xml"), "the host is not asked again meanwhile");
    Map<String, Object> source = api.body(HttpRequest.GET("/api/v1/sources/" + neighbour));
    Instant next = Instant.parse((String) source.get("nextPollAt"));
    assertFalse(next.isBefore(afterLimit.plus(Duration.ofMinutes(9))), "next poll " + next + " once the host's ten minutes are over");
  }
}
