package dev.syndic.bench;

import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingest: entries per second through Syndic's whole pipeline (scheduler, fetch over HTTP,
 * decode, parse, clean, store, categorize, dedupe, fetch record) for 1,000 feeds of 50 entries,
 * against Rome alone parsing the same bytes on one thread, in the same run. Then the common case
 * afterwards: every feed fetched again with one new entry on top of 49 stored ones.
 *
 * <p>Run with {@code src/bench/ingest_vs_rome.sh}. Arguments: feeds (1000), entries per feed (50).
 */
public final class IngestBench {

  // A service that runs for days has its hot paths compiled, so Syndic warms up in rounds of other
  // feeds until the JIT's compilers use under a twentieth of the JVM's CPU in a round. A fixed
  // warm-up of 300 feeds (as many entries as Rome's warm-up reads) left them compiling the rules,
  // the cleaner and the fingerprint at C2 in the measured cycle, at 94 to 128 us of CPU per entry.
  // Code run once or a few times per fetch (the HTTP client, the driver, the ingest transaction,
  // the metrics) reaches C2's threshold (5,000 calls, more while the compilers are busy) only after
  // thousands of fetches: after 2,000 warm-up feeds, 374 of the measured cycle's 410 C2
  // compilations were such methods compiled for the first time. So each round begins with
  // FETCH_ROUND small feeds (SMALL_FEED entries each), which make those calls cheaply.
  private static final int WARM_ROUND = 200;
  private static final int WARM_FEEDS = Integer.getInteger("bench.warm", 2000);
  private static final int FETCH_ROUND = Integer.getInteger("bench.warmFetches", 800);
  private static final int SMALL_FEED = 2;
  private static final int ROME_WARM_FEEDS = 300;
  private static final int ROME_PASSES = 3;

  public static void main(String[] args) throws Exception {
    int feeds = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int perFeed = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    byte[][] romeWarm = corpus("w", ROME_WARM_FEEDS, perFeed);
    // Only the server's reference is kept, so that the corpus can go when its later version comes.
    served = corpus("c", feeds, perFeed);
    long corpusBytes = 0;
    for (byte[] b : served) {
      corpusBytes += b.length;
    }
    System.out.printf("corpus: %d feeds x %d entries, %.1f MB (warm-up: rounds of %d other feeds, at most %d)%n",
        feeds, perFeed, corpusBytes / 1e6, WARM_ROUND, WARM_FEEDS);

    // Rome alone, one thread: warm up on the other corpus, then time the whole corpus, best of
    // ROME_PASSES passes. Syndic warms up until its compilers are nearly idle; Rome's first pass
    // over the corpus was still compiling, 7 to 9 % slower than the passes after it, which made
    // the ratio look better than it was.
    rome(romeWarm);
    double romeBefore = 0;
    for (int pass = 0; pass < ROME_PASSES; pass++) {
      romeCpuNanos = 0;
      romeEntries = 0;
      romeBefore = Math.max(romeBefore, rome(served));
    }
    System.out.printf("rome (before): %,.0f entries/s (best of %d passes)%n", romeBefore, ROME_PASSES);

    try (CorpusServer server = new CorpusServer(4, path -> doc(path, perFeed, served, servedVersion));
        SyndicUnderTest syndic = SyndicUnderTest.start("1s")) {
      syndic.addSources(urls(server, "/c/", feeds));
      warmUp(syndic, server);
      // The warm-up's entries are indexed for search before the measured cycle starts (at once:
      // the background indexer's budget would take minutes), and its rows are vacuumed, or
      // autovacuum, woken by them, runs in the measured cycle.
      syndic.indexForSearchNow();
      syndic.execute("VACUUM ANALYZE");
      if (Boolean.getBoolean("bench.pgss")) {
        syndic.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        syndic.execute("SELECT pg_stat_statements_reset()");
      }
      TableWrites writesBefore = Boolean.getBoolean("bench.pgss") ? TableWrites.readSettled(syndic) : null;
      SyndicUnderTest.Cpu before = syndic.cpu();
      var threadsBefore = JvmThreads.cpuByName();
      long gcBefore = JvmThreads.gcMillis();
      long jitBefore = JvmThreads.jitMillis();
      SyndicUnderTest.Cycle cycle = syndic.cycle(server.url("/c/"), Duration.ofMinutes(60));
      JvmThreads.print(threadsBefore, gcBefore, jitBefore, (long) feeds * perFeed, "entry");
      String prefix = server.url("/c/") + "%";
      long stored = syndic.number("SELECT count(*) FROM entry e JOIN source s ON s.id = e.source_id WHERE s.url LIKE ?", prefix);
      long categorized = syndic.number(
          "SELECT count(DISTINCT ec.entry_id) FROM entry_category ec JOIN entry e ON e.id = ec.entry_id JOIN source s ON s.id = e.source_id WHERE s.url LIKE ?", prefix);
      long clustered = syndic.number(
          "SELECT count(*) FROM entry e JOIN source s ON s.id = e.source_id WHERE s.url LIKE ? AND e.cluster_id <> e.id", prefix);
      System.out.printf("syndic: %d feeds, outcomes %s, %d entries stored (%d categorized, %d joined another cluster)%n",
          cycle.sources(), syndic.outcomes(server.url("/c/"), cycle.start()), stored, categorized, clustered);
      if (stored != (long) feeds * perFeed) {
        System.out.println("WARNING: expected " + (long) feeds * perFeed + " entries; an error: " + syndic.anError(server.url("/c/")));
      }
      double syndicRate = stored / (cycle.polling().toNanos() / 1e9);
      System.out.printf("syndic: %,.0f entries/s (%.1f s from the first poll to the end of the last; %.1f s since due)%n",
          syndicRate, cycle.polling().toMillis() / 1e3, cycle.sinceDue().toMillis() / 1e3);

      if (Boolean.getBoolean("bench.pgss")) {
        syndic.printStatements(stored);
        TableWrites.readSettled(syndic).printSince(writesBefore, stored);
      }
      // The search index is filled in the background at most a quarter of each second, so how much
      // of it falls before the last poll depends on how long the polling took: the complete cost
      // of an entry is measured once the cycle's entries are all indexed.
      if (Boolean.getBoolean("bench.quick")) {
        System.out.printf("CPU per entry to the last poll: JVM %.0f us, PostgreSQL %.0f us (bench.quick: no search-index wait)%n",
            cycle.cpu().jvm().toNanos() / 1e3 / stored, cycle.cpu().postgres().toNanos() / 1e3 / stored);
        System.out.printf("RESULT ingest: syndic %,.0f entries/s, rome alone %,.0f entries/s (1 thread, its best pass before), ratio %.2f (goal >= 0.5)%n",
            syndicRate, romeBefore, syndicRate / romeBefore);
        syndic.indexForSearchNow();
        laterFetch(syndic, server, feeds, perFeed);
        return;
      }
      // At once, not at the background indexer's pace (a fifth of a core): the same work, sooner.
      long indexing = System.nanoTime();
      syndic.indexForSearchNow();
      syndic.awaitSearchIndexed(Duration.ofMinutes(30));
      SyndicUnderTest.Cpu complete = syndic.cpu().minus(before);
      System.out.printf("search index complete %.1f s after the last poll%n", (System.nanoTime() - indexing) / 1e9);

      double romeAfter = rome(served);
      System.out.printf("rome (after): %,.0f entries/s%n", romeAfter);
      // CPU per entry does not depend on what else the machine runs, unlike entries per second.
      double syndicCpu = cycle.cpu().total().toNanos() / 1e3 / stored;
      double romeCpu = romeCpuNanos / 1e3 / romeEntries;
      System.out.printf("CPU per entry: syndic %.0f us (JVM %.0f, PostgreSQL %.0f), rome %.0f us; on 2 idle cores that allows a ratio of at most %.2f%n",
          syndicCpu, cycle.cpu().jvm().toNanos() / 1e3 / stored, cycle.cpu().postgres().toNanos() / 1e3 / stored, romeCpu,
          2 * romeCpu / syndicCpu);
      System.out.printf("CPU per entry with search indexing: syndic %.0f us (JVM %.0f, PostgreSQL %.0f)%n",
          complete.total().toNanos() / 1e3 / stored, complete.jvm().toNanos() / 1e3 / stored, complete.postgres().toNanos() / 1e3 / stored);
      double reference = Math.max(romeBefore, romeAfter);
      System.out.printf("RESULT ingest: syndic %,.0f entries/s (%d poller threads), rome alone %,.0f entries/s (1 thread, best of %d passes), ratio %.2f (goal >= 0.5)%n",
          syndicRate, Integer.getInteger("bench.pollers", 8), reference, ROME_PASSES + 1, syndicRate / reference);
      laterFetch(syndic, server, feeds, perFeed);
    }
    System.exit(0);
  }

  // What the corpus server serves under /c/: the corpus, then its later version.
  private static volatile byte[][] served;
  private static volatile String servedVersion = "";

  /**
   * The common case after the first fetch: each feed changed by one new entry on top (its other
   * entries are stored already). Feeds per second through the whole pipeline, against Rome parsing
   * the changed feeds on one thread.
   */
  private static void laterFetch(SyndicUnderTest syndic, CorpusServer server, int feeds, int perFeed) throws Exception {
    byte[][] later = new byte[feeds][];
    for (int i = 0; i < feeds; i++) {
      later[i] = SyntheticFeeds.feed("c", i, perFeed, true);
    }
    rome(later);
    long t0 = System.nanoTime();
    rome(later);
    double romeFeeds = later.length / ((System.nanoTime() - t0) / 1e9);
    servedVersion = "+1";
    served = later;
    SyndicUnderTest.Cycle cycle = syndic.cycle(server.url("/c/"), Duration.ofMinutes(30));
    double syndicFeeds = cycle.sources() / (cycle.polling().toNanos() / 1e9);
    System.out.printf("later fetch: %d feeds changed by one entry of %d, outcomes %s; CPU per feed: JVM %.0f us, PostgreSQL %.0f us%n",
        cycle.sources(), perFeed, syndic.outcomes(server.url("/c/"), cycle.start()), cycle.cpu().jvm().toNanos() / 1e3 / cycle.sources(),
        cycle.cpu().postgres().toNanos() / 1e3 / cycle.sources());
    System.out.printf("RESULT later fetch: syndic %,.0f feeds/s, rome alone %,.0f feeds/s (1 thread), ratio %.2f%n",
        syndicFeeds, romeFeeds, syndicFeeds / romeFeeds);
  }

  /** Warm-up rounds of new feeds until the JIT has settled (or {@link #WARM_FEEDS} were read). */
  private static void warmUp(SyndicUnderTest syndic, CorpusServer server) throws Exception {
    for (int round = 0; round * WARM_ROUND < WARM_FEEDS; round++) {
      if (FETCH_ROUND > 0) {
        String small = "/s/" + round + "/";
        syndic.addSources(urls(server, small, FETCH_ROUND));
        syndic.cycle(server.url(small), Duration.ofMinutes(30));
      }
      String dir = "/w/" + round + "/";
      syndic.addSources(urls(server, dir, WARM_ROUND));
      var threadsBefore = JvmThreads.cpuByName();
      SyndicUnderTest.Cycle cycle = syndic.cycle(server.url(dir), Duration.ofMinutes(30));
      var threads = JvmThreads.cpuByName();
      threads.replaceAll((name, cpu) -> cpu - threadsBefore.getOrDefault(name, 0L));
      // The VM may end a compiler thread it no longer needs, and its time with it: then the round's
      // share is unknown (below zero), not small.
      long jit = threads.getOrDefault(JvmThreads.JIT, 0L);
      double share = (double) jit / cycle.cpu().jvm().toNanos();
      System.out.printf("syndic warm-up round %d: %d feeds of %d entries, then %d feeds in %.1f s, the JIT %s of the JVM's CPU in them%n",
          round + 1, FETCH_ROUND, SMALL_FEED, WARM_ROUND, cycle.polling().toMillis() / 1e3, jit < 0 ? "unknown (a compiler thread ended)" : "%.0f%%".formatted(share * 100));
      if (jit >= 0 && share < 0.05) {
        return;
      }
    }
  }

  private static byte[][] corpus(String name, int feeds, int perFeed) {
    byte[][] all = new byte[feeds][];
    for (int i = 0; i < feeds; i++) {
      all[i] = SyntheticFeeds.feed(name, i, perFeed);
    }
    return all;
  }

  private static long romeCpuNanos;
  private static long romeEntries;

  /** Rome's entries per second over the corpus, one thread (its CPU time is kept too). */
  private static double rome(byte[][] corpus) throws Exception {
    long entries = 0;
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (byte[] bytes : corpus) {
      entries += new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(bytes))).getEntries().size();
    }
    long elapsed = System.nanoTime() - t0;
    romeCpuNanos += threads.getCurrentThreadCpuTime() - cpu0;
    romeEntries += entries;
    return entries / (elapsed / 1e9);
  }

  private static CorpusServer.Doc doc(String path, int perFeed, byte[][] corpus, String version) {
    // /w/3/12.xml (warm-up round 3, made when asked for), /s/3/12.xml (its small feeds) or /c/345.xml
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      return null;
    }
    int index = Integer.parseInt(m.group(3));
    if (m.group(2) != null) {
      boolean small = m.group(1).equals("s");
      int warm = Integer.parseInt(m.group(2)) * (small ? FETCH_ROUND : WARM_ROUND) + index;
      return new CorpusServer.Doc("\"" + path + "\"", () -> SyntheticFeeds.feed(m.group(1), warm, small ? SMALL_FEED : perFeed));
    }
    if (!m.group(1).equals("c") || index >= corpus.length) {
      return null;
    }
    return new CorpusServer.Doc("\"" + path + version + "\"", () -> corpus[index]);
  }

  private static final Pattern PATH = Pattern.compile("/([wsc])/(?:([0-9]+)/)?([0-9]+)\\.xml");

  private static List<String> urls(CorpusServer server, String dir, int n) {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      urls.add(server.url(dir + i + ".xml"));
    }
    return urls;
  }
}
