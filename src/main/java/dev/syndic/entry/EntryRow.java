package dev.syndic.entry;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * A stored entry with its source and categories, as the API and the feeds read it.
 *
 * @param storyKey what its published item id is made from: the identity key of its cluster's
 *     anchor (the entry the story was first stored as, usually itself) under the first address that
 *     entry's source had. Not its own key: when a copy published earlier arrives later and becomes
 *     the canonical entry, the story keeps the id readers have; and not the current address: a
 *     source's redirect does not give stored entries new ids.
 */
public record EntryRow(
    long id,
    long sourceId,
    String identityKey,
    @Nullable String guid,
    @Nullable String link,
    String title,
    @Nullable String author,
    String cleanHtml,
    String language,
    @Nullable Instant published,
    @Nullable Instant modified,
    Instant sortAt,
    Instant updatedAt,
    int revision,
    boolean hidden,
    boolean pinned,
    long clusterId,
    boolean canonical,
    @Nullable String sourceTitle,
    String sourceUrl,
    @Nullable String sourceSiteUrl,
    String storyKey,
    List<Enclosure> enclosures,
    List<AssignedCategory> categories) {

  /** A category of the entry and why it has it. */
  public record AssignedCategory(String slug, String origin, double score, String evidenceJson) {}

  EntryRow withCategories(List<AssignedCategory> c) {
    return new EntryRow(id, sourceId, identityKey, guid, link, title, author, cleanHtml, language, published, modified, sortAt, updatedAt,
        revision, hidden, pinned, clusterId, canonical, sourceTitle, sourceUrl, sourceSiteUrl, storyKey, enclosures,
        c);
  }
}
