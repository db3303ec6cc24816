package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * An admin's change of an entry; absent fields stay as they are.
 *
 * @param categories its categories, final from now on ([] = none)
 * @param hidden true takes it out of every outbound feed and the partner API
 * @param pinned true puts it first in the category feeds it belongs to
 */
@Serdeable
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record EntryPatch(
    @Nullable @ArraySchema(maxItems = EntryController.MAX_CATEGORIES, arraySchema = @Schema(example = "[\"ai\"]")) List<String> categories,
    @JsonScalars.Flag @Nullable @Schema(example = "false") Boolean hidden,
    @JsonScalars.Flag @Nullable @Schema(example = "true") Boolean pinned) implements ClosedBody {}
