package dev.syndic.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A WebSub request to the hub a feed names: the feed's choice, so guarded as a fetch is. */
class HubRequestTest {

  @Test
  void aHubOnAnInternalAddressIsRefusedUnlessAllowed() {
    try (FeedServer server = FeedServer.start()) {
      AtomicReference<String> got = new AtomicReference<>();
      server.handle("/hub", exchange -> {
        got.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
            + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " " + exchange.getRequestHeaders().getFirst("User-Agent"));
        FeedServer.reply(exchange, 202, new byte[0]);
      });

      FeedFetcher.HubReply refused = FetchTesting.fetcher(false).postForm(server.uri("/hub"), "hub.mode=subscribe");

      assertEquals(0, refused.status());
      assertTrue(refused.problem().startsWith("refused " + server.url("/hub") + ": the host 127.0.0.1 resolves to the internal address"),
          refused.problem());
      assertNull(got.get(), "nothing sent");

      FeedFetcher.HubReply sent = FetchTesting.fetcher(true).postForm(server.uri("/hub"), "hub.mode=subscribe");

      assertEquals(202, sent.status());
      assertEquals("hub.mode=subscribe application/x-www-form-urlencoded " + FetchTesting.USER_AGENT, got.get());
    }
  }

  /**
   * A hub may send a subscriber on to another with 307 or 308 (websub.rocks tests 203 and 204): the
   * form is sent there as it was, and the hub's answer is that one's. Before, the 307 was the
   * answer, and the subscription failed at every try. A 302 is no such redirect (a client may
   * turn it into a GET): not followed. Nor is a loop, for ever.
   */
  @Test
  void aHubsTemporaryOrPermanentRedirectIsFollowedWithTheForm() {
    try (FeedServer server = FeedServer.start()) {
      AtomicReference<String> got = new AtomicReference<>();
      server.handle("/hub", exchange -> {
        got.set(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        FeedServer.reply(exchange, 202, new byte[0]);
      });
      server.redirect("/moved-hub", 307, server.url("/hub"));
      server.redirect("/gone-hub", 308, "/moved-hub");
      server.redirect("/found-hub", 302, server.url("/hub"));
      server.redirect("/loop-hub", 307, "/loop-hub");

      assertEquals(202, FetchTesting.fetcher(true).postForm(server.uri("/gone-hub"), "hub.mode=subscribe").status());
      assertEquals("POST hub.mode=subscribe", got.get());
      assertEquals(1, server.hits("/hub"));

      assertEquals(302, FetchTesting.fetcher(true).postForm(server.uri("/found-hub"), "hub.mode=subscribe").status());
      assertEquals(1, server.hits("/hub"));
      FeedFetcher.HubReply loop = FetchTesting.fetcher(true).postForm(server.uri("/loop-hub"), "hub.mode=subscribe");
      assertEquals(0, loop.status());
      assertTrue(loop.problem().startsWith("more than " + FeedFetcher.MAX_REDIRECTS + " redirects"), loop.problem());
    }
  }

  @Test
  void aNonWebAddressIsNoHub() {
    FeedFetcher.HubReply ftp = FetchTesting.fetcher(true).postForm(URI.create("ftp://hub.example/"), "hub.mode=subscribe");
    assertEquals("the hub ftp://hub.example/ is not an http or https address", ftp.problem());
  }
}
