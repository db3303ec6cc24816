package dev.syndic.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 serving feed bytes that tests can change between polls. Answers
 * 304 when the request's If-None-Match equals the current ETag.
 */
public final class FeedServer implements AutoCloseable {

  /** What a path answers. */
  public record Response(int status, String contentType, byte[] body, String etag) {}

  private final HttpServer server;
  private final Map<String, Response> responses = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  public FeedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      Response r = responses.get(path);
      if (r == null) {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
      if (r.etag() != null) {
        exchange.getResponseHeaders().set("ETag", r.etag());
        if (r.etag().equals(ifNoneMatch)) {
          exchange.sendResponseHeaders(304, -1);
          exchange.close();
          return;
        }
      }
      exchange.getResponseHeaders().set("Content-Type", r.contentType());
      exchange.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(r.body());
      }
    });
    server.start();
  }

  public void serve(String path, int status, String contentType, byte[] body, String etag) {
    responses.put(path, new Response(status, contentType, body, etag));
  }

  public void serve(String path, byte[] body) {
    serve(path, 200, "application/rss+xml", body, null);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public int hits(String path) {
    return hits.getOrDefault(path, new AtomicInteger()).get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
