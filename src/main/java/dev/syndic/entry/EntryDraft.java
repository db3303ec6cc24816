package dev.syndic.entry;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * An entry as ingest prepares it for storage. {@code sourceHash} identifies what its words were
 * prepared from (title, body and the way of preparing them), so that an unchanged entry of a
 * changed feed is not prepared again; the files' addresses count in it without their query
 * (signed addresses change on every fetch).
 */
public record EntryDraft(
    String identityKey,
    @Nullable String guid,
    @Nullable String link,
    String title,
    @Nullable String author,
    String cleanHtml,
    String cleanText,
    String coreText,
    String language,
    List<String> feedTags,
    @Nullable Instant published,
    @Nullable Instant modified,
    String contentHash,
    String sourceHash,
    List<Enclosure> enclosures) {}
