package dev.syndic.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The poller.
 *
 * @param enabled false: no background polling (polls still run when an admin asks)
 * @param tick how often the scheduler looks for due sources
 * @param batchSize how many sources one instance holds claimed and not yet polled, at most
 * @param defaultInterval the interval between polls of a healthy source
 * @param minInterval the shortest interval, whatever a source asks
 * @param maxInterval the longest interval, also the cap of error backoff
 * @param errorBackoff the delay after a first error, doubled per further error
 * @param lease how long a claim lasts before another instance may take the source over
 * @param revalidateAfter how long a source may answer nothing but 304 before it is fetched once
 *     without validators (servers that answer 304 wrongly would hide new entries for good)
 * @param maxEntries how many entries of one fetch are read, the first in feed order (newest first
 *     in nearly every feed); a feed of 20,000 items is an archive or an attack, not news
 */
@ConfigurationProperties("syndic.poll")
public record PollConfig(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "5s") Duration tick,
    @Bindable(defaultValue = "100") int batchSize,
    @Bindable(defaultValue = "30m") Duration defaultInterval,
    @Bindable(defaultValue = "5m") Duration minInterval,
    @Bindable(defaultValue = "24h") Duration maxInterval,
    @Bindable(defaultValue = "5m") Duration errorBackoff,
    @Bindable(defaultValue = "5m") Duration lease,
    @Bindable(defaultValue = "12h") Duration revalidateAfter,
    @Bindable(defaultValue = "1000") int maxEntries) {

  /**
   * Refuses settings the poller cannot work with, naming the key: a batch size below 1 left the
   * scheduler ticking (and /health UP) while it never claimed a source; a lease of zero let
   * another instance take every source while it was being polled.
   */
  public PollConfig {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("syndic.poll.max-entries must be at least 1, got " + maxEntries);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("syndic.poll.batch-size must be at least 1 (with " + batchSize + " no source is ever polled), got "
          + batchSize);
    }
    positive("syndic.poll.tick", tick);
    positive("syndic.poll.lease", lease);
    positive("syndic.poll.default-interval", defaultInterval);
    positive("syndic.poll.min-interval", minInterval);
    positive("syndic.poll.revalidate-after", revalidateAfter);
    if (maxInterval.compareTo(minInterval) < 0) {
      throw new IllegalArgumentException("syndic.poll.max-interval (" + maxInterval + ") must not be shorter than syndic.poll.min-interval ("
          + minInterval + ")");
    }
    if (errorBackoff.isNegative()) {
      throw new IllegalArgumentException("syndic.poll.error-backoff must not be negative, got " + errorBackoff);
    }
  }

  private static void positive(String key, java.time.Duration value) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(key + " must be more than zero, got " + value);
    }
  }
}
