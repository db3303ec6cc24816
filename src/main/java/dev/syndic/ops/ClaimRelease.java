package dev.syndic.ops;

import dev.syndic.ingest.InstanceId;
import dev.syndic.ingest.PollRecorder;
import dev.syndic.source.SourceSchedule;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On shutdown, releases the poll claims this instance holds so that other instances take those
 * sources over at once rather than when the lease runs out. Runs before the datasource closes (it
 * depends on it), after recording the polls that finished. After a crash the leases expire by
 * themselves.
 */
@Context
final class ClaimRelease {

  private static final Logger LOG = LoggerFactory.getLogger(ClaimRelease.class);

  private final SourceSchedule schedule;
  private final InstanceId instance;
  private final PollRecorder recorder;

  ClaimRelease(SourceSchedule schedule, InstanceId instance, PollRecorder recorder) {
    this.schedule = schedule;
    this.instance = instance;
    this.recorder = recorder;
  }

  @PreDestroy
  void release() {
    recorder.flush(); // finished polls first: their schedules are kept, not just their claims dropped
    try {
      List<Long> released = schedule.releaseClaims(instance.id());
      if (released.isEmpty()) {
        LOG.info("shutdown: no poll claims of instance {} to release", instance.id());
      } else {
        LOG.warn("shutdown: released {} poll claims of instance {} whose polls did not end (cut off or not begun); due again at once:"
            + " source_id={}", released.size(), instance.id(), released);
      }
    } catch (RuntimeException e) {
      LOG.warn("shutdown: could not release the poll claims of instance {} ({}); they expire with their lease", instance.id(), e.getMessage());
    }
  }
}
