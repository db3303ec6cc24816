package dev.syndic.api;

import dev.syndic.source.Source;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A source as the admin API shows it. */
@Serdeable
record SourceView(
    long id,
    String url,
    @Nullable String title,
    @Nullable String siteUrl,
    @Nullable String category,
    boolean enabled,
    String status,
    @Nullable String statusReason,
    @Nullable Integer pollIntervalSeconds,
    Instant nextPollAt,
    @Nullable Instant lastPolledAt,
    @Nullable Instant lastSuccessAt,
    @Nullable Instant lastNewEntryAt,
    int consecutiveErrors,
    @Nullable String lastError,
    @Nullable String claimedBy,
    Instant createdAt) {

  static SourceView of(Source s) {
    return new SourceView(s.id(), s.url(), s.title(), s.siteUrl(), s.defaultCategory(), s.enabled(), s.status(), s.statusReason(),
        s.pollIntervalSeconds(), s.nextPollAt(), s.lastPolledAt(), s.lastSuccessAt(), s.lastNewEntryAt(), s.consecutiveErrors(), s.lastError(),
        s.claimedBy(), s.createdAt());
  }
}
