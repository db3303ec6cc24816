package dev.syndic.parse;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * One item of a feed, normalized across RSS and Atom. Text fields are trimmed; HTML fields are
 * the publisher's HTML, not yet sanitized; enclosures are as the feed wrote them, not yet checked.
 *
 * @param base the xml:base in force for the item (its own, else its channel's or feed's), which
 *     its relative link and files are read against, or null when the feed sets none; may itself be
 *     relative (to the feed's address)
 * @param bodyBase the xml:base in force for its body (the body element's own, else the item's), or
 *     null when the feed sets none
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
    List<Media> enclosures,
    @Nullable String base,
    @Nullable String bodyBase) {

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

  /** An item under no xml:base. */
  public ParsedEntry(@Nullable String guid, @Nullable String link, String title, @Nullable String author, @Nullable String summaryHtml,
      @Nullable String contentHtml, @Nullable Instant published, @Nullable Instant updated, List<String> tags, List<Media> enclosures) {
    this(guid, link, title, author, summaryHtml, contentHtml, published, updated, tags, enclosures, null, null);
  }

  /**
   * A file the item carries (RSS {@code <enclosure>}, Atom {@code link rel="enclosure"}, Media
   * RSS {@code media:content}): a podcast's episode, a video, a photo. As written: the address may
   * be relative, the type and length anything.
   */
  public record Media(String url, @Nullable String type, @Nullable String length) {}
}
