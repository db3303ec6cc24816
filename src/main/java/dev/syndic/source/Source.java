package dev.syndic.source;

import dev.syndic.WebLinks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A feed Syndic polls.
 *
 * @param status {@code active}, {@code error} (the last poll failed; polling goes on with backoff)
 *     or {@code paused} (by an admin, or because the feed answered 410 Gone)
 * @param pollIntervalSeconds an admin's override of the adaptive interval, or null
 * @param bodyHash SHA-256 of the last body, so an unchanged body counts as not modified
 * @param lastBodyAt when a successful poll last received a body (not a 304)
 * @param lastNewEntryAt when a poll last stored a new entry
 * @param feedTtlSeconds the {@code <ttl>} the feed last gave, kept for polls that read no feed (304)
 */
@MappedEntity("source")
public record Source(
    @Id @GeneratedValue @Nullable Long id,
    String url,
    @Nullable String title,
    @Nullable String siteUrl,
    @Nullable String defaultCategory,
    boolean enabled,
    String status,
    @Nullable String statusReason,
    @Nullable Integer pollIntervalSeconds,
    Instant nextPollAt,
    @Nullable String claimedBy,
    @Nullable Instant claimedUntil,
    @Nullable String etag,
    @Nullable String lastModified,
    @Nullable String bodyHash,
    int consecutiveErrors,
    @Nullable String lastError,
    @Nullable Instant lastPolledAt,
    @Nullable Instant lastSuccessAt,
    @Nullable Instant lastBodyAt,
    @Nullable Instant lastNewEntryAt,
    @Nullable Integer feedTtlSeconds,
    Instant createdAt,
    Instant updatedAt) {

  public static final String ACTIVE = "active";
  public static final String ERROR = "error";
  public static final String PAUSED = "paused";
  /** The longest address a source may have, in characters (an admin's, or one a permanent redirect gives). */
  public static final int MAX_URL = WebLinks.MAX_ADDRESS;

  /** Whether the scheduler polls a source with this state: enabled, and not paused. */
  public static boolean polled(boolean enabled, String status) {
    return enabled && !PAUSED.equals(status);
  }

  /**
   * How a reason names source {@code id}, which has the address another source is kept from: that
   * it polls the feed there, or that it keeps the address without polling it (disabled or paused).
   */
  public static String holding(long id, boolean enabled, String status) {
    return polled(enabled, status)
        ? "which source " + id + " already polls"
        : "the address of source " + id + ", which is " + (enabled ? "paused" : "disabled") + " (not polled) but keeps that address";
  }

  /** A new, enabled source due now. */
  public static Source create(String url, @Nullable String title, @Nullable String defaultCategory, Instant now) {
    return new Source(null, url, title, null, defaultCategory, true, ACTIVE, null, null, now, null, null, null, null, null, 0, null, null, null, null, null, null, now, now);
  }

  /** The source with this site address (an OPML outline's {@code htmlUrl}, until a poll gives the feed's); everything else as it is. */
  public Source withSiteUrl(@Nullable String site) {
    return new Source(id, url, title, site, defaultCategory, enabled, status, statusReason, pollIntervalSeconds, nextPollAt, claimedBy,
        claimedUntil, etag, lastModified, bodyHash, consecutiveErrors, lastError, lastPolledAt, lastSuccessAt, lastBodyAt, lastNewEntryAt,
        feedTtlSeconds, createdAt, updatedAt);
  }

  /** The source with this state; everything else, its time of change included, as it is. */
  public Source withState(boolean enabled, String status, @Nullable String reason) {
    return new Source(id, url, title, siteUrl, defaultCategory, enabled, status, reason, pollIntervalSeconds, nextPollAt, claimedBy,
        claimedUntil, etag, lastModified, bodyHash, consecutiveErrors, lastError, lastPolledAt, lastSuccessAt, lastBodyAt, lastNewEntryAt,
        feedTtlSeconds, createdAt, updatedAt);
  }

  /**
   * The source with what an admin sets, changed at {@code now}. At a new address it starts
   * afresh: the old address's validators, body hash, last body and feed ttl do not apply there.
   */
  public Source withSettings(String newUrl, @Nullable String newTitle, @Nullable String category, boolean enable, String newStatus,
      @Nullable String reason, @Nullable Integer interval, Instant next, Instant now) {
    boolean same = newUrl.equals(url);
    return new Source(id, newUrl, newTitle, siteUrl, category, enable, newStatus, reason, interval, next, claimedBy, claimedUntil,
        same ? etag : null, same ? lastModified : null, same ? bodyHash : null, consecutiveErrors, lastError, lastPolledAt, lastSuccessAt,
        same ? lastBodyAt : null, lastNewEntryAt, same ? feedTtlSeconds : null, createdAt, now);
  }
}
