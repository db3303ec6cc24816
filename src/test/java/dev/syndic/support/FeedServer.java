package dev.syndic.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP server on 127.0.0.1 (a free port) that plays the feeds' hosts in tests. A path
 * answers with a fixed reply, which a test may replace between polls, or with a handler of the
 * test's own for what a fixed reply cannot do (slow or endless bodies, answers that depend on the
 * request); anything else answers 404. A fixed reply with an ETag answers 304 to a request whose
 * If-None-Match equals it, as a feed host would. Every request is recorded with its headers, so a
 * test can count hits and check what the client sent. Handlers run on their own threads, so a slow
 * or endless handler does not hold up the others.
 *
 * <pre>{@code
 * try (FeedServer server = FeedServer.start()) {
 *   server.serve("/feed.xml", 200, bytes, "Content-Type", "application/rss+xml", "ETag", "\"v1\"");
 *   fetcher.fetch(FetchRequest.unconditional(server.uri("/feed.xml")));
 * }
 * }</pre>
 */
public final class FeedServer implements AutoCloseable {

  /** A request as the server received it. */
  public record Request(String method, String path, String query, Map<String, List<String>> headers) {

    /** The first value of a request header (case-insensitive), or null. */
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private final String address;

  private FeedServer(String address, SSLContext tls) throws IOException {
    this.address = address;
    if (tls == null) {
      server = HttpServer.create(new InetSocketAddress(address, 0), 0);
    } else {
      HttpsServer https = HttpsServer.create(new InetSocketAddress(address, 0), 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "feed-server");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
  }

  /** Starts a server on 127.0.0.1 and a free port. */
  public static FeedServer start() {
    return start("127.0.0.1", null);
  }

  /**
   * Starts a server on another loopback address ({@code 127.0.0.2}, ...): another server, as far as
   * the fetcher's per-server limits go.
   */
  public static FeedServer startOn(String loopbackAddress) {
    return start(loopbackAddress, null);
  }

  /**
   * Starts an https server on 127.0.0.1 and a free port, with the certificate of {@link
   * TestTls#server()}; a client trusts it through {@link TestTls#client()}.
   */
  public static FeedServer startHttps() {
    return start("127.0.0.1", TestTls.server());
  }

  private static FeedServer start(String address, SSLContext tls) {
    try {
      return new FeedServer(address, tls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>} (https for an https server; its own address for {@link #startOn}), without a trailing slash. */
  public String baseUrl() {
    return (server instanceof HttpsServer ? "https" : "http") + "://" + address + ":" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The absolute URL of a path (which may carry a query), as a string. */
  public String url(String path) {
    return baseUrl() + path;
  }

  public URI uri(String path) {
    return URI.create(url(path));
  }

  /** Answers requests for {@code path} (exact match, query ignored) with a handler of the test's own. */
  public FeedServer handle(String path, HttpHandler handler) {
    handlers.put(path, handler);
    return this;
  }

  /**
   * Answers {@code path} with a status, a body (empty for none) and headers given as name, value
   * pairs. A header may repeat. With an ETag header, a request whose If-None-Match equals it gets
   * 304 and the ETag instead.
   */
  public FeedServer serve(String path, int status, byte[] body, String... headerPairs) {
    if (headerPairs.length % 2 != 0) {
      throw new IllegalArgumentException("headers come in name, value pairs");
    }
    String etag = etag(headerPairs);
    return handle(
        path,
        exchange -> {
          if (etag != null && etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            reply(exchange, 304, new byte[0], "ETag", etag);
          } else {
            reply(exchange, status, body, headerPairs);
          }
        });
  }

  /** Answers {@code path} with 200, the body and its Content-Type. */
  public FeedServer serve(String path, byte[] body, String contentType) {
    return serve(path, 200, body, "Content-Type", contentType);
  }

  /** Answers {@code path} with 200 and the body as {@code application/rss+xml}. */
  public FeedServer serve(String path, byte[] body) {
    return serve(path, body, "application/rss+xml");
  }

  /** Answers {@code path} with a redirect to {@code location} (taken as is, relative or not). */
  public FeedServer redirect(String path, int status, String location) {
    return serve(path, status, new byte[0], "Location", location);
  }

  /** Writes a complete response; for handlers that decide per request. */
  public static void reply(HttpExchange exchange, int status, byte[] body, String... headerPairs) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      headers.add(headerPairs[i], headerPairs[i + 1]);
    }
    boolean noBody = body.length == 0 || status == 304 || status == 204 || exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  /** How many requests a path received. */
  public int hits(String path) {
    return requests(path).size();
  }

  /** How many requests the server received in all. */
  public int totalHits() {
    return requests.size();
  }

  /** The latest request for a path; fails when there was none. */
  public Request lastRequest(String path) {
    List<Request> matching = requests(path);
    if (matching.isEmpty()) {
      throw new AssertionError("no request for " + path + "; requests: " + requests);
    }
    return matching.get(matching.size() - 1);
  }

  /** Requests received for a path, oldest first. */
  private List<Request> requests(String path) {
    List<Request> matching = new ArrayList<>();
    for (Request r : requests) {
      if (r.path().equals(path)) {
        matching.add(r);
      }
    }
    return matching;
  }

  private static String etag(String... headerPairs) {
    for (int i = 0; i < headerPairs.length; i += 2) {
      if (headerPairs[i].equalsIgnoreCase("ETag")) {
        return headerPairs[i + 1];
      }
    }
    return null;
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
    requests.add(new Request(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(), headers));
    HttpHandler handler = handlers.get(uri.getPath());
    try {
      if (handler == null) {
        reply(exchange, 404, ("no handler for " + uri.getPath()).getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain");
      } else {
        handler.handle(exchange);
      }
    } catch (IOException e) {
      // the client went away (a cancelled fetch): nothing to answer
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
