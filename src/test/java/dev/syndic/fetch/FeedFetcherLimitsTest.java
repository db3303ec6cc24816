package dev.syndic.fetch;

import static dev.syndic.fetch.FetchTesting.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile and broken servers: every fetch ends within the configured time (connect 1 s + read 2 s
 * here) and holds at most the 64 KiB cap, and each failure says what happened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedFetcherLimitsTest {

  private static final long TOTAL_MS = 3000;

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

  /** Runs the fetch and returns its result with how long it took. */
  private record Timed(FetchResult result, long ms) {}

  private Timed timed(java.net.URI url) {
    long t0 = System.nanoTime();
    FetchResult result = fetcher.fetch(FetchRequest.unconditional(url));
    return new Timed(result, (System.nanoTime() - t0) / 1_000_000);
  }

  /** Writes chunks until the client hangs up (or 15 s pass, so a broken test cannot hang). */
  private static void writeForever(OutputStream out, byte[] chunk) throws IOException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      out.write(chunk);
      out.flush();
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void declaredLengthOverTheCapFailsBeforeReading() {
    server.handle(
        "/huge.xml",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
          exchange.sendResponseHeaders(200, 2_000_000_000L);
          exchange.getResponseBody().write("<rss>".getBytes(StandardCharsets.US_ASCII));
          exchange.getResponseBody().flush();
          sleepQuietly(TOTAL_MS + 2000);
        });

    Timed t = timed(server.uri("/huge.xml"));

    FetchResult.Failed failed = expect(FetchResult.Failed.class, t.result());
    assertTrue(failed.message().contains("larger than the limit of 65536 bytes"), failed.message());
    assertTrue(t.ms() < 1500, "took " + t.ms() + " ms");
  }

  @Test
  void endlessChunkedBodyFailsAtTheCap() {
    byte[] chunk = "<item><title>again</title></item>\n".repeat(200).getBytes(StandardCharsets.US_ASCII);
    server.handle(
        "/endless.xml",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
          exchange.sendResponseHeaders(200, 0);
          writeForever(exchange.getResponseBody(), chunk);
        });

    Timed t = timed(server.uri("/endless.xml"));

    FetchResult.Failed failed = expect(FetchResult.Failed.class, t.result());
    assertTrue(failed.message().contains("larger than the limit of 65536 bytes, from " + server.url("/endless.xml")), failed.message());
    assertTrue(t.ms() < 2500, "took " + t.ms() + " ms");
  }

  @Test
  void errorStatusWithEndlessBodyFailsPromptlyWithItsStatus() {
    byte[] chunk = "<p>Internal error</p>\n".repeat(400).getBytes(StandardCharsets.US_ASCII);
    server.handle(
        "/endless-error.xml",
        exchange -> {
          exchange.getResponseHeaders().set("Retry-After", "60");
          exchange.sendResponseHeaders(503, 0);
          writeForever(exchange.getResponseBody(), chunk);
        });

    Timed t = timed(server.uri("/endless-error.xml"));

    FetchResult.Failed failed = expect(FetchResult.Failed.class, t.result());
    assertEquals(503, failed.status());
    assertEquals(Duration.ofSeconds(60), failed.retryAfter());
    assertTrue(t.ms() < 2500, "took " + t.ms() + " ms");
  }

  @Test
  void oneBytePerSecondFailsWithinTheTotalTime() {
    byte[] body = "<rss version=\"2.0\"><channel><title>slow</title></channel></rss>".getBytes(StandardCharsets.US_ASCII);
    server.handle(
        "/slow.xml",
        exchange -> {
          exchange.sendResponseHeaders(200, body.length);
          OutputStream out = exchange.getResponseBody();
          for (byte b : body) {
            out.write(b);
            out.flush();
            sleepQuietly(1000);
          }
        });

    Timed t = timed(server.uri("/slow.xml"));

    FetchResult.Failed failed = expect(FetchResult.Failed.class, t.result());
    assertTrue(failed.message().contains("no complete response from " + server.url("/slow.xml") + " within 3 s"), failed.message());
    assertTrue(t.ms() >= TOTAL_MS - 100 && t.ms() < TOTAL_MS + 1500, "took " + t.ms() + " ms");
  }

  @Test
  void headersThenSilenceFailsWithinTheTotalTime() {
    server.handle(
        "/stalled.xml",
        exchange -> {
          exchange.sendResponseHeaders(200, 1000);
          exchange.getResponseBody().flush();
          sleepQuietly(TOTAL_MS + 2000);
        });

    Timed t = timed(server.uri("/stalled.xml"));

    FetchResult.Failed failed = expect(FetchResult.Failed.class, t.result());
    assertTrue(failed.message().contains("no complete response from " + server.url("/stalled.xml") + " within 3 s"), failed.message());
    assertTrue(t.ms() >= TOTAL_MS - 100 && t.ms() < TOTAL_MS + 1500, "took " + t.ms() + " ms");
  }

  /**
   * Redirects that each answer just within the read timeout: the deadline is the whole fetch's,
   * not each hop's (five slow hops took five times as long, and with a page's announced feed
   * fetched after it, longer than a poll's lease).
   */
  @Test
  void slowRedirectsFailWithinTheTotalTimeOfTheWholeFetch() {
    byte[] feed = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 5; i++) {
      String next = i == 4 ? "/slow-hops/feed.xml" : "/slow-hops/" + (i + 1);
      server.handle("/slow-hops/" + i, exchange -> {
        sleepQuietly(1500);
        FeedServer.reply(exchange, 302, new byte[0], "Location", next);
      });
    }
    server.serve("/slow-hops/feed.xml", feed, "application/rss+xml");

    Timed t = timed(server.uri("/slow-hops/0"));

    FetchResult.Failed failed = expect(FetchResult.Failed.class, t.result());
    assertTrue(failed.message().contains("within 3 s"), failed.message());
    assertTrue(t.ms() < TOTAL_MS + 1500, "took " + t.ms() + " ms");
  }

  @Test
  void serverThatNeverAnswersTimesOut() throws Exception {
    try (RawSocketServer silent = new RawSocketServer(socket -> Thread.sleep(10_000))) {
      Timed t = timed(silent.uri("/silent.xml"));

      FetchResult.Failed failed = expect(FetchResult.Failed.class, t.result());
      assertEquals(0, failed.status());
      assertTrue(failed.message().contains(silent.uri("/silent.xml").toString()), failed.message());
      assertTrue(failed.message().contains("timed out") || failed.message().contains("no complete response"), failed.message());
      assertTrue(t.ms() < TOTAL_MS + 1500, "took " + t.ms() + " ms");
    }
  }

  @Test
  void connectionResetIsAFailure() throws Exception {
    try (RawSocketServer resetting = new RawSocketServer(RawSocketServer::reset)) {
      Timed t = timed(resetting.uri("/reset.xml"));

      FetchResult.Failed failed = expect(FetchResult.Failed.class, t.result());
      assertEquals(0, failed.status());
      assertTrue(failed.message().startsWith("could not fetch " + resetting.uri("/reset.xml") + " ("), failed.message());
      assertTrue(resetting.connections() >= 1);
      assertTrue(t.ms() < TOTAL_MS, "took " + t.ms() + " ms");
    }
  }

  @Test
  void resetInTheMiddleOfTheBodyIsAFailure() throws Exception {
    RawSocketServer.Behaviour halfThenReset =
        socket -> {
          OutputStream out = socket.getOutputStream();
          out.write("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 5000\r\n\r\n<rss version=\"2.0\"><chan".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          Thread.sleep(200);
          RawSocketServer.reset(socket);
        };
    try (RawSocketServer resetting = new RawSocketServer(halfThenReset)) {
      FetchResult.Failed failed = expect(FetchResult.Failed.class, timed(resetting.uri("/half.xml")).result());

      assertTrue(failed.message().startsWith("could not fetch " + resetting.uri("/half.xml")), failed.message());
    }
  }

  @Test
  void bodyShorterThanItsContentLengthIsAFailure() throws Exception {
    RawSocketServer.Behaviour shortBody =
        (Socket socket) -> {
          OutputStream out = socket.getOutputStream();
          out.write("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n<rss/>".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          socket.shutdownOutput();
        };
    try (RawSocketServer truncating = new RawSocketServer(shortBody)) {
      FetchResult.Failed failed = expect(FetchResult.Failed.class, timed(truncating.uri("/short.xml")).result());

      assertTrue(failed.message().startsWith("could not fetch " + truncating.uri("/short.xml")), failed.message());
    }
  }

  @Test
  void garbageInsteadOfHttpIsAFailure() throws Exception {
    RawSocketServer.Behaviour garbage =
        socket -> {
          socket.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          socket.shutdownOutput();
        };
    try (RawSocketServer notHttp = new RawSocketServer(garbage)) {
      Timed t = timed(notHttp.uri("/ssh"));

      FetchResult.Failed failed = expect(FetchResult.Failed.class, t.result());
      assertTrue(failed.message().startsWith("could not fetch " + notHttp.uri("/ssh")), failed.message());
      assertTrue(t.ms() < TOTAL_MS + 1500, "took " + t.ms() + " ms");
    }
  }
}
