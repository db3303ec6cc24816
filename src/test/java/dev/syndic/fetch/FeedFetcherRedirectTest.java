package dev.syndic.fetch;

import static dev.syndic.fetch.FetchTesting.expect;
import static dev.syndic.fetch.FetchTesting.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServer;
import dev.syndic.support.TestTls;
import java.net.URI;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Redirects are followed by hand: permanence, limits, loops and where they may lead. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedFetcherRedirectTest {

  private static final byte[] FEED = fixture("atom10-full.xml");

  private FeedServer server;
  private FeedFetcher fetcher;
  private int targetHitsBefore;

  @BeforeAll
  void start() {
    server = FeedServer.start();
    server.serve("/target.xml", FEED, "application/atom+xml");
    fetcher = FetchTesting.fetcher(true);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private FetchResult get(String path) {
    return fetcher.fetch(FetchRequest.unconditional(server.uri(path)));
  }

  /**
   * The source moves as far as its permanent hops (301, 308) lead before a temporary one: a 301
   * says the feed lives at its Location now, whatever that address does next.
   */
  @ParameterizedTest(name = "{0} then {1}: moved to {2}")
  @CsvSource(
      nullValues = "none",
      value = {
        "301, 0, /target.xml",
        "308, 0, /target.xml",
        "302, 0, none",
        "303, 0, none",
        "307, 0, none",
        "301, 301, /target.xml",
        "301, 308, /target.xml",
        "301, 302, /next",
        "308, 307, /next",
        "302, 301, none",
      })
  void aRedirectChainMovesTheSourceAsFarAsItsPermanentHopsLead(int first, int second, String movedTo) {
    String start = "/chain/" + first + "-" + second;
    if (second == 0) {
      server.redirect(start, first, server.url("/target.xml"));
    } else {
      server.redirect(start, first, start + "/next");
      server.redirect(start + "/next", second, server.url("/target.xml"));
    }

    FetchResult.Fetched f = expect(FetchResult.Fetched.class, get(start));

    assertEquals(movedTo == null ? null : server.uri(movedTo.equals("/next") ? start + "/next" : movedTo), f.movedTo());
    assertEquals(server.uri("/target.xml"), f.finalUrl());
    assertEquals(200, f.status());
    assertArrayEquals(FEED, f.body());
  }

  /**
   * A feed that moved (http to https, most often) and still has the body it had: the new address
   * answers 304 to the old validators, and the move is known all the same.
   */
  @Test
  void aPermanentRedirectToAnUnchangedFeedSaysWhereItMoved() {
    server.serve("/unchanged/new.xml", 200, FEED, "Content-Type", "application/atom+xml", "ETag", "W/\"v1\"");
    server.redirect("/unchanged/old.xml", 301, "/unchanged/new.xml");
    server.redirect("/unchanged/for-now.xml", 302, "/unchanged/new.xml");

    FetchResult moved = fetcher.fetch(new FetchRequest(server.uri("/unchanged/old.xml"), "W/\"v1\"", null));
    FetchResult visiting = fetcher.fetch(new FetchRequest(server.uri("/unchanged/for-now.xml"), "W/\"v1\"", null));

    assertEquals(server.uri("/unchanged/new.xml"), expect(FetchResult.NotModified.class, moved).movedTo());
    assertNull(expect(FetchResult.NotModified.class, visiting).movedTo());
  }

  /**
   * A permanent redirect from https to plain http is not a move: anyone between Syndic and a
   * plain-http server could send it, and stored, every later poll would go in the clear. The
   * source moves as far as its https hops lead, and the result says why it went no further; from
   * http to https is a move as before.
   */
  @Test
  void aPermanentRedirectFromHttpsToHttpIsTakenAsTemporary() throws Exception {
    try (FeedServer tls = FeedServer.startHttps()) {
      tls.redirect("/down.xml", 301, server.url("/target.xml"));
      tls.redirect("/first.xml", 308, tls.url("/second.xml"));
      tls.redirect("/second.xml", 301, server.url("/target.xml"));
      server.redirect("/up.xml", 301, tls.url("/served.xml"));
      tls.serve("/served.xml", FEED, "application/atom+xml");
      FeedFetcher trusting = trustingTestCertificate();

      FetchResult.Fetched down = expect(FetchResult.Fetched.class, trusting.fetch(FetchRequest.unconditional(tls.uri("/down.xml"))));
      FetchResult.Fetched chain = expect(FetchResult.Fetched.class, trusting.fetch(FetchRequest.unconditional(tls.uri("/first.xml"))));
      FetchResult.Fetched up = expect(FetchResult.Fetched.class, trusting.fetch(FetchRequest.unconditional(server.uri("/up.xml"))));

      assertArrayEquals(FEED, down.body(), "the feed is read all the same");
      assertNull(down.movedTo());
      assertEquals("301 from " + tls.url("/down.xml") + " to " + server.url("/target.xml")
          + " not stored as the source's address: it gives up https", down.notMoved());
      assertEquals(tls.uri("/second.xml"), chain.movedTo(), "as far as the https hops lead");
      assertTrue(chain.notMoved().startsWith("301 from " + tls.url("/second.xml")), chain.notMoved());
      assertEquals(tls.uri("/served.xml"), up.movedTo());
      assertNull(up.notMoved());
    }
  }

  /**
   * The redirect a message names is quoted by its start and its length when it is long: the
   * reason is stored on the source and logged at every poll, and a Location may be hundreds of
   * kilobytes.
   */
  @Test
  void aLongRedirectIsQuotedByItsStartAndLength() throws Exception {
    String far = server.url("/" + "a".repeat(20_000) + ".xml");
    try (FeedServer tls = FeedServer.startHttps()) {
      tls.redirect("/long.xml", 301, far);
      server.serve("/" + "a".repeat(20_000) + ".xml", FEED, "application/atom+xml");
      FetchResult.Fetched down = expect(FetchResult.Fetched.class, trustingTestCertificate().fetch(FetchRequest.unconditional(tls.uri("/long.xml"))));
      assertTrue(down.notMoved().length() < 500, () -> down.notMoved().length() + " characters");
      assertTrue(down.notMoved().contains(far.substring(0, 100)) && down.notMoved().contains("… (" + far.length() + " characters)"), down.notMoved());
    }
    String address = "http://h.example/" + "x".repeat(400);
    assertEquals(address.substring(0, FeedFetcher.MAX_QUOTED) + "… (417 characters)", FeedFetcher.quoted(address));
    assertEquals(address.substring(0, FeedFetcher.MAX_QUOTED), FeedFetcher.quoted(address.substring(0, FeedFetcher.MAX_QUOTED)), "a short one whole");
  }

  /** A fetcher whose client trusts the certificate of {@link FeedServer#startHttps()}. */
  private static FeedFetcher trustingTestCertificate() throws Exception {
    SSLContext before = SSLContext.getDefault();
    SSLContext.setDefault(TestTls.client());
    try {
      // The client takes the default context when it is built.
      return FetchTesting.fetcher(true);
    } finally {
      SSLContext.setDefault(before);
    }
  }

  @ParameterizedTest(name = "Location: {1}")
  @CsvSource({
    "/relative/abs-path, /target.xml",
    "/relative/dir/sibling, ../../target.xml",
    "/same-level, target.xml",
    "/relative/spaces, '  /target.xml  '",
  })
  void relativeLocationsResolveAgainstTheRequestUrl(String path, String location) {
    server.redirect(path, 301, location);

    FetchResult.Fetched f = expect(FetchResult.Fetched.class, get(path));

    assertEquals(server.uri("/target.xml"), f.finalUrl());
    assertEquals(server.uri("/target.xml"), f.movedTo());
  }

  /**
   * Read as RFC 3986 reads a reference, as browsers do: a Location that is only a query keeps the
   * request's path (the JDK's RFC 2396 reading put it on the folder, /feed/?format=rss, mostly the
   * site's home page), and dot segments that would climb above the root go (it sent
   * "/../target.xml", which servers refuse, and stored it as the source's address).
   */
  @ParameterizedTest(name = "{0} -> Location: {1}")
  @CsvSource({
    "/query/feed.php, ?format=rss, /query/feed.php?format=rss",
    "/query/feed.php?page=1, ?format=atom, /query/feed.php?format=atom",
    "/above, ../../target.xml, /target.xml",
    "/above/root/x, /../target.xml, /target.xml",
  })
  void relativeLocationsAreReadAsBrowsersReadThem(String path, String location, String target) {
    String bare = URI.create(path).getPath();
    server.handle(bare, exchange -> {
      String query = exchange.getRequestURI().getRawQuery();
      if (query == null || path.endsWith(query)) {
        FeedServer.reply(exchange, 301, new byte[0], "Location", location);
      } else {
        FeedServer.reply(exchange, 200, FEED, "Content-Type", "application/atom+xml");
      }
    });

    FetchResult.Fetched f = expect(FetchResult.Fetched.class, get(path));

    assertEquals(server.uri(target), f.finalUrl());
    assertEquals(server.uri(target), f.movedTo());
  }

  @Test
  void relativeLocationFromAUrlWithoutPathResolvesUnderTheRoot() {
    server.redirect("/", 302, "target.xml");

    FetchResult result = fetcher.fetch(FetchRequest.unconditional(URI.create(server.baseUrl())));

    FetchResult.Fetched f = expect(FetchResult.Fetched.class, result);
    assertEquals(server.uri("/target.xml"), f.finalUrl());
  }

  @Test
  void fiveRedirectsAreFollowed() {
    chain("/five", 5);

    FetchResult.Fetched f = expect(FetchResult.Fetched.class, get("/five/0"));

    assertEquals(server.uri("/target.xml"), f.finalUrl());
    assertEquals(server.uri("/target.xml"), f.movedTo());
  }

  @Test
  void aSixthRedirectFails() {
    chain("/six", 6);

    FetchResult.Failed failed = expect(FetchResult.Failed.class, get("/six/0"));

    assertTrue(failed.message().contains("more than 5 redirects"), failed.message());
    assertEquals(0, server.hits("/target.xml") - targetHitsBefore);
    assertEquals(1, server.hits("/six/5"));
  }

  /** /prefix/0 -> /prefix/1 -> ... -> /prefix/(n-1) -> /target.xml: n redirects. */
  private void chain(String prefix, int n) {
    targetHitsBefore = server.hits("/target.xml");
    for (int i = 0; i < n; i++) {
      String next = i == n - 1 ? "/target.xml" : prefix + "/" + (i + 1);
      server.redirect(prefix + "/" + i, 301, next);
    }
  }

  @Test
  void redirectLoopFailsAfterBoundedRequests() {
    server.redirect("/loop/a", 302, "/loop/b");
    server.redirect("/loop/b", 302, "/loop/a");

    long t0 = System.nanoTime();
    FetchResult.Failed failed = expect(FetchResult.Failed.class, get("/loop/a"));

    assertTrue(failed.message().contains("redirects"), failed.message());
    assertTrue(server.hits("/loop/a") + server.hits("/loop/b") <= 6, "requests: " + (server.hits("/loop/a") + server.hits("/loop/b")));
    assertTrue(System.nanoTime() - t0 < 3_000_000_000L);
  }

  @Test
  void redirectToItselfFails() {
    server.redirect("/loop/self", 301, "/loop/self");

    FetchResult.Failed failed = expect(FetchResult.Failed.class, get("/loop/self"));

    assertTrue(failed.message().contains("redirects"), failed.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/passwd", "ftp://127.0.0.1/feed.xml", "jar:file:/tmp/x.jar!/a", "javascript:alert(1)"})
  void redirectToAnotherSchemeIsRefused(String location) {
    String path = "/scheme/" + Integer.toHexString(location.hashCode());
    server.redirect(path, 302, location);

    FetchResult.Failed failed = expect(FetchResult.Failed.class, get(path));

    assertTrue(failed.message().contains("unsupported URL scheme in " + location), failed.message());
  }

  @Test
  void redirectWithoutLocationFails() {
    server.serve("/nowhere", 302, new byte[0]);

    FetchResult.Failed failed = expect(FetchResult.Failed.class, get("/nowhere"));

    assertEquals(302, failed.status());
    assertTrue(failed.message().contains("without a Location header"), failed.message());
  }

  /** As browsers follow it: spaces, pipes and Chinese in a Location are percent-encoded. */
  @Test
  void aLocationWithCharactersAUriMayNotHoldIsFollowed() {
    server.serve("/a path with spaces|pipes/频道.xml", FEED, "application/atom+xml");
    server.redirect("/moved-to-spaces", 301, "/a path with spaces|pipes/%E9%A2%91%E9%81%93.xml");

    FetchResult.Fetched f = expect(FetchResult.Fetched.class, get("/moved-to-spaces"));

    assertEquals(server.uri("/a%20path%20with%20spaces%7Cpipes/%E9%A2%91%E9%81%93.xml"), f.finalUrl());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://bad host/feed.xml", "http://[not-an-ip/feed.xml"})
  void malformedLocationIsAFailureNotAnException(String location) {
    String path = "/malformed/" + Integer.toHexString(location.hashCode());
    server.redirect(path, 301, location);

    FetchResult result = get(path);

    FetchResult.Failed failed = expect(FetchResult.Failed.class, result);
    assertEquals(301, failed.status());
    assertTrue(failed.message().contains("invalid Location"), failed.message());
  }
}
