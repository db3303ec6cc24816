package dev.syndic.source;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * What a finished poll changes on its source. Null title, URL and ttl leave the stored values as
 * they are; the validators replace the stored ones when a body was received (null: it had none).
 *
 * @param feedTtlSeconds the feed's {@code <ttl>} when the poll read the feed, 0 when it gives none
 */
public record ScheduleUpdate(
    Instant polledAt,
    Instant nextPollAt,
    String status,
    @Nullable String statusReason,
    int consecutiveErrors,
    @Nullable String lastError,
    boolean success,
    boolean bodyReceived,
    @Nullable String etag,
    @Nullable String lastModified,
    @Nullable String bodyHash,
    @Nullable String newUrl,
    @Nullable String title,
    @Nullable String siteUrl,
    @Nullable Integer feedTtlSeconds) {

  public ScheduleUpdate {
    statusReason = FetchRecord.storable(statusReason);
    lastError = FetchRecord.storable(lastError);
  }

  /** The same update without its new address, and with why the source stays where it is. */
  public ScheduleUpdate notMoved(String why) {
    return new ScheduleUpdate(polledAt, nextPollAt, status, why, consecutiveErrors, lastError, success, bodyReceived, etag, lastModified,
        bodyHash, null, title, siteUrl, feedTtlSeconds);
  }

  /** The same update with another next poll time. */
  public ScheduleUpdate nextPollAt(Instant next) {
    return new ScheduleUpdate(polledAt, next, status, statusReason, consecutiveErrors, lastError, success, bodyReceived, etag, lastModified,
        bodyHash, newUrl, title, siteUrl, feedTtlSeconds);
  }
}
