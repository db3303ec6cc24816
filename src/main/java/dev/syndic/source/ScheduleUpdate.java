package dev.syndic.source;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * What a finished poll changes on its source. Null validators, title and URL leave the stored
 * values as they are.
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
    @Nullable String siteUrl) {

  public ScheduleUpdate {
    statusReason = FetchRecord.storable(statusReason);
    lastError = FetchRecord.storable(lastError);
  }

  /** The same update with another next poll time. */
  public ScheduleUpdate nextPollAt(Instant next) {
    return new ScheduleUpdate(polledAt, next, status, statusReason, consecutiveErrors, lastError, success, bodyReceived, etag, lastModified,
        bodyHash, newUrl, title, siteUrl);
  }
}
