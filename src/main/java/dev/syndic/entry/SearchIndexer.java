package dev.syndic.entry;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes the normalized text of new and changed entries for search, in the background: marks
 * batches of the texts {@code EntryStore} wrote to {@code entry_text} as searchable, which puts
 * them into the partial trigram index that serves search. Works for about {@link #BUDGET}, then
 * rests a second (a fifth of a core), so a burst of ingest is indexed a little later instead of
 * slowing ingest down; queued entries are found by search meanwhile (it scans the queue). Several
 * instances share the queue: a batch is claimed with {@code SKIP LOCKED}.
 *
 * <p>A text costs milliseconds to index (a few hundred trigrams each), so a fixed batch overran
 * the budget several times over; the batch is sized from the cost per text measured so far, to
 * end within what is left of the budget. A flip puts its texts into the index's pending list, and
 * the batch that fills the list (16 MB, V50) merges it into the index, seconds of work: the run
 * that did rests four times as long as it worked, so the indexer still keeps to a fifth of a core.
 */
@Singleton
public class SearchIndexer {

  private static final Logger LOG = LoggerFactory.getLogger(SearchIndexer.class);
  static final int MAX_BATCH = 200;
  static final Duration BUDGET = Duration.ofMillis(250);
  /** What a text is assumed to cost before one was measured: a few hundred trigrams. */
  private static final double FIRST_GUESS_NANOS = 2e6;
  /** Rest per unit of work: a fifth of a core. */
  static final int REST_PER_WORK = 4;
  /** The scheduler's rest after every run (its fixed delay). */
  static final Duration REST = Duration.ofSeconds(1);
  /**
   * The memory a merge of the pending list sorts in (it takes work_mem, 4 MB by default, at a
   * time): the whole 16 MB list at once, so that trigrams sharing a leaf page go in together.
   */
  private static final String MERGE_MEMORY = "SET LOCAL work_mem = '64MB'";

  private static final String MOVE =
      """
      UPDATE entry_text SET searchable = TRUE
      WHERE entry_id IN (SELECT entry_id FROM entry_text WHERE NOT searchable ORDER BY entry_id LIMIT ? FOR UPDATE SKIP LOCKED)
      """;

  private final JdbcOperations jdbc;
  // Recent cost of indexing one text, smoothed; only the scheduled run writes it.
  private volatile double nanosPerText = FIRST_GUESS_NANOS;
  // When the scheduled run may work again (System.nanoTime), after a run that overran its budget.
  private volatile long restUntil = System.nanoTime();

  SearchIndexer(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  @Scheduled(fixedDelay = "1s", initialDelay = "5s")
  void run() {
    long begun = System.nanoTime();
    if (begun - restUntil < 0) {
      return;
    }
    try {
      long deadline = begun + BUDGET.toNanos();
      // The first batch of a run is never empty, so a cost once measured high is measured again.
      for (int size = Math.max(1, batchSize(BUDGET.toNanos(), nanosPerText)); size > 0; ) {
        long start = System.nanoTime();
        int done = indexBatch(size);
        long end = System.nanoTime();
        if (done == 0) {
          return;
        }
        nanosPerText = 0.7 * nanosPerText + 0.3 * (end - start) / done;
        size = done < size ? 0 : batchSize(deadline - end, nanosPerText);
      }
    } catch (RuntimeException e) {
      LOG.warn("search indexing failed, will retry: {}", e.getMessage());
    } finally {
      restUntil = restUntil(begun, System.nanoTime());
    }
  }

  /**
   * When a run that worked from {@code begun} to {@code ended} may be followed by the next: after
   * {@link #REST_PER_WORK} times its work, or the scheduler's {@link #REST} if that is longer (the
   * run kept to its budget), so a run that merged the pending list for 5 s rests 20.
   */
  static long restUntil(long begun, long ended) {
    return ended + Math.max(REST_PER_WORK * (ended - begun) - REST.toNanos(), 0);
  }

  /** How many texts fit in {@code nanosLeft} at {@code nanosPerText} each: none to {@link #MAX_BATCH}. */
  static int batchSize(long nanosLeft, double nanosPerText) {
    if (nanosLeft <= 0) {
      return 0;
    }
    return (int) Math.min(MAX_BATCH, Math.floor(nanosLeft / Math.max(nanosPerText, 1)));
  }

  /** Indexes one batch of at most {@code size} queued entries; returns how many were queued in it. */
  @Transactional
  public int indexBatch(int size) {
    jdbc.prepareStatement(MERGE_MEMORY, ps -> ps.execute());
    return jdbc.prepareStatement(MOVE, ps -> {
      ps.setInt(1, size);
      return ps.executeUpdate();
    });
  }

  /** Indexes everything queued now, without the time budget (tests). */
  public int indexAll() {
    int total = 0;
    for (int n; (n = indexBatch(MAX_BATCH)) > 0; ) {
      total += n;
    }
    return total;
  }
}
