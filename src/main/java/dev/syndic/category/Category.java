package dev.syndic.category;

import dev.syndic.classify.CategoryDefinition;
import dev.syndic.classify.CategoryRules;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A category, as stored and as the admin API shows it. */
@Serdeable
public record Category(
    @Nullable Long id,
    String slug,
    String nameZh,
    String nameEn,
    String description,
    boolean enabled,
    double threshold,
    CategoryRules rules,
    @Nullable Instant updatedAt) {

  public CategoryDefinition definition() {
    return new CategoryDefinition(slug, threshold, rules);
  }
}
