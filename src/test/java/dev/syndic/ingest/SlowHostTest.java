package dev.syndic.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Api;
import dev.syndic.support.Await;
import dev.syndic.support.FeedServer;
import dev.syndic.support.Fixtures;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many sources on one host that hangs: its slot is held, and the others of its sources are
 * deferred without holding a poller thread, each time for longer, so a source of another host is
 * polled on time. (The defaults' shape, scaled down: a big publisher's hundreds of feeds on 8
 * threads with 2 slots a host.)
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.poll.enabled", value = "true")
@Property(name = "syndic.poll.tick", value = "200ms")
@Property(name = "micronaut.executors.poller.n-threads", value = "2")
@Property(name = "syndic.fetch.per-host-concurrency", value = "1")
@Property(name = "syndic.fetch.read-timeout", value = "30s")
@Property(name = "syndic.catalogue.import-on-first-start", value = "false")
class SlowHostTest {

  static final int HANGING = 60;
  static final int MOVED = 10;

  @Inject
  @Client("/")
  HttpClient http;

  @Test
  void aHostThatHangsDoesNotDelayAnotherHostsSource() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (FeedServer server = FeedServer.start(); FeedServer elsewhere = FeedServer.startOn("127.0.0.2")) {
      Api api = new Api(http.toBlocking());
      for (int i = 0; i < HANGING; i++) {
        server.handle("/hanging/" + i + ".xml", exchange -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          FeedServer.reply(exchange, 503, new byte[0]);
        });
        api.addSource(server.url("/hanging/" + i + ".xml"));
      }
      elsewhere.serve("/elsewhere.xml", Fixtures.rss(new String[] {"else-1", "Elsewhere", "<p>On time</p>"}));
      // Its sources all due and deferred again and again meanwhile.
      Await.pause(3_000);

      long t0 = System.nanoTime();
      api.addSource(elsewhere.url("/elsewhere.xml"));
      Await.until("the other host's source is polled", Duration.ofSeconds(25), () -> elsewhere.hits("/elsewhere.xml") > 0);
      long ms = (System.nanoTime() - t0) / 1_000_000;

      assertTrue(ms < 3_000, "the other host's source waited " + ms + " ms for a poller thread");
      String metrics = http.toBlocking().retrieve(HttpRequest.GET("/metrics"));
      java.util.regex.Matcher deferred = java.util.regex.Pattern.compile("(?m)^syndic_polls_deferred_total ([0-9.eE+]+)$").matcher(metrics);
      assertTrue(deferred.find() && Double.parseDouble(deferred.group(1)) >= HANGING - 1, "the operator sees the polls put off");
    } finally {
      release.countDown();
    }
  }
  /**
   * Feeds of many hosts that moved to one feed host (a 302 to a CDN) which hangs: a poll that
   * finds that host busy after its redirect is put off like any other, instead of holding its
   * poller thread for the read timeout waiting for the host's slot.
   */
  @Test
  void feedsRedirectedToAHostThatHangsDoNotHoldThePollers() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    // On every loopback address, so that each 127.0.0.x is a host of its own.
    HttpServer server = HttpServer.create(new InetSocketAddress(0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    AtomicInteger fine = new AtomicInteger();
    AtomicInteger movedAdmin = new AtomicInteger();
    int port;
    try {
      server.createContext("/", exchange -> {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/hang.xml")) {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          FeedServer.reply(exchange, 503, new byte[0]);
        } else if (path.equals("/moved.xml") || path.equals("/moved-admin.xml")) {
          if (path.equals("/moved-admin.xml")) {
            movedAdmin.incrementAndGet();
          }
          FeedServer.reply(exchange, 302, new byte[0], "Location", "http://127.0.0.2:" + exchange.getLocalAddress().getPort() + "/hang.xml");
        } else {
          fine.incrementAndGet();
          FeedServer.reply(exchange, 200, Fixtures.rss(new String[] {"fine-1", "Fine", "<p>On time</p>"}), "Content-Type", "application/rss+xml");
        }
      });
      server.start();
      port = server.getAddress().getPort();
      Api api = new Api(http.toBlocking());
      for (int i = 3; i < 3 + MOVED; i++) {
        api.addSource("http://127.0.0." + i + ":" + port + "/moved.xml");
      }
      Await.pause(2_000);

      long t0 = System.nanoTime();
      api.addSource("http://127.0.0.99:" + port + "/fine.xml");
      Await.until("the other host's source is polled", Duration.ofSeconds(40), () -> fine.get() > 0);
      long ms = (System.nanoTime() - t0) / 1_000_000;

      assertTrue(ms < 3_000, "the other host's source waited " + ms + " ms for a poller thread");

      // An admin's poll of such a feed waits for the busy host, asking the feed's own host again
      // once a second, not ten times.
      Map<String, Object> created = api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", "http://127.0.0.50:" + port + "/moved-admin.xml",
          "enabled", false)));
      long id = ((Number) created.get("id")).longValue();
      CompletableFuture<Map<String, Object>> polled = CompletableFuture.supplyAsync(() -> api.poll(id));
      Await.pause(5_000);
      int asked = movedAdmin.get();
      release.countDown();
      assertTrue(asked <= 7, "the feed's own host was asked " + asked + " times in 5 s");
      assertEquals(503, ((Number) polled.get(30, TimeUnit.SECONDS).get("httpStatus")).intValue(), "then the poll goes on");
    } finally {
      release.countDown();
      server.stop(0);
    }
  }
}
