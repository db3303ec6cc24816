package dev.syndic.entry;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * Which entries to list, newest first.
 *
 * @param category a category slug, or null for all
 * @param after the position to continue after (from a previous page), or null for the first page
 * @param includeHidden admins see hidden entries, and the disabled categories of each, feeds do not
 * @param canonicalOnly feeds show each duplicate cluster once, by its canonical entry; without a category, not those
 *     whose every category is disabled
 * @param query words to find in the title or the text (case-insensitive substring), or null
 * @param clusterId only the entries of this duplicate cluster, or null
 * @param from only entries sorting at or after this time, or null
 * @param to only entries sorting before this time, or null
 * @param pinnedFirst pinned entries before the others (feeds; not with cursor paging)
 */
public record EntryFilter(
    @Nullable Long sourceId,
    @Nullable String category,
    @Nullable Position after,
    int limit,
    boolean includeHidden,
    boolean canonicalOnly,
    @Nullable String query,
    @Nullable Long clusterId,
    @Nullable Instant from,
    @Nullable Instant to,
    boolean pinnedFirst) {

  public EntryFilter(@Nullable Long sourceId, @Nullable String category, @Nullable Position after, int limit, boolean includeHidden,
      boolean canonicalOnly) {
    this(sourceId, category, after, limit, includeHidden, canonicalOnly, null, null, null, null, false);
  }

  /** The same filter, narrowed by a search, a cluster and a time range (each null for any). */
  public EntryFilter narrowed(@Nullable String q, @Nullable Long cluster, @Nullable Instant since, @Nullable Instant until) {
    return new EntryFilter(sourceId, category, after, limit, includeHidden, canonicalOnly, q, cluster, since, until, pinnedFirst);
  }

  /** The same filter with pinned entries first; only for a first page, as cursors ignore pins. */
  public EntryFilter withPinnedFirst() {
    return new EntryFilter(sourceId, category, after, limit, includeHidden, canonicalOnly, query, clusterId, from, to, true);
  }

  /**
   * The earliest time a filter or cursor may name. PostgreSQL's {@code timestamptz} holds 4714 BC
   * to 294276 AD and answers "timestamp out of range" beyond; the bounds here keep a year inside
   * both ends, as the JDBC driver converts times before 1582 through the Julian calendar.
   */
  public static final Instant EARLIEST = Instant.parse("-4712-01-01T00:00:00Z");

  /** The end (excluded) of the times a filter or cursor may name; see {@link #EARLIEST}. */
  public static final Instant END = Instant.parse("+294276-01-01T00:00:00Z");

  /** Whether PostgreSQL can compare with this time: filters and cursors outside are refused before any SQL. */
  public static boolean storable(Instant t) {
    return !t.isBefore(EARLIEST) && t.isBefore(END);
  }

  /** A place in the newest-first order. */
  public record Position(Instant sortAt, long id) {

    /** The sort time in whole microseconds, PostgreSQL's precision: how cursors write it. */
    public long micros() {
      return sortAt.getEpochSecond() * 1_000_000L + sortAt.getNano() / 1_000;
    }

    /**
     * The position a cursor wrote with {@link #micros}.
     *
     * @throws IllegalArgumentException when no entry can sort there (outside {@link #storable}),
     *     so no page ended there
     */
    public static Position ofMicros(long micros, long id) {
      Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
      if (!storable(at)) {
        throw new IllegalArgumentException("no entry sorts at " + at);
      }
      return new Position(at, id);
    }
  }
}
