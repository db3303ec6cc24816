package dev.syndic.api;

import dev.syndic.entry.Enclosure;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * An entry as the admin API shows it. {@code clusterId} and {@code canonical} describe its
 * cross-source duplicate cluster; {@code duplicates} (single-entry views only) lists the other
 * members; {@code enclosures} the files it carries (a podcast's episode, a video).
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
    boolean pinned,
    List<CategoryView> categories,
    long clusterId,
    boolean canonical,
    @Nullable List<Duplicate> duplicates,
    List<Enclosure> enclosures,
    @Nullable String content) {

  /** Another entry of the same cluster. */
  @Serdeable
  record Duplicate(long id, long sourceId, @Nullable String sourceTitle, String title, @Nullable String link, boolean canonical) {}

  /** A category of the entry, with its origin (rule, model, source, admin), score and evidence. */
  @Serdeable
  record CategoryView(String slug, String origin, double score, List<String> evidence) {}
}
