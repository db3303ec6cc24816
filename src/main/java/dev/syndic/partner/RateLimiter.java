package dev.syndic.partner;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per partner: holds up to the partner's rate per minute, refilled continuously at
 * that rate. Kept in memory, per instance: with N instances behind a balancer a partner may get
 * up to N times its rate. Exact global limits would cost a database round trip per request.
 */
@Singleton
final class RateLimiter {

  /** Allowed, or refused with how long to wait for the next token. */
  record Decision(boolean allowed, Duration retryAfter) {}

  private static final class Bucket {
    double tokens;
    long refilledAtNanos;
    int rate;
  }

  private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();
  private final Clock clock;

  RateLimiter(Clock clock) {
    this.clock = clock;
  }

  Decision take(long partnerId, int ratePerMinute) {
    long now = clock.millis() * 1_000_000L;
    Bucket b = buckets.computeIfAbsent(partnerId, id -> {
      Bucket fresh = new Bucket();
      fresh.tokens = ratePerMinute;
      fresh.refilledAtNanos = now;
      fresh.rate = ratePerMinute;
      return fresh;
    });
    synchronized (b) {
      double perNano = ratePerMinute / 60e9;
      b.tokens = Math.min(ratePerMinute, b.tokens + Math.max(0, now - b.refilledAtNanos) * perNano);
      b.refilledAtNanos = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return new Decision(true, Duration.ZERO);
      }
      long waitNanos = (long) Math.ceil((1 - b.tokens) / perNano);
      return new Decision(false, Duration.ofNanos(waitNanos));
    }
  }
}
