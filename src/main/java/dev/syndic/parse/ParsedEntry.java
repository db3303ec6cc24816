package dev.syndic.parse;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * One item of a feed, normalized across RSS and Atom. Text fields are trimmed; HTML fields are
 * the publisher's HTML, not yet sanitized; enclosures are as the feed wrote them, not yet checked.
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
    List<String> tags,
    List<Media> enclosures) {

  public ParsedEntry {
    title = title == null ? "" : title.strip();
    tags = List.copyOf(tags);
    enclosures = List.copyOf(enclosures);
  }

  /** An item that carries no file. */
  public ParsedEntry(@Nullable String guid, @Nullable String link, String title, @Nullable String author, @Nullable String summaryHtml,
      @Nullable String contentHtml, @Nullable Instant published, @Nullable Instant updated, List<String> tags) {
    this(guid, link, title, author, summaryHtml, contentHtml, published, updated, tags, List.of());
  }

  /**
   * A file the item carries (RSS {@code <enclosure>}, Atom {@code link rel="enclosure"}, Media
   * RSS {@code media:content}): a podcast's episode, a video, a photo. As written: the address may
   * be relative, the type and length anything.
   */
  public record Media(String url, @Nullable String type, @Nullable String length) {}
}
