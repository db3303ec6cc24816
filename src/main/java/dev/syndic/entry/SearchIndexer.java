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
 * them into the partial trigram index that serves search. Works at most {@link #BUDGET} of
 * every second, so a burst of ingest is indexed a little later instead of slowing ingest down;
 * queued entries are found by search meanwhile (it scans the queue). Several instances share the
 * queue: a batch is claimed with {@code SKIP LOCKED}.
 */
@Singleton
public class SearchIndexer {

  private static final Logger LOG = LoggerFactory.getLogger(SearchIndexer.class);
  static final int BATCH = 200;
  static final Duration BUDGET = Duration.ofMillis(250);

  private static final String MOVE =
      """
      UPDATE entry_text SET searchable = TRUE
      WHERE entry_id IN (SELECT entry_id FROM entry_text WHERE NOT searchable ORDER BY entry_id LIMIT ? FOR UPDATE SKIP LOCKED)
      """;

  private final JdbcOperations jdbc;

  SearchIndexer(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  @Scheduled(fixedDelay = "1s", initialDelay = "5s")
  void run() {
    try {
      long deadline = System.nanoTime() + BUDGET.toNanos();
      while (System.nanoTime() < deadline && indexBatch() > 0) {
        // next batch
      }
    } catch (RuntimeException e) {
      LOG.warn("search indexing failed, will retry: {}", e.getMessage());
    }
  }

  /** Indexes one batch of queued entries; returns how many were queued in it. */
  @Transactional
  public int indexBatch() {
    return jdbc.prepareStatement(MOVE, ps -> {
      ps.setInt(1, BATCH);
      return ps.executeUpdate();
    });
  }

  /** Indexes everything queued now, without the time budget (tests). */
  public int indexAll() {
    int total = 0;
    for (int n; (n = indexBatch()) > 0; ) {
      total += n;
    }
    return total;
  }
}
