package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * An entry as the admin API shows it. {@code clusterId} and {@code canonical} describe its
 * cross-source duplicate cluster; until clustering groups it, an entry is its own cluster.
 */
@Serdeable
record EntryView(
    long id,
    long sourceId,
    @Nullable String sourceTitle,
    @Nullable String guid,
    @Nullable String link,
    String title,
    @Nullable String author,
    @Nullable Instant published,
    Instant updated,
    String language,
    int revision,
    boolean hidden,
    List<CategoryView> categories,
    long clusterId,
    boolean canonical,
    @Nullable String content) {

  /** A category of the entry, with its origin (rule, model, source, admin), score and evidence. */
  @Serdeable
  record CategoryView(String slug, String origin, double score, List<String> evidence) {}
}
