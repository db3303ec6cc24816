package dev.syndic.ingest;

import dev.syndic.push.PushConfig;
import dev.syndic.source.Source;
import dev.syndic.source.SourceSchedule;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When to poll a source next. Healthy sources wait their interval (the admin's override or the
 * adaptive one), never less than the feed's own {@code ttl} or the server's max-age asks, within
 * [min, max]; an admin's override stands even outside those bounds (the API takes 60 s to 7 days). Errors back off exponentially with up to 25% jitter, capped at max, and never stop
 * polling; a server's Retry-After is honoured.
 */
@Singleton
final class PollPolicy {

  private final PollConfig config;
  private final Duration pushedInterval;
  private final Duration leastGap;
  private final DoubleSupplier random;

  @jakarta.inject.Inject
  PollPolicy(PollConfig config, PushConfig push) {
    this(config, push.pollInterval(), push.leastGap(), () -> ThreadLocalRandom.current().nextDouble());
  }

  PollPolicy(PollConfig config, DoubleSupplier random) {
    this(config, Duration.ZERO, Duration.ZERO, random);
  }

  PollPolicy(PollConfig config, Duration pushedInterval, Duration leastGap, DoubleSupplier random) {
    this.config = config;
    this.pushedInterval = pushedInterval;
    this.leastGap = leastGap;
    this.random = random;
  }

  static final Duration WEEK = Duration.ofDays(7);
  /** The shortest override taken, as the API takes it: a row written otherwise must not poll in a loop. */
  static final Duration MIN_OVERRIDE = Duration.ofMinutes(1);

  Duration afterSuccess(Source source, Duration askedBySource) {
    return afterSuccess(source, askedBySource, -1);
  }

  /**
   * The wait after a successful poll. Unless an admin set the interval, it adapts to how often the
   * source publishes: a week divided by the entries of the last week (a source publishing 100 a
   * week is polled about every 100 minutes, one publishing hourly every 5 minutes), four default
   * intervals for a source silent all week; {@code entriesLastWeek} below 0 means unknown, and then
   * the default interval applies.
   */
  Duration afterSuccess(Source source, Duration askedBySource, int entriesLastWeek) {
    return afterSuccess(source, askedBySource, new SourceSchedule.Recent(entriesLastWeek, null), null);
  }

  /**
   * The wait after a successful poll, as {@link #afterSuccess(Source, Duration, int)}; while the
   * source's hub is relied on ({@code recent.pushed()} not null, its lease running at {@code now}),
   * an adaptive interval is at least {@code syndic.websub.subscribe.poll-interval}: the hub's
   * notices bring the polls that matter. Not past the middle of the lease's last quarter, though,
   * where a poll must fall to renew it ({@code PushSubscriptions.polled}); nor shorter than the
   * source's own pace. An admin's override is left as it is. A hub's notice that came while the
   * poll ran ({@code recent.noticedDuring()}) brings the next poll {@code
   * syndic.websub.subscribe.least-gap} after this one, as it would have had it come a moment later.
   */
  Duration afterSuccess(Source source, Duration askedBySource, SourceSchedule.Recent recent, Instant now) {
    Duration wait = pushedPace(source, askedBySource, recent, now);
    return recent.noticedDuring() ? shorter(wait, leastGap) : wait;
  }

  private Duration pushedPace(Source source, Duration askedBySource, SourceSchedule.Recent recent, Instant now) {
    Duration interval = ownPace(source, askedBySource, recent.lastWeek());
    SourceSchedule.Pushed pushed = recent.pushed();
    if (pushed == null || source.pollIntervalSeconds() != null || now == null || !pushed.leaseUntil().isAfter(now)) {
      return interval;
    }
    Duration quarter = Duration.between(pushed.verifiedAt(), pushed.leaseUntil()).dividedBy(4);
    Duration toRenewal = Duration.between(now, pushed.leaseUntil().minus(quarter.dividedBy(2)));
    return longer(interval, shorter(shorter(pushedInterval, toRenewal), config.maxInterval()));
  }

  private Duration ownPace(Source source, Duration askedBySource, int entriesLastWeek) {
    Duration override = source.pollIntervalSeconds() == null ? null : longer(Duration.ofSeconds(source.pollIntervalSeconds()), MIN_OVERRIDE);
    Duration interval;
    if (override != null) {
      interval = override;
    } else if (entriesLastWeek < 0) {
      interval = config.defaultInterval();
    } else if (entriesLastWeek == 0) {
      interval = config.defaultInterval().multipliedBy(4);
    } else {
      interval = WEEK.dividedBy(entriesLastWeek);
    }
    if (askedBySource != null && askedBySource.compareTo(interval) > 0) {
      interval = askedBySource;
    }
    if (override == null) {
      return clamp(interval, config.minInterval(), config.maxInterval());
    }
    // The admin asked for this interval: the configured bounds, meant for the adaptive one, do
    // not move it (a minute's override polled every five minutes, as if it had been taken).
    return clamp(interval, shorter(override, config.minInterval()), longer(override, config.maxInterval()));
  }

  Duration afterError(int consecutiveErrors, Duration retryAfter) {
    int exponent = Math.min(Math.max(consecutiveErrors - 1, 0), 20);
    Duration backoff = config.errorBackoff().multipliedBy(1L << exponent);
    if (backoff.compareTo(config.maxInterval()) > 0) {
      backoff = config.maxInterval();
    }
    // Up to a quarter more; where that would pass the cap, as much less instead: clamped, every
    // source failing at the cap would wait exactly max-interval, and sources that failed together
    // (one host down) would keep coming back together.
    long jitter = (long) (backoff.toMillis() * 0.25 * random.getAsDouble());
    backoff = backoff.plusMillis(jitter).compareTo(config.maxInterval()) > 0 ? backoff.minusMillis(jitter) : backoff.plusMillis(jitter);
    if (retryAfter != null && retryAfter.compareTo(backoff) > 0) {
      backoff = retryAfter;
    }
    // Within [min, max] like any interval: a misconfigured zero backoff must not poll in a loop.
    return clamp(backoff, config.minInterval(), config.maxInterval());
  }

  private static Duration clamp(Duration d, Duration min, Duration max) {
    return longer(min, shorter(d, max));
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
