package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The body of partner create (name and categories required) and patch (every field optional). */
@Serdeable
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record PartnerInput(
    @Nullable @Schema(maxLength = PartnerController.MAX_NAME) String name,
    @Nullable List<String> categories,
    @JsonScalars.Int(min = PartnerController.MIN_RATE, max = PartnerController.MAX_RATE) @Nullable
    @Schema(minimum = "" + PartnerController.MIN_RATE, maximum = "" + PartnerController.MAX_RATE) Integer ratePerMinute,
    @JsonScalars.Flag @Nullable Boolean fullContent,
    @JsonScalars.Flag @Nullable Boolean related,
    @Nullable @Schema(maxLength = DisclaimerController.MAX_VARIANT, pattern = DisclaimerController.VARIANT) String disclaimerVariant,
    @JsonScalars.Flag @Nullable Boolean enabled) implements ClosedBody {}
