package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A training example: the entry is ({@code positive}) or is not in the category. */
@Serdeable
record ExampleInput(@Serdeable.Deserializable(using = WholeNumber.AsLong.class) @Nullable Long entryId, @Nullable Boolean positive) {}
