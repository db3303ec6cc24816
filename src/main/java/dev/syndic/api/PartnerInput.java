package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The body of partner create (name and categories required) and patch (every field optional). */
@Serdeable
record PartnerInput(
    @Nullable String name,
    @Nullable List<String> categories,
    @Serdeable.Deserializable(using = WholeNumber.AsInt.class) @Nullable Integer ratePerMinute,
    @Nullable Boolean fullContent,
    @Nullable Boolean related,
    @Nullable String disclaimerVariant,
    @Nullable Boolean enabled) {}
