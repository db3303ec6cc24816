package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The body of a cluster merge: the entry whose cluster joins this entry's cluster. */
@Serdeable
record MergeInput(@JsonScalars.Id(of = "entry") @Nullable Long with) implements ClosedBody {}
