package dev.syndic.fetch;

import static dev.syndic.fetch.FetchTesting.expect;
import static dev.syndic.fetch.FetchTesting.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTP behaviour of {@link FeedFetcher} against a real server on 127.0.0.1: success, validators, statuses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedFetcherTest {

  private static final byte[] FEED = fixture("rss20-full.xml");
  private static final String LAST_MODIFIED = "Tue, 17 Mar 2026 07:00:00 GMT";

  private FeedServer server;
  private FeedFetcher fetcher;

  @BeforeAll
  void start() {
    server = FeedServer.start();
    fetcher = FetchTesting.fetcher(true);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private FetchResult get(String path) {
    return fetcher.fetch(FetchRequest.unconditional(server.uri(path)));
  }

  @Test
  void okResponseCarriesBodyValidatorsAndContentType() {
    server.serve(
        "/ok.xml", 200, FEED,
        "Content-Type", "application/rss+xml; charset=utf-8",
        "ETag", "\"v1-abc\"",
        "Last-Modified", LAST_MODIFIED,
        "Cache-Control", "public, max-age=600");

    FetchResult.Fetched f = expect(FetchResult.Fetched.class, get("/ok.xml"));

    assertEquals(200, f.status());
    assertArrayEquals(FEED, f.body());
    assertEquals("application/rss+xml; charset=utf-8", f.contentType());
    assertEquals("\"v1-abc\"", f.etag());
    assertEquals(LAST_MODIFIED, f.lastModified());
    assertEquals(Duration.ofMinutes(10), f.maxAge());
    assertEquals(server.uri("/ok.xml"), f.finalUrl());
    assertNull(f.movedTo());
  }

  @Test
  void identifiesItselfAndAsksForCompression() {
    server.serve("/ua.xml", FEED, "application/rss+xml");

    expect(FetchResult.Fetched.class, get("/ua.xml"));

    FeedServer.Request request = server.lastRequest("/ua.xml");
    assertEquals("GET", request.method());
    assertEquals(FetchTesting.USER_AGENT, request.header("User-Agent"));
    assertTrue(request.header("Accept-Encoding").contains("gzip"), request.header("Accept-Encoding"));
    assertTrue(request.header("Accept").contains("application/rss+xml"), request.header("Accept"));
  }

  @Test
  void aPlainHttpRequestGoesToTheCheckedAddressWithTheNameInItsHostHeader() throws Exception {
    server.serve("/pinned.xml", FEED, "application/rss+xml");
    URI byName = URI.create("http://localhost:" + server.port() + "/pinned.xml?a=%20b");

    FetchResult.Fetched f = expect(FetchResult.Fetched.class, fetcher.fetch(FetchRequest.unconditional(byName)));

    assertTrue(FeedFetcher.PINNING, "the test JVM allows a Host header, as Application.main does");
    assertEquals("localhost:" + server.port(), server.lastRequest("/pinned.xml").header("Host"));
    assertNull(server.lastRequest("/pinned.xml").header("Upgrade"), "HTTP/1.1: no h2c upgrade that would name the address");
    assertEquals("h.example", FeedFetcher.hostHeader(URI.create("http://h.example:80/x")), "the default port is left out");
    assertEquals("h.example:8080", FeedFetcher.hostHeader(URI.create("http://h.example:8080/x")));
    assertEquals("a=%20b", server.lastRequest("/pinned.xml").query());
    assertEquals(byName, f.finalUrl(), "results name the URL, not the address");
    java.net.InetAddress checked = java.net.InetAddress.getByName("127.0.0.1");
    assertEquals(checked, FeedFetcher.pinnedAddress(byName, checked));
    assertNull(FeedFetcher.pinnedAddress(URI.create("https://localhost/"), checked), "https: the certificate binds the name");
    assertNull(FeedFetcher.pinnedAddress(URI.create("http://127.0.0.1/"), checked), "an address literal is pinned already");
  }

  @ParameterizedTest(name = "{0} at {1} -> {2}")
  @CsvSource({
      "http://h.example/a/b?q=1, 203.0.113.7, http://203.0.113.7/a/b?q=1",
      "http://h.example:8080, 203.0.113.7, http://203.0.113.7:8080/",
      "http://h.example/%E6%96%B0?x=%20#frag, 2001:db8::1, http://[2001:db8:0:0:0:0:0:1]/%E6%96%B0?x=%20"})
  void aPinnedUrlKeepsPortPathAndQuery(String url, String address, String pinned) throws Exception {
    assertEquals(URI.create(pinned), FeedFetcher.pinned(URI.create(url), java.net.InetAddress.getByName(address)));
  }

  @Test
  void unconditionalRequestSendsNoValidators() {
    server.serve("/plain.xml", FEED, "application/rss+xml");

    expect(FetchResult.Fetched.class, get("/plain.xml"));

    FeedServer.Request request = server.lastRequest("/plain.xml");
    assertNull(request.header("If-None-Match"));
    assertNull(request.header("If-Modified-Since"));
  }

  @Test
  void conditionalGetSendsBothValidatorsAndNotModifiedComesBackAsAValue() {
    server.handle(
        "/conditional.xml",
        exchange -> {
          var h = exchange.getRequestHeaders();
          boolean same = "\"v2\"".equals(h.getFirst("If-None-Match")) && LAST_MODIFIED.equals(h.getFirst("If-Modified-Since"));
          if (same) {
            FeedServer.reply(exchange, 304, new byte[0], "ETag", "\"v2\"", "Cache-Control", "max-age=300");
          } else {
            FeedServer.reply(exchange, 200, FEED, "ETag", "\"v2\"", "Last-Modified", LAST_MODIFIED);
          }
        });

    FetchResult first = get("/conditional.xml");
    FetchResult.Fetched fetched = expect(FetchResult.Fetched.class, first);
    FetchResult second = fetcher.fetch(new FetchRequest(server.uri("/conditional.xml"), fetched.etag(), fetched.lastModified()));

    FetchResult.NotModified notModified = expect(FetchResult.NotModified.class, second);
    assertEquals(304, notModified.status());
    assertEquals(Duration.ofSeconds(300), notModified.maxAge());
    FeedServer.Request request = server.lastRequest("/conditional.xml");
    assertEquals("\"v2\"", request.header("If-None-Match"));
    assertEquals(LAST_MODIFIED, request.header("If-Modified-Since"));
  }

  /** A 304 to a request that named no version (a broken cache in front of the feed) is an error, not "nothing new". */
  @Test
  void notModifiedWithoutValidatorsIsAnError() {
    server.handle("/always-304.xml", exchange -> FeedServer.reply(exchange, 304, new byte[0], "ETag", "\"v1\""));

    FetchResult.Failed failed = expect(FetchResult.Failed.class, get("/always-304.xml"));

    assertEquals(304, failed.status());
    assertTrue(failed.message().contains("without If-None-Match or If-Modified-Since"), failed.message());
    FetchResult withValidator = fetcher.fetch(new FetchRequest(server.uri("/always-304.xml"), "\"v1\"", null));
    expect(FetchResult.NotModified.class, withValidator);
  }

  @Test
  void staleValidatorsGetTheNewBody() {
    server.handle(
        "/changed.xml",
        exchange -> {
          boolean same = "\"new\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"));
          FeedServer.reply(exchange, same ? 304 : 200, same ? new byte[0] : FEED, "ETag", "\"new\"");
        });

    FetchResult result = fetcher.fetch(new FetchRequest(server.uri("/changed.xml"), "\"old\"", null));

    FetchResult.Fetched f = expect(FetchResult.Fetched.class, result);
    assertEquals("\"new\"", f.etag());
    assertArrayEquals(FEED, f.body());
  }

  /** Server errors and rate limits: Failed with the status, and Retry-After when the server gave one. */
  @ParameterizedTest(name = "{0} Retry-After: {1}")
  @CsvSource(
      nullValues = "none",
      value = {
        "500, none, none",
        "500, 120, 120",
        "502, none, none",
        "503, 120, 120",
        "503, 'Tue, 17 Mar 2026 08:05:00 GMT', 300",
        "503, 'Tue, 17 Mar 2026 07:00:00 GMT', 0",
        "503, soon, none",
        "429, 30, 30",
        "429, 'Tue, 17 Mar 2026 09:00:00 GMT', 3600",
        "404, none, none",
        "403, none, none",
      })
  void failureStatusesCarryStatusAndRetryAfter(int status, String retryAfter, Long expectedSeconds) {
    String path = "/status/" + status + "/" + (retryAfter == null ? "none" : Integer.toHexString(retryAfter.hashCode()));
    byte[] body = "<html><body>error</body></html>".getBytes();
    if (retryAfter == null) {
      server.serve(path, status, body, "Content-Type", "text/html");
    } else {
      server.serve(path, status, body, "Content-Type", "text/html", "Retry-After", retryAfter);
    }

    // A fetcher of its own: a 429 pauses the host for this fetcher's later requests.
    FetchResult.Failed failed = expect(FetchResult.Failed.class, FetchTesting.fetcher(true).fetch(FetchRequest.unconditional(server.uri(path))));

    assertEquals(status, failed.status());
    assertTrue(failed.message().contains("HTTP " + status), failed.message());
    assertTrue(failed.message().contains(server.url(path)), failed.message());
    assertEquals(expectedSeconds == null ? null : Duration.ofSeconds(expectedSeconds), failed.retryAfter());
  }

  @ParameterizedTest(name = "Retry-After: {0}")
  @CsvSource(nullValues = "none", value = {"30, 30", "none, 60", "86400, 3600"})
  void a429PausesTheWholeHostForTheTimeItAsksWithinAnHour(String retryAfter, long pausedSeconds) {
    FeedFetcher own = FetchTesting.fetcher(true);
    String limited = "/limited/" + retryAfter + ".xml";
    if (retryAfter == null) {
      server.serve(limited, 429, "slow down".getBytes(), "Content-Type", "text/plain");
    } else {
      server.serve(limited, 429, "slow down".getBytes(), "Content-Type", "text/plain", "Retry-After", retryAfter);
    }
    String other = "/limited/other-" + retryAfter + ".xml";
    server.serve(other, FEED);

    assertEquals(429, expect(FetchResult.Failed.class, own.fetch(FetchRequest.unconditional(server.uri(limited)))).status());
    FetchResult.HostPaused paused = expect(FetchResult.HostPaused.class, own.fetch(FetchRequest.unconditional(server.uri(other))));

    assertEquals("127.0.0.1", paused.host());
    assertEquals(FetchTesting.NOW.plusSeconds(pausedSeconds), paused.until());
    assertEquals(0, server.hits(other), "the paused host is not asked again");
  }

  @Test
  void goneIsItsOwnOutcome() {
    server.serve("/gone.xml", 410, "gone".getBytes(), "Content-Type", "text/plain");

    FetchResult.Gone gone = expect(FetchResult.Gone.class, get("/gone.xml"));

    assertEquals(410, gone.status());
  }

  @Test
  void emptyOkBodyFails() {
    server.serve("/empty.xml", 200, new byte[0], "Content-Type", "application/rss+xml");

    FetchResult.Failed failed = expect(FetchResult.Failed.class, get("/empty.xml"));

    assertEquals(200, failed.status());
    assertTrue(failed.message().startsWith("empty response from " + server.url("/empty.xml")), failed.message());
  }

  /** Bodies come back decoded whatever Content-Encoding the server chose. */
  @ParameterizedTest
  @ValueSource(strings = {"gzip", "x-gzip", "GZIP", "deflate-zlib", "deflate-raw", "identity", "none"})
  void compressedBodiesAreDecoded(String encoding) {
    byte[] wire;
    String header;
    switch (encoding) {
      case "gzip", "x-gzip", "GZIP" -> {
        wire = FetchTesting.gzip(FEED);
        header = encoding;
      }
      case "deflate-zlib" -> {
        wire = FetchTesting.deflate(FEED, true);
        header = "deflate";
      }
      case "deflate-raw" -> {
        wire = FetchTesting.deflate(FEED, false);
        header = "deflate";
      }
      case "identity" -> {
        wire = FEED;
        header = "identity";
      }
      default -> {
        wire = FEED;
        header = null;
      }
    }
    String path = "/encoded/" + encoding;
    if (header == null) {
      server.serve(path, 200, wire, "Content-Type", "application/rss+xml");
    } else {
      server.serve(path, 200, wire, "Content-Type", "application/rss+xml", "Content-Encoding", header);
    }

    FetchResult.Fetched f = expect(FetchResult.Fetched.class, get(path));

    assertArrayEquals(FEED, f.body());
    if (!encoding.equals("identity") && !encoding.equals("none")) {
      assertTrue(wire.length < FEED.length, "the fixture should compress");
    }
  }

  /** Codings applied one after the other (RFC 9110 8.4) are undone in the reverse order. */
  @ParameterizedTest
  @ValueSource(strings = {"gzip, gzip", "deflate,gzip", "identity, gzip"})
  void severalContentCodingsAreUndoneInTurn(String codings) {
    byte[] wire = FEED;
    for (String coding : codings.split(",")) {
      wire = switch (coding.trim()) {
        case "gzip" -> FetchTesting.gzip(wire);
        case "deflate" -> FetchTesting.deflate(wire, true);
        default -> wire;
      };
    }
    String path = "/codings/" + Integer.toHexString(codings.hashCode());
    server.serve(path, 200, wire, "Content-Type", "application/rss+xml", "Content-Encoding", codings);

    assertArrayEquals(FEED, expect(FetchResult.Fetched.class, get(path)).body());
  }

  /**
   * The same, the codings written on two header lines (RFC 9110 5.3: one list); only the first
   * line was read, and the body came out gzipped still, "not XML" to the parser.
   */
  @Test
  void contentCodingsOnSeveralHeaderLinesAreAllUndone() {
    byte[] wire = FetchTesting.gzip(FetchTesting.deflate(FEED, true));
    server.serve("/codings/two-lines", 200, wire, "Content-Type", "application/rss+xml", "Content-Encoding", "deflate",
        "Content-Encoding", "gzip");

    assertArrayEquals(FEED, expect(FetchResult.Fetched.class, get("/codings/two-lines")).body());
  }

  /** An empty body is empty however it says it is encoded (a gzip reader found it "corrupt: null"). */
  @Test
  void anEmptyCompressedBodyIsAnEmptyResponse() {
    server.serve("/empty-gzip.xml", 200, new byte[0], "Content-Type", "application/rss+xml", "Content-Encoding", "gzip");

    FetchResult.Failed failed = expect(FetchResult.Failed.class, get("/empty-gzip.xml"));

    assertTrue(failed.message().startsWith("empty response from " + server.url("/empty-gzip.xml")), failed.message());
  }

  @Test
  void gzipBombStopsAtTheCap() {
    byte[] bomb = FetchTesting.gzipBomb(32 * 1024 * 1024);
    assertTrue(bomb.length < 64 * 1024, "the bomb is small on the wire: " + bomb.length);
    server.serve("/bomb.xml", 200, bomb, "Content-Type", "application/rss+xml", "Content-Encoding", "gzip");

    long t0 = System.nanoTime();
    FetchResult.Failed failed = expect(FetchResult.Failed.class, get("/bomb.xml"));
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertEquals(200, failed.status());
    assertTrue(failed.message().contains("larger than the limit of 65536 bytes after decompression"), failed.message());
    assertTrue(ms < 2500, "took " + ms + " ms");
  }

  @Test
  void corruptCompressedBodyFailsWithAMessage() {
    byte[] gz = FetchTesting.gzip(FEED);
    byte[] truncated = java.util.Arrays.copyOf(gz, gz.length / 2);
    server.serve("/corrupt.xml", 200, truncated, "Content-Encoding", "gzip");

    FetchResult.Failed failed = expect(FetchResult.Failed.class, get("/corrupt.xml"));

    assertTrue(failed.message().contains("compressed body from " + server.url("/corrupt.xml") + " is corrupt"), failed.message());
  }

  @Test
  void unknownContentEncodingFails() {
    server.serve("/brotli.xml", 200, FEED, "Content-Encoding", "br");

    FetchResult.Failed failed = expect(FetchResult.Failed.class, get("/brotli.xml"));

    assertTrue(failed.message().contains("unsupported Content-Encoding 'br'"), failed.message());
  }

  @Test
  void refusedConnectionIsAFailureNotAnException() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port + "/feed.xml");

    FetchResult.Failed failed = expect(FetchResult.Failed.class, fetcher.fetch(FetchRequest.unconditional(closed)));

    assertEquals(0, failed.status());
    assertTrue(failed.message().startsWith("could not fetch " + closed), failed.message());
    // The JDK's client says only "ConnectException", with no message and none in its causes.
    assertTrue(failed.message().contains("could not connect to 127.0.0.1:" + port + " (refused, or no route to it)"), failed.message());
    assertNull(failed.retryAfter());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://ftp.example.com/feed.xml", "gopher://example.com/1", "mailto:feeds@example.com", "jar:file:/x.jar!/feed.xml"})
  void onlyHttpAndFileSchemesAreFetched(String url) {
    FetchResult.Failed failed = expect(FetchResult.Failed.class, fetcher.fetch(FetchRequest.unconditional(URI.create(url))));

    assertTrue(failed.message().contains("unsupported URL scheme in " + url), failed.message());
  }

  /**
   * A feed behind HTTP authentication, subscribed as {@code https://user:password@host/feed}, as
   * curl, feedparser and newsboat take it: the fetcher sent no credentials, so such a source was
   * answered 401 at every poll. They go as Basic (RFC 7617, UTF-8) to that address's own server,
   * and to a relative redirect's, which stays on it.
   */
  @Test
  void credentialsInTheAddressAreSentAsBasicAuthentication() {
    server.serve("/private.xml", FEED, "application/rss+xml");
    server.redirect("/private-moved.xml", 302, "/private.xml");
    URI address = URI.create("http://reader:s%C3%A9cret%40x@127.0.0.1:" + server.port() + "/private-moved.xml");

    expect(FetchResult.Fetched.class, fetcher.fetch(FetchRequest.unconditional(address)));

    String expected = "Basic " + java.util.Base64.getEncoder().encodeToString("reader:sécret@x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(expected, server.lastRequest("/private-moved.xml").header("Authorization"));
    assertEquals(expected, server.lastRequest("/private.xml").header("Authorization"), "a relative redirect stays on the server");
  }

  /** Credentials are for the server the address names: a redirect to another server (another port is another origin) is sent none. */
  @Test
  void credentialsAreNotSentToAnotherServerARedirectNames() {
    try (FeedServer other = FeedServer.start()) {
      other.serve("/elsewhere.xml", FEED, "application/rss+xml");
      server.redirect("/leaving.xml", 302, other.url("/elsewhere.xml"));

      expect(FetchResult.Fetched.class, fetcher.fetch(FetchRequest.unconditional(
          URI.create("http://reader:secret@127.0.0.1:" + server.port() + "/leaving.xml"))));

      assertEquals(null, other.lastRequest("/elsewhere.xml").header("Authorization"));
    }
  }
}
