package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A training example: the entry is ({@code positive}) or is not in the category. */
@Serdeable
record ExampleInput(@JsonScalars.Id(of = "entry") @Nullable Long entryId, @JsonScalars.Flag @Nullable Boolean positive) implements ClosedBody {}
