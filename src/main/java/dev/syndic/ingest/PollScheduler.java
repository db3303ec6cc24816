package dev.syndic.ingest;

import dev.syndic.source.Source;
import dev.syndic.source.SourceSchedule;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tick, claims the due sources (at most a batch) and polls them in parallel on the poller
 * executor. One broken source costs one poll slot for at most its fetch timeout; the others go on.
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
  private final SchedulerTicks ticks;
  private final Clock clock;

  PollScheduler(SourceSchedule schedule, Poller poller, PollConfig config, @Named("poller") ExecutorService executor, InstanceId instance,
      SchedulerTicks ticks, Clock clock) {
    this.schedule = schedule;
    this.poller = poller;
    this.config = config;
    this.executor = executor;
    this.instance = instance;
    this.ticks = ticks;
    this.clock = clock;
  }

  @Scheduled(fixedDelay = "${syndic.poll.tick:5s}", initialDelay = "1s")
  void tick() {
    // A full batch means more may be due: claim again now rather than a tick later, or one
    // instance could never poll more than a batch per tick (20 per 5 s: 4 sources/s).
    while (pollBatch() == config.batchSize() && !Thread.currentThread().isInterrupted()) {
      // next batch
    }
  }

  /** Claims and polls one batch; returns how many sources it claimed. */
  private int pollBatch() {
    List<Source> due;
    ticks.record(clock.instant());
    try {
      due = schedule.claimDue(instance.id(), config.batchSize(), config.lease());
    } catch (RuntimeException e) {
      LOG.warn("could not claim due sources: {}", e.getMessage());
      return 0;
    }
    List<Future<?>> running = new ArrayList<>();
    for (Source source : due) {
      running.add(executor.submit(() -> poller.poll(source)));
    }
    long deadline = System.nanoTime() + config.lease().toNanos();
    for (Future<?> f : running) {
      try {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        LOG.warn("a poll outlived its lease of {}; its source will be claimed again", config.lease());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      } catch (Exception e) {
        LOG.error("a poll failed unexpectedly", e);
      }
    }
    return due.size();
  }
}
