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
 * end within what is left of the budget.
 */
@Singleton
public class SearchIndexer {

  private static final Logger LOG = LoggerFactory.getLogger(SearchIndexer.class);
  static final int MAX_BATCH = 200;
  static final Duration BUDGET = Duration.ofMillis(250);
  /** What a text is assumed to cost before one was measured: a few hundred trigrams. */
  private static final double FIRST_GUESS_NANOS = 2e6;

  private static final String MOVE =
      """
      UPDATE entry_text SET searchable = TRUE
      WHERE entry_id IN (SELECT entry_id FROM entry_text WHERE NOT searchable ORDER BY entry_id LIMIT ? FOR UPDATE SKIP LOCKED)
      """;

  private final JdbcOperations jdbc;
  // Recent cost of indexing one text, smoothed; only the scheduled run writes it.
  private volatile double nanosPerText = FIRST_GUESS_NANOS;

  SearchIndexer(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  @Scheduled(fixedDelay = "1s", initialDelay = "5s")
  void run() {
    try {
      long deadline = System.nanoTime() + BUDGET.toNanos();
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
    }
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
