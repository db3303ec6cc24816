package dev.syndic.source;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One fetch of a source, kept as history.
 *
 * @param outcome {@code ok}, {@code not_modified} or {@code error}
 * @param httpStatus the HTTP status, null when no response arrived
 * @param error what went wrong, in words an admin can act on
 * @param repairs what the document needed repaired before it could be read, or null
 */
@MappedEntity("fetch_log")
public record FetchRecord(
    @Id @GeneratedValue @Nullable Long id,
    long sourceId,
    Instant startedAt,
    long durationMs,
    String outcome,
    @Nullable Integer httpStatus,
    long bytes,
    int entriesFound,
    int newEntries,
    int updatedEntries,
    @Nullable String error,
    @Nullable String repairs) {

  public FetchRecord {
    error = storable(error);
    repairs = storable(repairs);
  }

  /**
   * An error text as PostgreSQL can store it: control characters but tab and line feed are written
   * as {@code \u0000} escapes. Error texts quote what a server sent (the JDK client's "Invalid
   * header value" quotes the header whole), and one NUL in them made the whole batch of poll
   * records fail, so the hostile source never recorded its error and its neighbours lost theirs.
   */
  static @Nullable String storable(@Nullable String text) {
    if (text == null || text.chars().allMatch(c -> c >= 0x20 || c == '\t' || c == '\n')) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.chars().forEach(c -> {
      if (c >= 0x20 || c == '\t' || c == '\n') {
        out.append((char) c);
      } else {
        out.append(String.format("\\u%04x", c));
      }
    });
    return out.toString();
  }
}
