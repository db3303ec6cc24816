package dev.syndic.ingest;

import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.syndic.WebLinks;
import dev.syndic.bench.SyntheticFeeds;
import dev.syndic.catalogue.CatalogueImport;
import dev.syndic.category.CategoryCatalog;
import dev.syndic.parse.FeedParser;
import dev.syndic.parse.ParseResult;
import dev.syndic.parse.ParsedEntry;
import dev.syndic.support.Fixtures;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the CPU of ingest goes, stage by stage, on one thread, as microseconds per entry next to
 * Rome parsing the same bytes: parse, prepare (clean, hash), categorize, dedupe fingerprint and
 * keys. No database work is timed. Times are the thread's CPU time, not the clock's: on a machine
 * shared with other work the clock counts the time the thread waited for a core.
 *
 * <p>Run with {@code src/bench/run_bench.sh ../ingest/IngestStagesBench 1g [FEEDS]}.
 */
public final class IngestStagesBench {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    int feeds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    byte[][] corpus = new byte[feeds][];
    for (int i = 0; i < feeds; i++) {
      corpus[i] = SyntheticFeeds.feed("s", i, 50);
    }
    Path catalogue = Fixtures.shippedCategories();
    try (ApplicationContext context = ApplicationContext.builder().environments("test")
        .properties(Map.of("syndic.catalogue.import-on-first-start", false, "syndic.catalogue.dir", catalogue.toString())).start()) {
      context.getBean(CatalogueImport.class).importOnce();
      FeedParser parser = context.getBean(FeedParser.class);
      EntryPreparer preparer = context.getBean(EntryPreparer.class);
      CategoryCatalog catalog = context.getBean(CategoryCatalog.class);
      for (int round = 0; round < 3; round++) {
        long rome = 0, parse = 0, prepare = 0, classify = 0, dedupe = 0;
        int entries = 0;
        var policy = catalog.policy();
        for (byte[] bytes : corpus) {
          long t0 = THREADS.getCurrentThreadCpuTime();
          new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(bytes))).getEntries();
          long t1 = THREADS.getCurrentThreadCpuTime();
          List<ParsedEntry> parsed = ((ParseResult.Parsed) parser.parse(bytes, "application/rss+xml")).feed().entries();
          long t2 = THREADS.getCurrentThreadCpuTime();
          List<String> keys = IdentityKeys.assign(parsed);
          List<EntryPreparer.Prepared> prepared = new ArrayList<>();
          WebLinks.Base base = WebLinks.Base.of("http://example.com/");
          for (int i = 0; i < parsed.size(); i++) {
            prepared.add(preparer.prepare(parsed.get(i), keys.get(i), EntryPreparer.sourceHash(parsed.get(i)), base));
          }
          long t3 = THREADS.getCurrentThreadCpuTime();
          for (int i = 0; i < parsed.size(); i++) {
            var c = prepared.get(i).cleaned();
            policy.decide(c.title(), c.matchText(), parsed.get(i).tags(), null);
          }
          long t4 = THREADS.getCurrentThreadCpuTime();
          for (int i = 0; i < parsed.size(); i++) {
            var c = prepared.get(i).cleaned();
            Deduplicator.keysOf(c.title(), c.coreText(), parsed.get(i).link());
          }
          long t5 = THREADS.getCurrentThreadCpuTime();
          rome += t1 - t0; parse += t2 - t1; prepare += t3 - t2; classify += t4 - t3; dedupe += t5 - t4;
          entries += parsed.size();
        }
        double n = entries;
        System.out.printf("round %d, %d entries, us/entry: rome %.0f | syndic parse %.0f, prepare %.0f, categorize %.0f, dedupe keys %.0f%n",
            round, entries, rome / n / 1e3, parse / n / 1e3, prepare / n / 1e3, classify / n / 1e3, dedupe / n / 1e3);
      }
    }
    System.exit(0);
  }
}
