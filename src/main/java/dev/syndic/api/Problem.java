package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** An RFC 9457 problem detail: what went wrong, in words the caller can act on. */
@Serdeable
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable List<String> errors) {}
