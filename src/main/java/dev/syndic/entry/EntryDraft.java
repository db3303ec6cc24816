package dev.syndic.entry;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * An entry as ingest prepares it for storage. {@code sourceHash} identifies what its words were
 * prepared from (title, body and the way of preparing them), so that an unchanged entry of a
 * changed feed is not prepared again. Enclosures are not part of it: a file's address changing
 * alone (signed or tracking addresses change on every fetch) is not worth preparing an entry
 * again, so an entry keeps the enclosures it was stored (or last updated) with.
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
