package dev.syndic.category;

import dev.syndic.classify.CategoryPolicy;
import dev.syndic.entry.CategoryAssignments;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Categorizes stored entries again with the current rules and model, newest first, in batches of
 * {@value #BATCH} (one transaction each), up to {@code syndic.classify.recategorize-limit} entries.
 * Entries an admin categorized are left alone. Runs synchronously (after training) or in the
 * background (after a rule change); {@link #status()} shows the progress of this instance's runs.
 */
@Singleton
public class Recategorizer {

  static final int BATCH = 500;
  private static final Logger LOG = LoggerFactory.getLogger(Recategorizer.class);

  /** Progress of the latest background run on this instance. */
  @Serdeable
  public record Status(String state, @Nullable String reason, long done, int limit, @Nullable Instant startedAt, @Nullable Instant finishedAt,
                       @Nullable String error) {}

  private final EntryTexts texts;
  private final CategoryAssignments assignments;
  private final CategoryCatalog catalog;
  private final Clock clock;
  private final int limit;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "recategorize");
    t.setDaemon(true);
    return t;
  });
  private volatile Status status;
  private boolean running;
  private String pending;

  Recategorizer(EntryTexts texts, CategoryAssignments assignments, CategoryCatalog catalog, Clock clock,
      @Value("${syndic.classify.recategorize-limit:20000}") int limit) {
    this.texts = texts;
    this.assignments = assignments;
    this.catalog = catalog;
    this.clock = clock;
    this.limit = limit;
    this.status = new Status("idle", null, 0, limit, null, null, null);
  }

  public Status status() {
    return status;
  }

  /** Re-categorizes now, in the caller's thread; answers how many entries were read. */
  public long now(String reason) {
    catalog.invalidate();
    CategoryPolicy policy = catalog.policy();
    long done = 0;
    EntryTexts.Position after = null;
    while (done < limit) {
      List<EntryText> batch = texts.recent(after, (int) Math.min(BATCH, limit - done));
      if (batch.isEmpty()) {
        break;
      }
      apply(batch, policy);
      done += batch.size();
      after = EntryTexts.Position.after(batch.get(batch.size() - 1));
      Instant started = status.startedAt();
      if ("running".equals(status.state())) {
        status = new Status("running", reason, done, limit, started, null, null);
      }
    }
    LOG.info("recategorized {} entries ({})", done, reason);
    return done;
  }

  /** Starts a background run; if one is running, another follows it so the newest rules apply. */
  public synchronized void inBackground(String reason) {
    if (running) {
      pending = reason;
      return;
    }
    running = true;
    status = new Status("running", reason, 0, limit, clock.instant(), null, null);
    executor.submit(() -> run(reason));
  }

  private void run(String reason) {
    String next = reason;
    while (next != null) {
      Instant started = clock.instant();
      status = new Status("running", next, 0, limit, started, null, null);
      try {
        long done = now(next);
        status = new Status("done", next, done, limit, started, clock.instant(), null);
      } catch (RuntimeException e) {
        LOG.warn("recategorizing failed ({}): {}", next, e.toString(), e);
        status = new Status("failed", next, status.done(), limit, started, clock.instant(), e.toString());
      }
      synchronized (this) {
        next = pending;
        pending = null;
        running = next != null;
      }
    }
  }

  @Transactional
  void apply(List<EntryText> batch, CategoryPolicy policy) {
    Map<Long, List<CategoryAssignments.Decision>> decisions = new LinkedHashMap<>();
    for (EntryText e : batch) {
      List<CategoryAssignments.Decision> list = new ArrayList<>();
      for (CategoryPolicy.Decided d : policy.decide(e.title(), e.text(), e.tags(), e.sourceDefault())) {
        list.add(new CategoryAssignments.Decision(d.slug(), d.origin(), d.score(), d.evidence()));
      }
      decisions.put(e.id(), list);
    }
    assignments.replaceMachineDecisions(decisions);
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
