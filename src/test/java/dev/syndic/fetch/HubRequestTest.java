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

  @Test
  void aHubThatRedirectsIsNotFollowedAndANonWebAddressIsNoHub() {
    try (FeedServer server = FeedServer.start()) {
      server.redirect("/moved-hub", 307, server.url("/hub"));
      server.serve("/hub", 202, new byte[0]);

      assertEquals(307, FetchTesting.fetcher(true).postForm(server.uri("/moved-hub"), "hub.mode=subscribe").status());
      assertEquals(0, server.hits("/hub"));
      FeedFetcher.HubReply ftp = FetchTesting.fetcher(true).postForm(URI.create("ftp://hub.example/"), "hub.mode=subscribe");
      assertEquals("the hub ftp://hub.example/ is not an http or https address", ftp.problem());
    }
  }
}
