package dev.syndic.parse;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * One item of a feed, normalized across RSS and Atom. Text fields are trimmed; HTML fields are
 * the publisher's HTML, not yet sanitized.
 */
public record ParsedEntry(
    @Nullable String guid,
    @Nullable String link,
    String title,
    @Nullable String author,
    @Nullable String summaryHtml,
    @Nullable String contentHtml,
    @Nullable Instant published,
    @Nullable Instant updated,
    List<String> tags) {

  public ParsedEntry {
    title = title == null ? "" : title.strip();
    tags = List.copyOf(tags);
  }
}
