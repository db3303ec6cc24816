package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A page of a list; {@code next} is the opaque cursor of the following page, null at the end. */
@Serdeable
public record Page<T>(List<T> items, @Nullable String next) {}
