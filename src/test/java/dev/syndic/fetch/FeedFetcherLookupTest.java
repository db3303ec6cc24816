package dev.syndic.fetch;

import static dev.syndic.fetch.FetchTesting.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Looking a host name up counts against the fetch's time: a name whose name servers never answer
 * (a dead domain's) ends the fetch with a clear error within the connect timeout, instead of
 * holding a poller thread for as long as the system's resolver waits.
 */
class FeedFetcherLookupTest {

  private static final Duration CONNECT = Duration.ofMillis(500);
  private static final Duration READ = Duration.ofSeconds(1);

  private final CountDownLatch nameServersAnswer = new CountDownLatch(1);
  private final AtomicInteger hungLookups = new AtomicInteger();
  private FeedServer server;
  private AddressGuard.Resolver resolver;
  private FeedFetcher fetcher;

  @BeforeEach
  void start() {
    server = FeedServer.start();
    server.serve("/feed.xml", FetchTesting.fixture("rss20-full.xml"));
    resolver = host -> {
      // Names whose name servers never answer; digits alone stand for the JDK's lookup of a
      // host written as an address it cannot read as one.
      if (host.startsWith("hanging") || Character.isDigit(host.charAt(0))) {
        hungLookups.incrementAndGet();
        try {
          nameServersAnswer.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new UnknownHostException(host);
      }
      if (host.equals("feeds.example")) {
        return new InetAddress[] {InetAddress.getLoopbackAddress()};
      }
      throw new UnknownHostException(host);
    };
    FetchConfig config = FetchTesting.config(true, "feeds", CONNECT, READ);
    fetcher = new FeedFetcher(config, FetchTesting.CLOCK, HostPauseBoard.NONE, resolver);
  }

  @AfterEach
  void stop() {
    nameServersAnswer.countDown();
    server.close();
  }

  /** The fetch's result, or a failure of the test when it has none within {@code seconds}. */
  private FetchResult fetchWithin(URI url, long seconds) throws InterruptedException, ExecutionException {
    CompletableFuture<FetchResult> fetch = CompletableFuture.supplyAsync(() -> fetcher.fetch(FetchRequest.unconditional(url)));
    try {
      return fetch.get(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the fetch of " + url + " was still waiting for its host's name after " + seconds + " s");
    }
  }

  @Test
  void aNameWhoseLookupHangsFailsTheFetchWithinTheConnectTimeout() throws Exception {
    long t0 = System.nanoTime();
    FetchResult.Failed failed = expect(FetchResult.Failed.class, fetchWithin(URI.create("http://hanging.example/feed.xml"), 5));
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertTrue(ms < CONNECT.toMillis() + 1000, "took " + ms + " ms");
    assertTrue(failed.message().contains("hanging.example could not be resolved") && failed.message().contains("no answer from its name servers within 0.5 s"),
        failed.message());
  }

  /**
   * A lookup that has less than the connect timeout because slow redirects took the rest of the
   * fetch's time says so: "no answer from its name servers within 0.3 s" alone blamed the name
   * servers of a name the fetch hardly waited for.
   */
  @Test
  void aLookupCutShortByTheRedirectsBeforeItSaysSo() throws Exception {
    for (String hop : new String[] {"/slow-1", "/slow-2"}) {
      String next = hop.equals("/slow-1") ? "/slow-2" : "http://hanging-late.example/feed.xml";
      server.handle(hop, exchange -> {
        try {
          Thread.sleep(600);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        FeedServer.reply(exchange, 302, new byte[0], "Location", next);
      });
    }

    FetchResult.Failed failed = expect(FetchResult.Failed.class, fetchWithin(URI.create("http://feeds.example:" + server.port() + "/slow-1"), 5));

    assertTrue(failed.message().contains("hanging-late.example could not be resolved")
        && failed.message().contains("the redirects before it took the rest of the fetch's 1.5 s"), failed.message());
  }

  /**
   * A host of digits and dots that is no IPv4 address is refused at once, its name servers never
   * asked: read as an address, it skipped the lookups that keep to the fetch's time, and the JDK
   * looked it up as a name on the poller's own thread, for as long as the name servers took.
   */
  @ParameterizedTest
  @ValueSource(strings = {"999.1.1.1", "1.2.3.4.5", "1.2.3.", "256.0.0.1", "4294967296", "99999999999"})
  void aHostOfDigitsAndDotsThatIsNoAddressIsRefusedAtOnce(String host) throws Exception {
    AddressGuard guard = new AddressGuard(true, resolver);
    CompletableFuture<AddressGuard.Checked> check = CompletableFuture.supplyAsync(() -> guard.check(host, CONNECT));
    AddressGuard.Checked checked;
    try {
      checked = check.get(5, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the check of " + host + " was still waiting for its name servers after 5 s");
    }

    assertEquals("the host " + host + " is not a valid IPv4 address (four numbers from 0 to 255, such as 192.0.2.1), and digits"
        + " and dots alone make no host name", checked.refusal());
    assertEquals(0, hungLookups.get(), "lookups of it");
  }

  /** The one such host a URL can carry: a number past 32 bits (999.1.1.1 is no host to {@link URI}). */
  @Test
  void aFetchOfANumberPast32BitsFailsWithinItsTime() throws Exception {
    long t0 = System.nanoTime();
    FetchResult.Failed failed = expect(FetchResult.Failed.class, fetchWithin(URI.create("http://4294967296/feed.xml"), 5));

    assertTrue(System.nanoTime() - t0 < CONNECT.toNanos(), "took " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    assertTrue(failed.message().startsWith("refused http://4294967296/feed.xml: the host 4294967296 is not a valid IPv4 address"), failed.message());
  }

  @Test
  void fetchesOfANameWhoseLookupHangsWaitForThatOneLookup() throws Exception {
    for (int i = 0; i < 3; i++) {
      expect(FetchResult.Failed.class, fetchWithin(URI.create("http://hanging.example/feed" + i + ".xml"), 5));
    }

    assertEquals(1, hungLookups.get(), "lookups of the name that hangs");
  }

  @Test
  void otherNamesAreStillFetchedWhileOneLookupHangs() throws Exception {
    expect(FetchResult.Failed.class, fetchWithin(URI.create("http://hanging.example/feed.xml"), 5));

    FetchResult result = fetchWithin(URI.create("http://feeds.example:" + server.port() + "/feed.xml"), 5);

    expect(FetchResult.Fetched.class, result);
  }

  @Test
  void whenEveryLookupThreadHangsOtherNamesFailAtOnce() throws Exception {
    NameLookups lookups = new NameLookups(resolver);
    for (int i = 0; i < NameLookups.THREADS; i++) {
      String name = "hanging" + i + ".example";
      assertThrows(NameLookups.Unanswered.class, () -> lookups.lookUp(name, Duration.ofMillis(20)));
    }

    long t0 = System.nanoTime();
    NameLookups.Unanswered busy = assertThrows(NameLookups.Unanswered.class, () -> lookups.lookUp("feeds.example", Duration.ofSeconds(5)));

    assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "waited for a thread");
    assertEquals(NameLookups.THREADS + " lookups of other names are waiting for their name servers", busy.getMessage());
    nameServersAnswer.countDown();
    assertEquals(InetAddress.getLoopbackAddress(), waitForAThread(lookups, "feeds.example"));
  }

  /** The name's first address once a lookup thread is free again (the hung ones end at once). */
  private static InetAddress waitForAThread(NameLookups lookups, String name) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (true) {
      try {
        return lookups.lookUp(name, Duration.ofSeconds(1))[0];
      } catch (NameLookups.Unanswered e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }
}
