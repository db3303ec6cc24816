package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of disclaimer create (scope, language and template required; scopeKey for category and
 * source scopes; variant defaults to {@code default}) and patch (template only).
 */
@Serdeable
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record DisclaimerInput(
    @Nullable String scope,
    @Nullable String scopeKey,
    @Nullable String language,
    @Nullable @Schema(maxLength = DisclaimerController.MAX_VARIANT, pattern = DisclaimerController.VARIANT) String variant,
    @Nullable @Schema(maxLength = DisclaimerController.MAX_TEMPLATE) String template) implements ClosedBody {}
