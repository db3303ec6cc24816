package dev.syndic.api;

import dev.syndic.classify.CategoryRules;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of category create (slug required; names default to the slug), replace (PUT: missing
 * fields take their defaults) and patch/preview (missing fields keep their current value; {@code
 * rules} is replaced as a whole when given).
 */
@Serdeable
record CategoryInput(
    @Nullable String slug,
    @Nullable String nameZh,
    @Nullable String nameEn,
    @Nullable String description,
    @JsonScalars.Flag @Nullable Boolean enabled,
    @JsonScalars.Decimal @Nullable Double threshold,
    @Nullable CategoryRules rules) implements ClosedBody {}
