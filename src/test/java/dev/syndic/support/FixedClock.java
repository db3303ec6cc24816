package dev.syndic.support;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock stopped at {@code test.fixed-clock} (an ISO-8601 instant), in place of the service's
 * clock in a test that sets it: for an instant whose nanoseconds matter, which the system clock
 * gives only by chance.
 */
@Singleton
@Replaces(Clock.class)
@Requires(property = "test.fixed-clock")
public final class FixedClock extends Clock {

  private final Instant instant;

  FixedClock(@Value("${test.fixed-clock}") String instant) {
    this.instant = Instant.parse(instant);
  }

  @Override
  public Instant instant() {
    return instant;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
