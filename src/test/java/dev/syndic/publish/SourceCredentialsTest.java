package dev.syndic.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A source subscribed with credentials in its address (https://user:password@host/feed, sent as
 * Basic authentication) is attributed without them: the address is the admin's, not the public's.
 * JSON Feed's {@code _source.feed_url}, Atom's source id and self link, RSS's {@code <source url>},
 * the partner API's {@code source.feedUrl} and, for a feed without a title, the source's name
 * (an item's author, the disclaimer's {source}, the home page) wrote the password out.
 */
@MicronautTest(transactional = false)
class SourceCredentialsTest extends FeedServerTest {

  private String partnerKey;

  @BeforeAll
  void subscribeAFeedBehindAPassword() {
    byte[] untitled = new String(Fixtures.rss(new String[] {"cred-1", "大模型发布会在北京举行", "<p>人工智能大模型今日发布。</p>"}),
        StandardCharsets.UTF_8).replace("<title>Test feed</title>", "<title></title>").getBytes(StandardCharsets.UTF_8);
    server.serve("/private.xml", untitled, "application/rss+xml");
    String address = "http://reader:Pa55word@127.0.0.1:" + server.port() + "/private.xml";
    long id = ((Number) api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", address, "category", "ai"))).get("id")).longValue();
    assertEquals("ok", api.poll(id).get("outcome"));
    partnerKey = (String) api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", "credentials", "categories", List.of("all")))).get("key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/feeds/ai.rss", "/feeds/ai.atom", "/feeds/ai.json", "/feeds/all.json", "/", "/partner/v1/entries?category=ai",
      "/partner/v1/feeds/ai.json"})
  void noPublicOutputCarriesThePassword(String path) {
    String body = http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(partnerKey));
    assertTrue(body.contains("大模型发布会在北京举行"), () -> path + " shows the story: " + body);
    assertFalse(body.contains("Pa55word"), () -> path + ": " + body);
    assertFalse(body.contains("reader:"), () -> path + ": " + body);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/feeds/ai.json", "/partner/v1/entries?category=ai"})
  void theSourceIsNamedByItsAddressWithoutTheCredentials(String path) {
    String body = http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(partnerKey));
    assertTrue(body.contains("http://127.0.0.1:" + server.port() + "/private.xml"), () -> path + ": " + body);
  }
}
