package dev.syndic.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Serves feeds on 127.0.0.1 from a function of the path (so 10,000 feeds cost no heap), with an
 * ETag per feed and 304 for a matching If-None-Match. Has its own thread pool, so it is not the
 * single-threaded default of {@link HttpServer}, and counts how long its handlers were busy.
 */
final class CorpusServer implements AutoCloseable {

  /** A feed's validator, and its document, made only when a full response is sent. */
  record Doc(String etag, Supplier<byte[]> body) {}

  private final HttpServer server;
  private final ExecutorService pool;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong notModified = new AtomicLong();
  private final AtomicLong busyNanos = new AtomicLong();

  CorpusServer(int threads, Function<String, Doc> docs) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "corpus-server");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", exchange -> {
      long t0 = System.nanoTime();
      try (exchange) {
        requests.incrementAndGet();
        Doc doc = docs.apply(exchange.getRequestURI().getPath());
        if (doc == null) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        exchange.getResponseHeaders().set("ETag", doc.etag());
        if (doc.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
          notModified.incrementAndGet();
          exchange.sendResponseHeaders(304, -1);
          return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
        byte[] body = doc.body().get();
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      } finally {
        busyNanos.addAndGet(System.nanoTime() - t0);
      }
    });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  long requests() {
    return requests.get();
  }

  long notModified() {
    return notModified.get();
  }

  /** Total time spent inside handlers, all threads together. */
  long busyNanos() {
    return busyNanos.get();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
