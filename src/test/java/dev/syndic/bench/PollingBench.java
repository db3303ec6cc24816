package dev.syndic.bench;

import java.lang.management.ManagementFactory;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Polling: one full cycle over 10,000 unchanged sources that answer 304 (after a first cycle of
 * 200s with ETags), through the real scheduler, fetcher and poller, against a bare JDK {@code
 * HttpClient} loop making the same conditional GETs with the same concurrency (the 8 threads of the
 * {@code poller} executor), in the same run; and the heap the cycle needs. Run the JVM with
 * -Xmx512m: {@code src/bench/poll_vs_httpclient.sh}. Argument: sources (10000).
 */
public final class PollingBench {

  private static final int CONCURRENCY = 8; // micronaut.executors.poller.nThreads in application.yml

  public static void main(String[] args) throws Exception {
    int sources = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    System.out.printf("max heap %d MB; %d sources; concurrency %d%n", Runtime.getRuntime().maxMemory() >> 20, sources, CONCURRENCY);
    try (CorpusServer server = new CorpusServer(4, PollingBench::doc);
        SyndicUnderTest syndic = SyndicUnderTest.start(System.getProperty("bench.tick", "5s"))) {
      List<String> urls = new ArrayList<>();
      for (int i = 0; i < sources; i++) {
        urls.add(server.url("/p/" + i + ".xml"));
      }
      bare(urls, Math.min(2000, sources)); // warm-up
      double bareBefore = bare(urls, sources);
      System.out.printf("bare HttpClient (before): %,.0f req/s%n", bareBefore);

      syndic.addSources(urls);
      SyndicUnderTest.Cycle first = syndic.cycle(server.url("/p/"), Duration.ofMinutes(60));
      System.out.printf("syndic first cycle (200 + ETag, 2 entries each): %.1f s, outcomes %s%n",
          first.polling().toMillis() / 1e3, syndic.outcomes(server.url("/p/"), first.start()));
      // The 304 path is other code than the first cycle's: unmeasured cycles let the JIT compile
      // it (measured: 10 s of compilation fell into the cycle after none, 2 s after one, 2.7 s
      // after two, 0.1 s after four), as a service polling for days has it compiled and the
      // reference loop is warmed by its own runs.
      for (int w = 0; w < Integer.getInteger("bench.warm", 4); w++) {
        SyndicUnderTest.Cycle warm = syndic.cycle(server.url("/p/"), Duration.ofMinutes(60));
        System.out.printf("syndic warm-up cycle (304): %.1f s%n", warm.polling().toMillis() / 1e3);
      }
      // The first cycle's entries are indexed for search now (the background indexer, a fifth of
      // a core, takes minutes), so the measured cycle's CPU is the polling's own.
      // Then vacuumed and checkpointed: indexing at once leaves 20,000 dead rows, and autovacuum
      // cleaning them up during the measured cycle doubled PostgreSQL's CPU per poll.
      syndic.indexForSearchNow();
      syndic.awaitSearchIndexed(Duration.ofMinutes(5));
      syndic.execute("VACUUM ANALYZE");
      syndic.execute("CHECKPOINT");

      HeapWatch heap = new HeapWatch();
      long served = server.notModified();
      long busy = server.busyNanos();
      java.util.Map<String, Long> threadsBefore = JvmThreads.cpuByName();
      long gcBefore = JvmThreads.gcMillis();
      long classesBefore = java.lang.management.ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
      long compileBefore = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
      SyndicUnderTest.Cycle cycle = syndic.cycle(server.url("/p/"), Duration.ofMinutes(60));
      java.util.Map<String, Long> threadsAfter = JvmThreads.cpuByName();
      threadsAfter.replaceAll((k, v) -> v - threadsBefore.getOrDefault(k, 0L));
      System.out.printf("  gc %d ms, classes loaded %d, jit %d ms during the cycle%n", JvmThreads.gcMillis() - gcBefore,
          java.lang.management.ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - classesBefore,
          java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compileBefore);
      threadsAfter.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
          .forEach(e -> System.out.printf("  threads %s: %.0f us per poll%n", e.getKey(), e.getValue() / 1e3 / cycle.sources()));
      heap.stop();
      double syndicRate = sources / (cycle.polling().toNanos() / 1e9);
      System.out.printf("CPU per poll in that cycle: JVM %.0f us, PostgreSQL %.0f us%n",
          cycle.cpu().jvm().toNanos() / 1e3 / cycle.sources(), cycle.cpu().postgres().toNanos() / 1e3 / cycle.sources());
      System.out.printf("syndic second cycle: outcomes %s; server answered %d x 304, handlers busy %.1f s of %.1f s%n",
          syndic.outcomes(server.url("/p/"), cycle.start()), server.notModified() - served,
          (server.busyNanos() - busy) / 1e9, cycle.polling().toMillis() / 1e3);
      System.out.printf("syndic: %d sources in %.1f s from the first poll to the end of the last (%.1f s since due): %,.0f sources/s%n",
          sources, cycle.polling().toMillis() / 1e3, cycle.sinceDue().toMillis() / 1e3, syndicRate);
      System.out.printf("heap during the cycle: peak used %d MB (sampled every 10 ms), heap committed %d MB%n",
          heap.peakUsed >> 20, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 20);

      double bareAfter = bare(urls, sources);
      System.out.printf("bare HttpClient (after): %,.0f req/s%n", bareAfter);
      double reference = Math.max(bareBefore, bareAfter);
      System.out.printf("RESULT polling: %d unchanged sources, cycle %.1f s = %,.0f sources/s; bare HttpClient %,.0f req/s (best of 2); ratio %.2f (goal >= 0.5); peak heap %d MB of %d MB%n",
          sources, cycle.polling().toMillis() / 1e3, syndicRate, reference, syndicRate / reference, heap.peakUsed >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
    }
    System.exit(0);
  }

  private static CorpusServer.Doc doc(String path) {
    if (!path.startsWith("/p/") || !path.endsWith(".xml")) {
      return null;
    }
    int index = Integer.parseInt(path.substring(3, path.length() - 4));
    return new CorpusServer.Doc("\"p-" + index + "\"", () -> SyntheticFeeds.feed("p", index, 2));
  }

  /** The same conditional GETs from {@code CONCURRENCY} threads over one client; requests per second. */
  private static double bare(List<String> urls, int n) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    ExecutorService threads = Executors.newFixedThreadPool(CONCURRENCY);
    AtomicInteger next = new AtomicInteger();
    AtomicLong notModified = new AtomicLong();
    long t0 = System.nanoTime();
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < CONCURRENCY; t++) {
      running.add(threads.submit(() -> {
        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
          HttpRequest request = HttpRequest.newBuilder(URI.create(urls.get(i))).timeout(Duration.ofSeconds(30))
              .header("If-None-Match", "\"p-" + i + "\"").build();
          if (client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 304) {
            notModified.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    double rate = n / ((System.nanoTime() - t0) / 1e9);
    threads.shutdown();
    if (notModified.get() != n) {
      throw new IllegalStateException("bare loop: only " + notModified.get() + " of " + n + " answered 304");
    }
    return rate;
  }
}
