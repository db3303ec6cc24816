package dev.syndic.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.support.Await;
import dev.syndic.support.FeedServer;
import dev.syndic.support.FeedServerTest;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Requests to hubs wait on the hubs (up to the fetch's timeouts): they must not take the threads
 * that answer Syndic's own HTTP requests, hubs' verifications among them. The request threads are
 * two here (on JDK 17 the handlers that touch the database run on them), so two hung hub requests
 * would be all of them.
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.site.base-url", value = "https://syndic.example.org")
@Property(name = "micronaut.executors.io.n-threads", value = "2")
class HubThreadsTest extends FeedServerTest {

  @Inject
  EmbeddedServer embedded;

  @Test
  void hubsThatDoNotAnswerLeaveTheCallbackAnswering() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger asked = new AtomicInteger();
    server.handle("/hub", exchange -> {
      asked.incrementAndGet();
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      FeedServer.reply(exchange, 202, new byte[0]);
    });
    try {
      for (int i = 0; i < 2; i++) {
        String path = "/hung-" + i + ".xml";
        server.serve(path, ("""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Hung</title><link>https://hung.example.com/</link>
            <atom:link rel="hub" href="/hub"/><atom:link rel="self" href="%s"/>
            <item><guid>h-%d</guid><title>Story</title><link>https://hung.example.com/%d</link></item></channel></rss>""")
            .formatted(server.url(path), i, i).getBytes(StandardCharsets.UTF_8), "application/rss+xml");
        assertEquals("ok", api.poll(api.addSource(server.url(path))).get("outcome"));
      }
      Await.until("two requests waiting on the hub", Duration.ofSeconds(10), () -> asked.get() >= 2);

      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(embedded.getURL() + "/websub/1/nokey"
          + "?hub.mode=subscribe&hub.topic=x&hub.challenge=c")).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());

      assertEquals(404, answer.statusCode(), "answered while the hub keeps its requests waiting");
    } finally {
      release.countDown();
    }
  }
}
