package dev.syndic.bench;

import dev.syndic.support.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.SplittableRandom;

/**
 * What the trigram search index costs per text, the way {@code SearchIndexer} fills it (batches of
 * 200 flipped to searchable, a partial GIN index over them), for texts of about 630 Chinese
 * characters: with the pending list at PostgreSQL's default of 4 MB and at V15's 1 MB, and for
 * characters drawn uniformly (as the ingest benchmark's texts are) or with skewed frequencies (as
 * real text's are). Half the texts are indexed first, unmeasured; the other half is measured,
 * the final merge of the pending list included, with the longest single batch.
 *
 * <p>Run with {@code src/bench/run_bench.sh SearchIndexBench 512m [TEXTS]} (default 12,000).
 */
public final class SearchIndexBench {

  private static final int BATCH = 200;

  public static void main(String[] args) throws Exception {
    int texts = args.length > 0 ? Integer.parseInt(args[0]) : 12_000;
    try (TestPostgres pg = TestPostgres.start(); Connection c = pg.connect()) {
      try (Statement st = c.createStatement()) {
        st.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
      }
      run(c, "uniform characters, 4 MB pending list", false, 4096, texts);
      run(c, "uniform characters, 1 MB pending list", false, 1024, texts);
      run(c, "skewed characters, 1 MB pending list", true, 1024, texts);
    }
    System.exit(0);
  }

  private static void run(Connection c, String name, boolean skewed, int pendingKb, int texts) throws Exception {
    try (Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS bench_text");
      st.execute("CREATE TABLE bench_text (id bigint PRIMARY KEY, body text NOT NULL, searchable boolean NOT NULL DEFAULT false)");
      st.execute("CREATE INDEX bench_text_trgm ON bench_text USING gin (body gin_trgm_ops) WITH (gin_pending_list_limit = " + pendingKb
          + ") WHERE searchable");
    }
    SplittableRandom random = new SplittableRandom(42);
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_text (id, body) VALUES (?, ?)")) {
      for (int i = 1; i <= texts; i++) {
        insert.setLong(1, i);
        insert.setString(2, SyntheticFeeds.chineseText(random, 600 + i % 60, skewed));
        insert.addBatch();
        if (i % 1000 == 0) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
    }
    try (Statement st = c.createStatement()) {
      st.execute("VACUUM ANALYZE bench_text");
    }
    int batches = texts / BATCH;
    try (PreparedStatement flip = c.prepareStatement("UPDATE bench_text SET searchable = true WHERE id > ? AND id <= ?");
        Statement st = c.createStatement()) {
      for (int b = 0; b < batches / 2; b++) {
        flip.setLong(1, (long) b * BATCH);
        flip.setLong(2, (long) (b + 1) * BATCH);
        flip.executeUpdate();
      }
      st.execute("SELECT gin_clean_pending_list('bench_text_trgm')");
      long longest = 0;
      long start = System.nanoTime();
      for (int b = batches / 2; b < batches; b++) {
        long t0 = System.nanoTime();
        flip.setLong(1, (long) b * BATCH);
        flip.setLong(2, (long) (b + 1) * BATCH);
        flip.executeUpdate();
        longest = Math.max(longest, System.nanoTime() - t0);
      }
      st.execute("SELECT gin_clean_pending_list('bench_text_trgm')");
      long measured = (long) (batches - batches / 2) * BATCH;
      System.out.printf("%s: %.2f ms per text (%d texts), longest batch of %d %.0f ms%n", name, (System.nanoTime() - start) / 1e6 / measured,
          measured, BATCH, longest / 1e6);
    }
  }
}
