package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The body of partner create (name and categories required) and patch (every field optional). */
@Serdeable
record PartnerInput(
    @Nullable String name,
    @Nullable List<String> categories,
    @JsonScalars.Int(min = PartnerController.MIN_RATE, max = PartnerController.MAX_RATE) @Nullable Integer ratePerMinute,
    @JsonScalars.Flag @Nullable Boolean fullContent,
    @JsonScalars.Flag @Nullable Boolean related,
    @Nullable String disclaimerVariant,
    @JsonScalars.Flag @Nullable Boolean enabled) implements ClosedBody {}
