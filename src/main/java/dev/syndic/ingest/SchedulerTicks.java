package dev.syndic.ingest;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/**
 * When this instance's scheduler last looked for due sources. Recorded before the database is
 * asked, so a scheduler that goes on ticking while PostgreSQL is down still shows as alive: health
 * then blames the database, not the scheduler.
 */
@Singleton
public final class SchedulerTicks {

  private volatile Instant last;

  void record(Instant at) {
    last = at;
  }

  /** The last tick; empty before the first (or when polling is off). */
  public Optional<Instant> last() {
    return Optional.ofNullable(last);
  }
}
