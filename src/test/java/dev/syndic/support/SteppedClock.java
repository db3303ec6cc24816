package dev.syndic.support;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock moved by {@link #offset}, in place of the service's clock in a test that sets
 * {@code test.clock-step}: a wall clock stepped (an NTP correction, a restored virtual machine).
 */
@Singleton
@Replaces(Clock.class)
@Requires(property = "test.clock-step")
public final class SteppedClock extends Clock {

  public volatile Duration offset = Duration.ZERO;

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
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
