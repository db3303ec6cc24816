package dev.syndic.api;

import io.micronaut.serde.annotation.Serdeable;

/** A training example as stored: the entry is ({@code positive}) or is not in the category. */
@Serdeable
record ExampleView(long entryId, String category, boolean positive) {}
