package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of a cluster merge: the entry whose cluster joins this entry's cluster. */
@Serdeable
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record MergeInput(@JsonScalars.Id(of = "entry") @Nullable @Schema(minimum = "1") Long with) implements ClosedBody {}
