package dev.syndic.ops;

import dev.syndic.source.SourceSchedule;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of how the sources stand, all instances together, for an operator of many sources: how
 * many are in each state, how many wait to be polled and how long the longest has waited (polling
 * falling behind shows here first, long before feeds go stale). One query answers them all, at
 * most once per {@link #FRESH}, however often and by however many scrapers they are read.
 */
@Context
final class PollingBacklog {

  static final Duration FRESH = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(PollingBacklog.class);

  private final SourceSchedule schedule;
  private final Clock clock;
  private SourceSchedule.Standing standing;
  private Instant readAt = Instant.MIN;

  PollingBacklog(SourceSchedule schedule, Clock clock, MeterRegistry registry) {
    this.schedule = schedule;
    this.clock = clock;
    for (String state : List.of("active", "error", "paused", "disabled")) {
      gauge("syndic.sources", "sources by state: enabled ones by status, and disabled ones",
          s -> s.byState().getOrDefault(state, 0L)).tag("state", state).register(registry);
    }
    gauge("syndic.sources.due", "sources due and claimed by no instance: waiting for a poller", s -> s.due())
        .register(registry);
    gauge("syndic.sources.due.oldest.seconds", "how long the longest-waiting due source has waited (0: none waits)",
        s -> s.oldestDue() == null ? 0 : Math.max(0, Duration.between(s.oldestDue(), clock.instant()).toMillis() / 1000.0))
        .register(registry);
  }

  private Gauge.Builder<PollingBacklog> gauge(String name, String description,
      ToDoubleFunction<SourceSchedule.Standing> value) {
    return Gauge.builder(name, this, b -> {
      SourceSchedule.Standing s = b.current();
      return s == null ? Double.NaN : value.applyAsDouble(s);
    }).description(description);
  }

  /** The standing read at most {@link #FRESH} ago; the last one read (or null) if the database does not answer. */
  synchronized SourceSchedule.Standing current() {
    Instant now = clock.instant();
    if (standing == null || now.isBefore(readAt) || !readAt.plus(FRESH).isAfter(now)) {
      try {
        standing = schedule.standing();
      } catch (RuntimeException e) {
        LOG.debug("source gauges: the database did not answer: {}", e.getMessage());
      }
      readAt = now;
    }
    return standing;
  }
}
