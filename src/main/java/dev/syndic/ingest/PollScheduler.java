package dev.syndic.ingest;

import dev.syndic.source.Source;
import dev.syndic.source.SourceSchedule;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the poller executor busy with due sources. At most {@code syndic.poll.batch-size} sources
 * are claimed and not yet polled at any time; whenever at least half of those slots are free, the
 * scheduler claims that many more at once, so the executor's threads never wait for the slowest
 * poll of a batch. When fewer sources are due than slots are free, it rests until the next tick.
 * One broken source costs one poll slot for at most its fetch timeout; the others go on. A poll
 * that waited in the queue for half its lease or more renews the claim before it fetches, and is
 * dropped if the claim was lost meanwhile: then another poll holds the source, and a second fetch
 * at once is what the claim is there to prevent.
 */
@Singleton
@Requires(property = "syndic.poll.enabled", notEquals = "false")
class PollScheduler {

  private static final Logger LOG = LoggerFactory.getLogger(PollScheduler.class);

  private final SourceSchedule schedule;
  private final Poller poller;
  private final PollConfig config;
  private final ExecutorService executor;
  private final InstanceId instance;
  private final Semaphore slots;
  private final SchedulerTicks ticks;
  private final Clock clock;

  PollScheduler(SourceSchedule schedule, Poller poller, PollConfig config, @Named("poller") ExecutorService executor, InstanceId instance,
      SchedulerTicks ticks, Clock clock) {
    this.schedule = schedule;
    this.poller = poller;
    this.config = config;
    this.executor = executor;
    this.instance = instance;
    this.slots = new Semaphore(config.batchSize());
    this.ticks = ticks;
    this.clock = clock;
  }

  @Scheduled(fixedDelay = "${syndic.poll.tick:5s}", initialDelay = "1s")
  void tick() {
    int chunk = Math.max(1, config.batchSize() / 2);
    ticks.record(clock.instant());
    while (!Thread.currentThread().isInterrupted()) {
      try {
        // Every slot busy for a whole tick: try again at the next tick (which is recorded).
        if (!slots.tryAcquire(chunk, config.tick().toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      int taken = chunk + slots.drainPermits();
      int claimed = claimAndSubmit(taken);
      if (claimed < taken) {
        return; // nothing more is due now
      }
    }
  }

  /** The source as claimed, its claim renewed when half its lease is gone; empty when the claim was lost. */
  private Optional<Source> stillClaimed(Source claimed) {
    if (Duration.between(clock.instant(), claimed.claimedUntil()).compareTo(config.lease().dividedBy(2)) > 0) {
      return Optional.of(claimed);
    }
    Optional<Source> renewed = schedule.renew(claimed, config.lease());
    if (renewed.isEmpty()) {
      LOG.info("source {} not polled: its claim ran out while its poll was queued, and another poll holds it", claimed.id());
    }
    return renewed;
  }

  /** Claims up to {@code taken} due sources and submits their polls; returns how many it claimed. */
  private int claimAndSubmit(int taken) {
    List<Source> due;
    // Before the database is asked: a scheduler ticking while PostgreSQL is down shows as alive.
    ticks.record(clock.instant());
    try {
      due = schedule.claimDue(instance.id(), taken, config.lease());
    } catch (RuntimeException e) {
      LOG.warn("could not claim due sources: {}", e.getMessage());
      slots.release(taken);
      return 0;
    }
    slots.release(taken - due.size());
    for (Source source : due) {
      try {
        executor.submit(() -> {
          try {
            stillClaimed(source).ifPresent(poller::poll);
          } catch (RuntimeException | Error e) {
            // Logged here: the executor would keep it in a future nobody reads.
            LOG.error("a poll of source {} failed unexpectedly", source.id(), e);
          } finally {
            slots.release();
          }
        });
      } catch (RejectedExecutionException e) {
        slots.release(); // shutting down: the claim is released on shutdown or by its lease
      }
    }
    return due.size();
  }
}
