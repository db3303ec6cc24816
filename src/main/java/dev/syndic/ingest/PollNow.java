package dev.syndic.ingest;

import dev.syndic.source.SourceSchedule;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;

/** Polls one source when an admin asks, whatever its schedule. */
@Singleton
public class PollNow {

  private final SourceSchedule schedule;
  private final Poller poller;
  private final PollConfig config;
  private final InstanceId instance;
  private final ExecutorService executor;

  PollNow(SourceSchedule schedule, Poller poller, PollConfig config, InstanceId instance, @Named("poller") ExecutorService executor) {
    this.schedule = schedule;
    this.poller = poller;
    this.config = config;
    this.instance = instance;
    this.executor = executor;
  }

  /**
   * Polls now and answers the fetch record; or that a poll of this source is already running, or
   * that its host stayed busy with other polls of this instance while the poll waited.
   */
  public PollAnswer pollAndWait(long sourceId) {
    return schedule.claim(sourceId, instance.id(), config.lease()).map(poller::pollNow).orElseGet(PollAnswer.Running::new);
  }

  /** Starts a poll in the background; false when a poll of this source is already running. */
  public boolean pollLater(long sourceId) {
    var claimed = schedule.claim(sourceId, instance.id(), config.lease());
    claimed.ifPresent(s -> executor.submit(() -> poller.pollNow(s)));
    return claimed.isPresent();
  }
}
