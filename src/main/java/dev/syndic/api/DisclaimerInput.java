package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of disclaimer create (scope, language and template required; scopeKey for category and
 * source scopes; variant defaults to {@code default}) and patch (template only).
 */
@Serdeable
record DisclaimerInput(
    @Nullable String scope, @Nullable String scopeKey, @Nullable String language, @Nullable String variant, @Nullable String template) implements ClosedBody {}
