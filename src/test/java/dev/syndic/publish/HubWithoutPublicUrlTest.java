package dev.syndic.publish;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hub configured without {@code syndic.site.base-url} is never pinged (the hub needs the public
 * addresses), so no feed names it: a reader that subscribed through it would wait for pushes that
 * never come, and poll the feed rarely or never.
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.websub.hub", value = "https://hub.example.test/")
class HubWithoutPublicUrlTest {

  @Inject
  @Client("/")
  HttpClient http;

  @ParameterizedTest
  @ValueSource(strings = {"/feeds/ai.rss", "/feeds/all.atom", "/feeds/ai.json"})
  void noFeedNamesAHubThatIsNeverPinged(String path) {
    String feed = http.toBlocking().retrieve(path);
    assertFalse(feed.contains("hub.example.test"), () -> path + " names the hub: " + feed);
  }
}
