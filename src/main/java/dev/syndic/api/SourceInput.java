package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of source create (url required) and patch (every field optional; an empty category
 * clears it; status {@code paused} or {@code active} pauses or resumes).
 */
@Serdeable
record SourceInput(
    @Nullable String url,
    @Nullable String title,
    @Nullable String category,
    @JsonScalars.Flag @Nullable Boolean enabled,
    @Nullable String status,
    @JsonScalars.Int(min = SourceChecks.MIN_INTERVAL, max = SourceChecks.MAX_INTERVAL) @Nullable Integer pollIntervalSeconds) implements ClosedBody {}
