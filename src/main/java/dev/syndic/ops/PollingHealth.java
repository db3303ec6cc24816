package dev.syndic.ops;

import dev.syndic.ingest.PollConfig;
import dev.syndic.ingest.SchedulerTicks;
import dev.syndic.source.SourceSchedule;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code polling} part of {@code /health}: the database answers, the scheduler of this
 * instance ticks (its last tick), and when any instance last polled a source successfully. DOWN
 * when the database does not answer or polling is on and the scheduler has not ticked for longer
 * than a lease plus a minute (a tick waits for its polls, at most a lease).
 */
@Singleton
final class PollingHealth extends AbstractHealthIndicator<Map<String, Object>> {

  private final SourceSchedule schedule;
  private final SchedulerTicks ticks;
  private final PollConfig config;
  private final Clock clock;
  private final Instant started;

  PollingHealth(SourceSchedule schedule, SchedulerTicks ticks, PollConfig config, Clock clock) {
    this.schedule = schedule;
    this.ticks = ticks;
    this.config = config;
    this.clock = clock;
    this.started = clock.instant();
  }

  @Override
  public String getName() {
    return "polling";
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    Map<String, Object> details = new LinkedHashMap<>();
    Instant now = clock.instant();
    HealthStatus status = HealthStatus.UP;
    try {
      details.put("lastSuccessfulPoll", schedule.lastSuccessfulPoll().map(Instant::toString).orElse("never"));
      details.put("database", "UP");
    } catch (RuntimeException e) {
      details.put("database", "DOWN: " + e.getMessage());
      status = HealthStatus.DOWN;
    }
    details.put("schedulerEnabled", config.enabled());
    Instant tick = ticks.last().orElse(null);
    details.put("schedulerLastTick", tick == null ? "never" : tick.toString());
    Duration allowed = config.lease().plus(config.tick()).plusMinutes(1);
    if (config.enabled() && (tick == null ? started : tick).plus(allowed).isBefore(now)) {
      details.put("scheduler", "DOWN: no tick for more than " + allowed.toSeconds() + " s");
      status = HealthStatus.DOWN;
    } else {
      details.put("scheduler", config.enabled() ? "UP" : "disabled (syndic.poll.enabled=false)");
    }
    healthStatus = status;
    return details;
  }
}
