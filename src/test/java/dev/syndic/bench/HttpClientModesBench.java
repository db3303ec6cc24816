package dev.syndic.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Why the fetcher uses the blocking {@code HttpClient.send}: the CPU per request of {@code send}
 * against {@code sendAsync(...).get()} on one JDK client, 8 threads of conditional GETs answered
 * 304 by a local server, three rounds of each. {@code src/bench/run_bench.sh HttpClientModesBench 256m}.
 */
public final class HttpClientModesBench {

  private static final int THREADS = 8;
  private static final int REQUESTS = 20_000;

  public static void main(String[] args) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("ETag", "\"x\"");
      exchange.sendResponseHeaders(304, -1);
      exchange.close();
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/p/";
    for (int round = 0; round < 3; round++) {
      for (boolean async : new boolean[] {false, true}) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        run(client, base, async, 2_000); // warm-up
        long cpu = cpu();
        long t0 = System.nanoTime();
        run(client, base, async, REQUESTS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("round %d %s: %,.0f req/s, CPU %.0f us per request (client and server)%n", round,
            async ? "sendAsync().get()" : "send()", REQUESTS / seconds, (cpu() - cpu) / 1e3 / REQUESTS);
      }
    }
    System.exit(0);
  }

  private static long cpu() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void run(HttpClient client, String base, boolean async, int n) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      running.add(threads.submit(() -> {
        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
          HttpRequest request = HttpRequest.newBuilder(URI.create(base + i + ".xml")).timeout(Duration.ofSeconds(30))
              .header("If-None-Match", "\"x\"").build();
          HttpResponse<byte[]> response = async
              ? client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).get(30, TimeUnit.SECONDS)
              : client.send(request, HttpResponse.BodyHandlers.ofByteArray());
          if (response.statusCode() != 304) {
            throw new IllegalStateException("status " + response.statusCode());
          }
        }
        return null;
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    threads.shutdown();
  }
}
