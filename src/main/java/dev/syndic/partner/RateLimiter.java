package dev.syndic.partner;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partner rates, for all instances together. Tokens come from the partner's bucket in PostgreSQL
 * ({@link PartnerBuckets}), leased a few at a time: a second's worth of the rate, at least one and
 * at most {@value #MAX_LEASE}. A busy partner costs one statement per lease, not per request, and N
 * instances admit at most N leases over the rate. A refusal is remembered until the bucket will
 * hold a token again, so a partner hammering over its rate costs no statement per request either.
 * Leased tokens unused after {@link #LEASE_LIFE} are dropped. When the database does not answer,
 * each instance keeps to a bucket of its own in memory (the rate per instance) until it answers
 * again, and logs the switch both ways.
 */
@Singleton
final class RateLimiter {

  /** Allowed, or refused with how long to wait for the next token. */
  record Decision(boolean allowed, Duration retryAfter) {}

  static final int MAX_LEASE = 50;
  static final Duration LEASE_LIFE = Duration.ofSeconds(10);
  private static final Decision ALLOWED = new Decision(true, Duration.ZERO);
  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

  /** One partner's state on this instance. */
  private static final class Allowance {
    int leased;
    long leasedAt;
    long refusedUntil;
    /** The bucket of this instance alone, used while the database does not answer; -1: not started. */
    double localTokens = -1;
    long localRefilledAt;
  }

  private final Map<Long, Allowance> allowances = new ConcurrentHashMap<>();
  private final PartnerBuckets buckets;
  private final Clock clock;
  private final AtomicBoolean alone = new AtomicBoolean();

  RateLimiter(PartnerBuckets buckets, Clock clock) {
    this.buckets = buckets;
    this.clock = clock;
  }

  Decision take(long partnerId, int ratePerMinute) {
    Allowance a = allowances.computeIfAbsent(partnerId, id -> new Allowance());
    synchronized (a) {
      long now = clock.millis();
      if (a.leased > 0 && now - a.leasedAt < LEASE_LIFE.toMillis()) {
        a.leased--;
        return ALLOWED;
      }
      if (now < a.refusedUntil) {
        return refused(a.refusedUntil - now);
      }
      PartnerBuckets.Lease lease;
      try {
        lease = buckets.take(partnerId, ratePerMinute, leaseSize(ratePerMinute));
      } catch (RuntimeException e) {
        if (alone.compareAndSet(false, true)) {
          LOG.warn("partner rates: the database does not answer ({}); each instance keeps to the rate on its own", e.getMessage());
        }
        return local(a, ratePerMinute, now);
      }
      if (alone.compareAndSet(true, false)) {
        LOG.info("partner rates: the database answers again; the rate holds for all instances together");
      }
      a.localTokens = -1;
      if (lease.granted() > 0) {
        a.leased = lease.granted() - 1;
        a.leasedAt = now;
        return ALLOWED;
      }
      long wait = (long) Math.ceil(Math.max(0, 1 - lease.left()) * 60_000.0 / ratePerMinute);
      a.refusedUntil = now + wait;
      return refused(wait);
    }
  }

  /** A second's worth of the rate, at least one token and at most {@link #MAX_LEASE}. */
  static int leaseSize(int ratePerMinute) {
    return Math.max(1, Math.min(MAX_LEASE, ratePerMinute / 60));
  }

  private static Decision refused(long waitMillis) {
    return new Decision(false, Duration.ofMillis(Math.max(1, waitMillis)));
  }

  /** The partner's bucket on this instance alone: full at first, refilled continuously. */
  private static Decision local(Allowance a, int ratePerMinute, long now) {
    if (a.localTokens < 0) {
      a.localTokens = ratePerMinute;
      a.localRefilledAt = now;
    }
    double perMilli = ratePerMinute / 60_000.0;
    a.localTokens = Math.min(ratePerMinute, a.localTokens + Math.max(0, now - a.localRefilledAt) * perMilli);
    a.localRefilledAt = now;
    if (a.localTokens >= 1) {
      a.localTokens -= 1;
      return ALLOWED;
    }
    return refused((long) Math.ceil((1 - a.localTokens) / perMilli));
  }
}
