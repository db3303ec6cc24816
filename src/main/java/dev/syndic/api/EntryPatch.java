package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** An admin's correction of an entry: its categories, final from now on ([] = none). */
@Serdeable
record EntryPatch(@Nullable List<String> categories) {}
