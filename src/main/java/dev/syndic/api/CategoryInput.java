package dev.syndic.api;

import dev.syndic.classify.CategoryRules;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of category create (slug required; names default to the slug), replace (PUT: missing
 * fields take their defaults) and patch/preview (missing fields keep their current value; {@code
 * rules} is replaced as a whole when given).
 */
@Serdeable
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record CategoryInput(
    @Nullable @Schema(maxLength = CategoryChecks.MAX_SLUG, pattern = CategoryChecks.SLUG_PATTERN) String slug,
    @Nullable @Schema(maxLength = CategoryChecks.MAX_NAME) String nameZh,
    @Nullable @Schema(maxLength = CategoryChecks.MAX_NAME) String nameEn,
    @Nullable @Schema(maxLength = CategoryChecks.MAX_DESCRIPTION) String description,
    @JsonScalars.Flag @Nullable Boolean enabled,
    @JsonScalars.Decimal @Nullable @Schema(minimum = "0", exclusiveMinimum = true, maximum = "" + CategoryChecks.MAX_THRESHOLD) Double threshold,
    @Nullable CategoryRules rules) implements ClosedBody {}
