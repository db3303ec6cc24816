package dev.syndic.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.support.Api;
import dev.syndic.support.FeedServer;
import dev.syndic.support.Fixtures;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The scheduler claims more sources than the executor has threads; when polls are slow, a queued
 * source's lease runs out before its poll starts and the scheduler claims it again. Each source
 * is still fetched once: the older poll finds its claim lost and is dropped. (The defaults' shape,
 * scaled down: 100 claims, 8 threads and a 5 min lease are exhausted by polls of 25 s.)
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.poll.enabled", value = "true")
@Property(name = "syndic.poll.tick", value = "200ms")
@Property(name = "syndic.poll.lease", value = "3s")
@Property(name = "syndic.poll.batch-size", value = "20")
@Property(name = "micronaut.executors.poller.n-threads", value = "2")
@Property(name = "syndic.fetch.per-host-concurrency", value = "50")
@Property(name = "syndic.catalogue.import-on-first-start", value = "false")
class QueuedClaimTest {

  @Inject
  @Client("/")
  HttpClient http;

  @Test
  void aSourceWhoseClaimRanOutInTheQueueIsFetchedOnce() throws Exception {
    try (FeedServer server = FeedServer.start()) {
      Api api = new Api(http.toBlocking());
      for (int i = 0; i < 10; i++) {
        byte[] body = Fixtures.rss(new String[] {"s" + i, "Story " + i, "<p>Words " + i + "</p>"});
        server.handle("/slow/" + i + ".xml", exchange -> {
          try {
            Thread.sleep(1000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          FeedServer.reply(exchange, 200, body, "Content-Type", "application/rss+xml");
        });
        api.addSource(server.url("/slow/" + i + ".xml"));
      }
      Map<String, Integer> hits = new TreeMap<>();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (System.nanoTime() < deadline && hits.values().stream().filter(n -> n > 0).count() < 10) {
        Thread.sleep(200);
        for (int i = 0; i < 10; i++) {
          hits.put("/slow/" + i + ".xml", server.hits("/slow/" + i + ".xml"));
        }
      }
      Thread.sleep(4_000); // a lease and more: time for a second fetch of any of them
      for (int i = 0; i < 10; i++) {
        hits.put("/slow/" + i + ".xml", server.hits("/slow/" + i + ".xml"));
      }
      assertEquals(10, hits.values().stream().filter(n -> n > 0).count(), () -> "every source fetched: " + hits);
      assertEquals(10, hits.values().stream().mapToInt(Integer::intValue).sum(), () -> "each source fetched once: " + hits);
    }
  }
}
