package dev.syndic.ingest;

import dev.syndic.source.Source;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When to poll a source next. Healthy sources wait their interval (the admin's override or the
 * default), never less than the feed's own {@code ttl} or the server's max-age asks, within
 * [min, max]. Errors back off exponentially with up to 25% jitter, capped at max, and never stop
 * polling; a server's Retry-After is honoured.
 */
@Singleton
final class PollPolicy {

  private final PollConfig config;
  private final DoubleSupplier random;

  @jakarta.inject.Inject
  PollPolicy(PollConfig config) {
    this(config, () -> ThreadLocalRandom.current().nextDouble());
  }

  PollPolicy(PollConfig config, DoubleSupplier random) {
    this.config = config;
    this.random = random;
  }

  Duration afterSuccess(Source source, Duration askedBySource) {
    Duration interval = source.pollIntervalSeconds() != null ? Duration.ofSeconds(source.pollIntervalSeconds()) : config.defaultInterval();
    if (askedBySource != null && askedBySource.compareTo(interval) > 0) {
      interval = askedBySource;
    }
    return clamp(interval);
  }

  Duration afterError(int consecutiveErrors, Duration retryAfter) {
    int exponent = Math.min(Math.max(consecutiveErrors - 1, 0), 20);
    Duration backoff = config.errorBackoff().multipliedBy(1L << exponent);
    if (backoff.compareTo(config.maxInterval()) > 0) {
      backoff = config.maxInterval();
    }
    backoff = backoff.plusMillis((long) (backoff.toMillis() * 0.25 * random.getAsDouble()));
    if (retryAfter != null && retryAfter.compareTo(backoff) > 0) {
      backoff = retryAfter;
    }
    // Within [min, max] like any interval: a misconfigured zero backoff must not poll in a loop.
    return clamp(backoff);
  }

  private Duration clamp(Duration d) {
    if (d.compareTo(config.minInterval()) < 0) {
      return config.minInterval();
    }
    return d.compareTo(config.maxInterval()) > 0 ? config.maxInterval() : d;
  }
}
