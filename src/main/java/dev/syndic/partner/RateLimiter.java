package dev.syndic.partner;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partner rates, for all instances together. Tokens come from the partner's bucket in PostgreSQL
 * ({@link PartnerBuckets}), leased a few at a time: as many as this instance served the partner
 * in the last second, at least one and at most a second's worth of the rate (and {@value
 * #MAX_LEASE}). A busy partner costs one statement per lease, not per request; an instance that
 * sees the partner rarely leases one token at a time, so many instances do not sit on tokens
 * the partner needs elsewhere; tokens a lease did not use within {@link #LEASE_LIFE} go back to
 * the bucket with the next lease. A refusal is remembered until the bucket will hold a token
 * again, so a partner hammering over its rate costs no statement per request either. A changed
 * rate (the partner edited) applies at the partner's next request on every instance.
 *
 * <p>When the database fails, this instance keeps every partner to the rate on a bucket of its
 * own in memory and does not ask the database again for {@link #BREAK}, so requests do not queue
 * behind failing leases; it logs the switch both ways.
 */
@Singleton
final class RateLimiter {

  /** Allowed, or refused with how long to wait for the next token. */
  record Decision(boolean allowed, Duration retryAfter) {}

  static final int MAX_LEASE = 50;
  static final Duration LEASE_LIFE = Duration.ofSeconds(10);
  static final Duration BREAK = Duration.ofSeconds(5);
  private static final Decision ALLOWED = new Decision(true, Duration.ZERO);
  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

  /** One partner's state on this instance; guarded by itself. */
  private static final class Allowance {
    /** The rate the state below was decided at: a changed rate starts over. */
    int rate;
    int leased;
    long leasedAt;
    long refusedUntil;
    /** Requests allowed in the current second, and in the one before. */
    long secondStart;
    int thisSecond;
    int lastSecond;
    /** The bucket of this instance alone, used while the database fails; -1: not started. */
    double localTokens = -1;
    long localRefilledAt;
  }

  private final Map<Long, Allowance> allowances = new ConcurrentHashMap<>();
  private final PartnerBuckets buckets;
  private final Clock clock;
  /** Until when the database is not asked (after a failure); 0: ask it. */
  private volatile long databaseAfter;

  RateLimiter(PartnerBuckets buckets, Clock clock) {
    this.buckets = buckets;
    this.clock = clock;
  }

  Decision take(long partnerId, int ratePerMinute) {
    Allowance a = allowances.computeIfAbsent(partnerId, id -> new Allowance());
    synchronized (a) {
      long now = clock.millis();
      roll(a, now);
      Decision d = decide(a, partnerId, ratePerMinute, now);
      if (d.allowed()) {
        a.thisSecond++;
      }
      return d;
    }
  }

  private Decision decide(Allowance a, long partnerId, int ratePerMinute, long now) {
    if (a.rate != ratePerMinute) {
      // A raised rate ends a refusal decided at the old one; a lowered one must not be exceeded
      // with tokens leased at the old one (they go back with the next lease).
      a.rate = ratePerMinute;
      a.refusedUntil = 0;
      a.leasedAt = 0;
      a.localTokens = -1;
    }
    boolean fresh = now - a.leasedAt < LEASE_LIFE.toMillis();
    if (a.leased > 0 && fresh) {
      a.leased--;
      return ALLOWED;
    }
    if (now < a.refusedUntil) {
      return refused(a.refusedUntil - now);
    }
    if (now < databaseAfter) {
      return local(a, ratePerMinute, now);
    }
    int returned = fresh ? 0 : a.leased;
    PartnerBuckets.Lease lease;
    try {
      lease = buckets.take(partnerId, ratePerMinute, leaseSize(ratePerMinute, Math.max(a.lastSecond, a.thisSecond)), returned);
    } catch (RuntimeException e) {
      if (databaseAfter == 0) {
        LOG.warn("partner rates: the database failed ({}); each partner is held to its rate on this instance alone", e.getMessage());
      }
      databaseAfter = now + BREAK.toMillis();
      return local(a, ratePerMinute, now);
    }
    if (databaseAfter != 0) {
      databaseAfter = 0;
      LOG.info("partner rates: the database answers again; the rates hold for all instances together");
    }
    a.localTokens = -1;
    a.leased = 0;
    if (lease.granted() > 0) {
      a.leased = lease.granted() - 1;
      a.leasedAt = now;
      return ALLOWED;
    }
    long wait = (long) Math.ceil(Math.max(0, 1 - lease.left()) * 60_000.0 / ratePerMinute);
    a.refusedUntil = now + wait;
    return refused(wait);
  }

  /**
   * How many tokens to lease: as many as {@code demand} (requests served in a second), at least
   * one, at most a second's worth of the rate and {@link #MAX_LEASE}.
   */
  static int leaseSize(int ratePerMinute, int demand) {
    return Math.max(1, Math.min(demand, Math.min(MAX_LEASE, ratePerMinute / 60)));
  }

  /** Starts a new second of counting when the current one is over. */
  private static void roll(Allowance a, long now) {
    if (now - a.secondStart >= 1000) {
      a.lastSecond = now - a.secondStart < 2000 ? a.thisSecond : 0;
      a.thisSecond = 0;
      a.secondStart = now;
    }
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
