package dev.syndic.category;

import dev.syndic.classify.CategoryPolicy;
import dev.syndic.entry.CategoryAssignments;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Categorizes stored entries again with the current rules and model, newest first, in batches of
 * {@value #BATCH} (one transaction each), up to {@code syndic.classify.recategorize-limit} entries.
 * Entries an admin categorized are left alone. Runs synchronously (after training) or in the
 * background (after a rule change); {@link #status()} shows the progress of this instance's runs.
 *
 * <p>A background run is owed in PostgreSQL ({@link RecategorizeRequests}) until one that began
 * after the latest request ends: a run cut off by a restart, a crash or a failure (the database
 * away) is taken up again, by this instance or another, within {@link #LEASE} plus a check.
 */
@Singleton
public class Recategorizer {

  static final int BATCH = 500;
  /** How long a background run's claim lasts without a finished batch; renewed per batch. */
  static final Duration LEASE = Duration.ofMinutes(2);
  /** How long a stop waits for the batch being written (a batch takes well under a second on an idle machine). */
  static final Duration STOP_WAIT = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(Recategorizer.class);

  /**
   * Progress of the latest background run on this instance: {@code done} of {@code total}, the
   * entries it reads (the stored ones, at most {@code limit}; null until the run has counted them).
   * {@code owed}: whether re-categorizing is owed still, on any instance (a change made since the
   * latest run began, one that runs or is about to run here or elsewhere): a run that is
   * {@code done} here with more owed is followed by another.
   */
  @Serdeable
  public record Status(String state, @Nullable String reason, long done, @Nullable Long total, int limit, @Nullable Instant startedAt,
                       @Nullable Instant finishedAt, @Nullable String error, boolean owed) {

    static Status started(@Nullable String reason, int limit, Instant at) {
      return new Status("running", reason, 0, null, limit, at, null, null, false);
    }

    Status counted(long entries) {
      return new Status(state, reason, done, entries, limit, startedAt, finishedAt, error, owed);
    }

    Status progressed(long entries) {
      return new Status(state, reason, entries, total, limit, startedAt, finishedAt, error, owed);
    }

    /** The run is over: {@code done}, {@code failed} (with the error), {@code superseded} or {@code stopped}. */
    Status ended(String how, Instant at, @Nullable String why) {
      return new Status(how, reason, done, total, limit, startedAt, at, why, owed);
    }

    Status owing(boolean owes) {
      return new Status(state, reason, done, total, limit, startedAt, finishedAt, error, owes);
    }
  }

  private final EntryTexts texts;
  private final RecategorizeRequests requests;
  private final String owner = "recategorizer/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
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
  private volatile boolean stopping;
  private boolean running; // guarded by this
  private boolean again; // guarded by this: asked again while running

  Recategorizer(EntryTexts texts, RecategorizeRequests requests, CategoryAssignments assignments, CategoryCatalog catalog, Clock clock,
      @Value("${syndic.classify.recategorize-limit:20000}") int limit) {
    this.texts = texts;
    this.requests = requests;
    this.assignments = assignments;
    this.catalog = catalog;
    this.clock = clock;
    this.limit = limit;
    this.status = new Status("idle", null, 0, null, limit, null, null, null, false);
  }

  /** This instance's latest run, and whether re-categorizing is owed still (read from the database). */
  public Status status() {
    return status.owing(requests.owed());
  }

  /**
   * Re-categorizes now, in the caller's thread; answers how many entries were read. The status
   * stays the background run's: this run is the caller's to report.
   */
  public long now(String reason) {
    return now(reason, () -> true, done -> {});
  }

  /**
   * As {@link #now(String)}, stopping before a batch when {@code goOn} says no. Each batch is
   * decided with the rules and model in force when it starts, not those of the run's start: a
   * model trained meanwhile re-categorizes every entry itself, and a run still deciding by the
   * model before it would otherwise undo that for the entries it had not reached (nothing asks for
   * another run after a training). A rule change asks for one, which covers the batches done before.
   */
  long now(String reason, BooleanSupplier goOn, LongConsumer progress) {
    catalog.invalidate();
    long done = 0;
    EntryTexts.Position after = null;
    while (done < limit) {
      if (!goOn.getAsBoolean()) {
        throw new Superseded();
      }
      List<EntryTexts.Position> batch = texts.positions(after, (int) Math.min(BATCH, limit - done));
      if (batch.isEmpty()) {
        break;
      }
      apply(batch.stream().map(EntryTexts.Position::id).toList(), catalog.policy());
      done += batch.size();
      after = batch.get(batch.size() - 1);
      progress.accept(done);
    }
    LOG.info("recategorized {} entries ({})", done, reason);
    return done;
  }

  /**
   * Records a request for a background run and starts one here; if one is running here, another
   * follows it so the newest rules apply.
   */
  public void inBackground(String reason) {
    requests.request(reason);
    startHere(true);
  }

  /**
   * Takes up owed work nobody is doing (a run cut off by a restart, a crash or a failure, here or
   * on another instance): at start, and every minute.
   */
  @Scheduled(fixedDelay = "1m", initialDelay = "1m")
  public void takeUpOwed() {
    startHere(false);
  }

  private synchronized void startHere(boolean asked) {
    if (running) {
      again |= asked;
      return;
    }
    running = true;
    if (asked) {
      status = Status.started(status.reason(), limit, clock.instant());
    }
    try {
      executor.submit(() -> run(asked));
    } catch (RejectedExecutionException e) {
      running = false; // shutting down: the work stays owed
    }
  }

  private void run(boolean asked) {
    try {
      loop(asked);
    } catch (Error e) {
      // Out of memory, say: this instance must not stay "running" for good and never run again;
      // the work stays owed (its claim lapses with its lease) and is taken up after that. Logged
      // here: the executor keeps what a task throws to itself.
      LOG.error("re-categorizing ended in {}; the work stays owed and is taken up again once its claim lapses", e, e);
      synchronized (this) {
        running = false;
        again = false;
      }
      status = status.ended("failed", clock.instant(), e.toString());
      throw e;
    }
  }

  private void loop(boolean asked) {
    boolean takeOver = asked;
    while (true) {
      Optional<RecategorizeRequests.Owed> owed;
      try {
        owed = requests.claim(owner, LEASE, takeOver);
      } catch (RuntimeException e) {
        LOG.warn("could not look for owed re-categorizing ({}); it is looked for again within a minute", e.getMessage());
        if ("running".equals(status.state())) {
          status = status.ended("failed", clock.instant(), e.toString());
        }
        owed = Optional.empty();
      }
      if (owed.isPresent()) {
        runOwed(owed.get());
      }
      synchronized (this) {
        if (!again || stopping) {
          running = false;
          return;
        }
        again = false;
        takeOver = true;
      }
    }
  }

  private void runOwed(RecategorizeRequests.Owed owed) {
    String reason = owed.reason();
    status = Status.started(reason, limit, clock.instant()); // running while it counts (a million rows: a moment)
    try {
      status = status.counted(texts.countUpTo(limit));
      long done = now(reason, () -> !stopping && requests.renew(owner, LEASE), entries -> status = status.progressed(entries));
      requests.complete(owner, owed.request());
      status = status.progressed(done).ended("done", clock.instant(), null);
    } catch (Superseded e) {
      if (stopping) {
        giveBack(reason);
        return;
      }
      LOG.info("re-categorizing ({}) stopped after {} entries: another instance took the work over", reason, status.done());
      status = status.ended("superseded", clock.instant(), null);
    } catch (RuntimeException e) {
      LOG.warn("recategorizing failed ({}); it is taken up again within a minute: {}", reason, e.toString(), e);
      status = status.ended("failed", clock.instant(), e.toString());
      try {
        requests.release(owner);
      } catch (RuntimeException released) {
        // the database is away: the claim lapses with its lease
      }
    }
  }

  /** The instance stops: the work stays owed, and another instance may take it up at once. */
  private void giveBack(String reason) {
    try {
      requests.release(owner);
      LOG.info("re-categorizing ({}) stopped after {} entries for shutdown; another instance or the next start takes it up", reason,
          status.done());
    } catch (RuntimeException e) {
      LOG.info("re-categorizing ({}) stopped after {} entries for shutdown; its claim lapses with its lease ({})", reason, status.done(),
          e.getMessage());
    }
    status = status.ended("stopped", clock.instant(), null);
  }

  /** Another instance claimed the work: this run's batches would only be done twice. */
  private static final class Superseded extends RuntimeException {
    Superseded() {
      super("superseded", null, false, false);
    }
  }

  /**
   * Decides one entry again by the rules and model in force, in the caller's transaction: an admin
   * took back what decided it (an example, a correction).
   */
  @Transactional
  public void decide(long entryId) {
    apply(List.of(entryId), catalog.policy());
  }

  /**
   * Decides the entries of a batch ({@code ids}) by their texts read once they are locked, in the
   * write's transaction: a poll may have changed one's text (and categorized it by that) since the
   * batch was listed, or an admin or retention deleted one; texts read before would undo the
   * first, and the second failed the whole run.
   */
  @Transactional
  void apply(List<Long> ids, CategoryPolicy policy) {
    assignments.lockForDeciding(ids);
    List<EntryText> batch = texts.current(ids);
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

  /**
   * Lets a run end the batch it is writing, before the datasource (and an embedded database) it
   * writes to goes: interrupted, it went on writing into a closing pool, failed with stack traces
   * in the log of a normal stop, and kept its claim for a lease.
   */
  @PreDestroy
  void stop() {
    stopping = true;
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("shutdown: a re-categorizing batch did not end within {} s; its claim lapses with its lease", STOP_WAIT.toSeconds());
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }
}
