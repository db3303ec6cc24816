package dev.syndic.entry;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * Which entries to list, newest first.
 *
 * @param category a category slug, or null for all
 * @param after the position to continue after (from a previous page), or null for the first page
 * @param includeHidden admins see hidden entries, feeds do not
 * @param canonicalOnly feeds show each duplicate cluster once, by its canonical entry
 */
public record EntryFilter(
    @Nullable Long sourceId,
    @Nullable String category,
    @Nullable Position after,
    int limit,
    boolean includeHidden,
    boolean canonicalOnly) {

  /** A place in the newest-first order. */
  public record Position(Instant sortAt, long id) {}
}
