package dev.syndic.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One slow host holds at most its share of requests; other hosts go on. */
class HostLimitsTest {

  @Test
  void aPauseHoldsItsHostOnlyAndEndsOnTime() {
    HostLimits limits = new HostLimits(2);
    java.time.Instant now = java.time.Instant.parse("2026-03-17T08:00:00Z");
    limits.pause("feeds.Example.org", now.plusSeconds(60), now);
    limits.pause("feeds.example.org", now.plusSeconds(30), now); // a shorter pause does not cut a longer one

    assertEquals(now.plusSeconds(60), limits.pausedUntil("FEEDS.example.org", now));
    assertEquals(null, limits.pausedUntil("other.example.org", now), "other hosts go on");
    assertEquals(null, limits.pausedUntil("feeds.example.org", now.plusSeconds(60)), "over when its time comes");
  }

  /**
   * A host whose slots are all held and that freed none for a while (slow, or hanging) costs its
   * other sources no wait, and each of them is put off for longer than the last, until the host
   * frees a slot; then it turns over again, and a slot is worth a moment's wait.
   */
  @Test
  void aHostThatFreesNoSlotIsDeferredAtOnceAndEachTimeForLonger() throws Exception {
    HostLimits limits = new HostLimits(1);
    assertTrue(limits.tryEnter("hangs.example.org"));
    sleep(HostLimits.TURNOVER_MS + 100);

    long t0 = System.nanoTime();
    for (int i = 0; i < 8; i++) {
      assertFalse(limits.tryEnter("hangs.example.org"));
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      waits.add(limits.deferral("hangs.example.org"));
    }

    assertTrue(ms < 200, "eight refusals took " + ms + " ms");
    assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 120L, 120L, 120L), waits.stream().map(Duration::toSeconds).toList());
    assertEquals(Duration.ofSeconds(1), limits.deferral("other.example.org"), "each host counts its own");

    limits.leave("hangs.example.org");
    assertEquals(Duration.ofSeconds(1), limits.deferral("hangs.example.org"), "a freed slot starts the count again");
    assertTrue(limits.tryEnter("hangs.example.org"));
    CompletableFuture.runAsync(() -> {
      sleep(100);
      limits.leave("hangs.example.org");
    });
    assertTrue(limits.tryEnter("hangs.example.org"), "a host that just freed a slot is waited for");
  }

  /** The first polls of many feeds of one host wait for its slots while it has not yet had a second to free one. */
  @Test
  void aHostFirstSeenIsWaitedForUntilItHasHadTimeToFreeASlot() {
    HostLimits limits = new HostLimits(1);
    assertTrue(limits.tryEnter("new.example.org"));
    CompletableFuture.runAsync(() -> {
      sleep(100);
      limits.leave("new.example.org");
    });

    assertTrue(limits.tryEnter("new.example.org"), "waits for the slot its first request frees");
  }

  /**
   * Hosts are kept only while in use: an instance that met 100,000 names and addresses over the
   * years keeps none of them once their fetches ended, nor a pause that ended.
   */
  @Test
  void aHostGoesWhenItsLastSlotIsFreedAndAPauseWhenItEnds() {
    HostLimits limits = new HostLimits(2);
    for (int i = 0; i < 1000; i++) {
      assertTrue(limits.tryEnter("feeds" + i + ".example.org"));
      assertTrue(limits.tryEnter("feeds" + i + ".example.org"));
      limits.leave("feeds" + i + ".example.org");
    }
    assertEquals(1000, limits.size(), "each holds a slot still");
    for (int i = 0; i < 1000; i++) {
      limits.leave("feeds" + i + ".example.org");
    }

    assertEquals(0, limits.size());
    java.time.Instant now = java.time.Instant.parse("2026-03-17T08:00:00Z");
    limits.pause("a.example.org", now.plusSeconds(60), now);
    limits.pause("b.example.org", now.plusSeconds(600), now);
    limits.pause("c.example.org", now.plusSeconds(300), now.plusSeconds(60));
    assertEquals(2, limits.pausedSize(), "a's pause ended, and no one asked about a since");
    assertEquals(now.plusSeconds(600), limits.pausedUntil("b.example.org", now.plusSeconds(60)));
  }

  /**
   * Dropping idle hosts never drops one whose slot is in use: many threads taking and freeing the
   * slots of a few hosts never hold more than the limit of one at once, and nothing is kept after.
   */
  @Test
  void hostsThatComeAndGoNeverGetMoreThanTheirSlots() throws Exception {
    HostLimits limits = new HostLimits(2);
    String[] names = {"a.example.org", "b.example.org", "c.example.org"};
    java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger entered = new java.util.concurrent.atomic.AtomicInteger();
    List<CompletableFuture<Void>> threads = new ArrayList<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      for (int t = 0; t < 8; t++) {
        threads.add(CompletableFuture.runAsync(() -> {
          java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
          for (int i = 0; i < 3000; i++) {
            String host = names[random.nextInt(names.length)];
            if (limits.tryEnter(host)) {
              entered.incrementAndGet();
              int now = inFlight.computeIfAbsent(host, h -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
              most.accumulateAndGet(now, Math::max);
              Thread.onSpinWait();
              inFlight.get(host).decrementAndGet();
              limits.leave(host);
            }
          }
        }, pool));
      }
      CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    assertTrue(entered.get() > 1000, "entered " + entered.get() + " times");
    assertTrue(most.get() <= 2, "a host had " + most.get() + " requests at once");
    assertEquals(0, limits.size());
    for (String host : names) {
      assertTrue(limits.tryEnter(host) && limits.tryEnter(host) && !limits.tryEnter(host), host + " has its two slots, no more");
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aBusyHostDefersFurtherRequestsWithoutBlockingOtherHosts() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (FeedServer server = FeedServer.start(); FeedServer other = FeedServer.startOn("127.0.0.2")) {
      hang(server, "/slow.xml", arrived, release);
      server.serve("/fast.xml", FEED, "application/rss+xml");
      other.serve("/fast.xml", FEED, "application/rss+xml");
      other.redirect("/moved.xml", 302, server.url("/fast.xml"));
      FeedFetcher fetcher = oneSlotPerServer();
      CompletableFuture<FetchResult> slow = CompletableFuture.supplyAsync(() -> fetcher.fetch(FetchRequest.unconditional(server.uri("/slow.xml"))));
      arrived.await(5, TimeUnit.SECONDS);

      FetchResult sameHost = fetcher.fetch(FetchRequest.unconditional(server.uri("/fast.xml")));
      assertEquals("127.0.0.1", assertInstanceOf(FetchResult.Deferred.class, sameHost).host());
      FetchResult otherHost = fetcher.fetch(FetchRequest.unconditional(other.uri("/fast.xml")));
      assertInstanceOf(FetchResult.Fetched.class, otherHost);
      // A feed that moved to the busy host counts against it too (a feed host many feeds redirect to):
      // having made its first request, it is put off like the host's own feeds, not held waiting
      // for the slot (a poller thread for as long as the host is slow).
      long t0 = System.nanoTime();
      FetchResult movedThere = fetcher.fetch(FetchRequest.unconditional(other.uri("/moved.xml")));
      assertEquals("127.0.0.1", assertInstanceOf(FetchResult.Deferred.class, movedThere).host());
      assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "put off at once");
      assertEquals(1, other.hits("/moved.xml"), "having asked the first host once");
      assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(FetchRequest.unconditional(other.uri("/fast.xml"))),
          "and leaving the first host's slot free");

      release.countDown();
      assertInstanceOf(FetchResult.Fetched.class, slow.get(10, TimeUnit.SECONDS));
      assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(FetchRequest.unconditional(server.uri("/fast.xml"))), "the slot is free again");
    } finally {
      release.countDown();
    }
  }

  /**
   * The slots are the server's, not the name's: a provider's many names on one server
   * (a.example.com, b.example.com; here localhost and 127.0.0.1) share them, or a hundred
   * subdomains would get a hundred times the requests at once.
   */
  @Test
  void namesOfOneServerShareItsSlots() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (FeedServer server = FeedServer.start()) {
      hang(server, "/slow.xml", arrived, release);
      server.serve("/fast.xml", FEED, "application/rss+xml");
      FeedFetcher fetcher = oneSlotPerServer();
      CompletableFuture<FetchResult> slow = CompletableFuture.supplyAsync(
          () -> fetcher.fetch(FetchRequest.unconditional(java.net.URI.create("http://localhost:" + server.port() + "/slow.xml"))));
      arrived.await(5, TimeUnit.SECONDS);

      FetchResult.Deferred deferred = assertInstanceOf(FetchResult.Deferred.class,
          fetcher.fetch(FetchRequest.unconditional(server.uri("/fast.xml"))));

      assertEquals("127.0.0.1", deferred.address());
      assertEquals(0, server.hits("/fast.xml"));
      release.countDown();
      assertInstanceOf(FetchResult.Fetched.class, slow.get(10, TimeUnit.SECONDS));
      assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(FetchRequest.unconditional(server.uri("/fast.xml"))), "the slot is free again");
    } finally {
      release.countDown();
    }
  }

  private static final byte[] FEED = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>".getBytes(StandardCharsets.UTF_8);

  private static FeedFetcher oneSlotPerServer() {
    return new FeedFetcher(new FetchConfig("feeds", true, "t", Duration.ofSeconds(2), Duration.ofSeconds(10), 65536, 1), Clock.systemUTC());
  }

  /** {@code path} answers only once released, having said that the request arrived. */
  private static void hang(FeedServer server, String path, CountDownLatch arrived, CountDownLatch release) {
    server.handle(path, exchange -> {
      arrived.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      FeedServer.reply(exchange, 200, FEED, "Content-Type", "application/rss+xml");
    });
  }
}
