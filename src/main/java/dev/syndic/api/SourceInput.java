package dev.syndic.api;

import dev.syndic.source.Source;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of source create (url required) and patch (every field optional; an empty category
 * clears it; status {@code paused} or {@code active} pauses or resumes).
 */
@Serdeable
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record SourceInput(
    @Nullable @Schema(maxLength = Source.MAX_URL) String url,
    @Nullable @Schema(maxLength = SourceChecks.MAX_TITLE) String title,
    @Nullable String category,
    @JsonScalars.Flag @Nullable Boolean enabled,
    @Nullable String status,
    @JsonScalars.Int(min = SourceChecks.MIN_INTERVAL, max = SourceChecks.MAX_INTERVAL) @Nullable
    @Schema(minimum = "" + SourceChecks.MIN_INTERVAL, maximum = "" + SourceChecks.MAX_INTERVAL) Integer pollIntervalSeconds) implements ClosedBody {}
