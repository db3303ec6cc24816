package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A training example: the entry is ({@code positive}) or is not in the category. */
@Serdeable
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record ExampleInput(
    @JsonScalars.Id(of = "entry") @Nullable @Schema(minimum = "1") Long entryId,
    @JsonScalars.Flag @Nullable Boolean positive) implements ClosedBody {}
