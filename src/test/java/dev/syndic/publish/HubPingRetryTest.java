package dev.syndic.publish;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Await;
import dev.syndic.support.FeedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A ping the hub refuses is tried again later, not at every check: a hub that is down, or that
 * refuses one topic for good (some take no JSON Feed), was asked again every few seconds, with a
 * WARN line each time, for as long as it refused.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubPingRetryTest implements TestPropertyProvider {

  private final FeedServer hub = FeedServer.start();
  private final List<String> pings = new CopyOnWriteArrayList<>();

  @Override
  public Map<String, String> getProperties() {
    hub.handle("/hub", exchange -> {
      String ping = URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      pings.add(ping);
      FeedServer.reply(exchange, ping.endsWith(".json") ? 400 : 204, new byte[0]);
    });
    return Map.of("syndic.websub.hub", hub.url("/hub"), "syndic.site.base-url", "https://feeds.example.test", "syndic.websub.check", "100ms");
  }

  @AfterAll
  void stop() {
    hub.close();
  }

  @Test
  void aRefusedPingIsNotRepeatedAtEveryCheck() throws Exception {
    Await.until("the first pings", Duration.ofSeconds(10), () -> count("/feeds/all.json") >= 1 && count("/feeds/all.rss") >= 1);

    Thread.sleep(2_000); // some twenty checks

    assertTrue(count("/feeds/all.json") <= 2, "asked again at every check: " + count("/feeds/all.json"));
    assertTrue(count("/feeds/all.rss") == 1, "an accepted ping is not repeated: " + count("/feeds/all.rss"));
  }

  private long count(String path) {
    return pings.stream().filter(p -> p.endsWith("hub.url=https://feeds.example.test" + path)).count();
  }
}
