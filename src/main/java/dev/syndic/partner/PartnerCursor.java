package dev.syndic.partner;

import dev.syndic.entry.EntryFilter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque cursors of the partner API. Newest first ({@code cursor}): the position (sort time in
 * microseconds, id) of the last entry served. In arrival order ({@code after}): a position in that
 * order. Each kind has its own prefix, so one is never taken for the other.
 */
final class PartnerCursor {

  private PartnerCursor() {}

  static String write(EntryFilter.Position p) {
    return encode("p:" + p.micros() + ":" + p.id());
  }

  /** @throws IllegalArgumentException when the text is not a cursor written here */
  static EntryFilter.Position read(String cursor) {
    String[] parts = decode(cursor).split(":");
    if (parts.length != 3 || !parts[0].equals("p")) {
      throw new IllegalArgumentException("not a partner cursor");
    }
    return EntryFilter.Position.ofMicros(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
  }

  /**
   * A position in the arrival order as a token names it.
   *
   * @param began for a reader that started from the first entry and has not yet read up to where
   *     the order stood then, that newest position: removals numbered up to it left before the
   *     reader began, so they concern entries it never had; else the position itself
   */
  record Arrival(long position, long began) {

    /**
     * Whether a reader at this position may hold an item whose removal it can no longer be told:
     * retention deleted removals (through position {@code horizon}) that come after it and after
     * the reader began.
     */
    boolean missedRemovals(long horizon) {
      return position > 0 && horizon > Math.max(position, began);
    }
  }

  /**
   * A position in the arrival order (0: before the first entry) of a reader that began when the
   * newest position was {@code began}. Below that, the token carries it; at or past it, the
   * position is written alone, as positions always were.
   */
  static String writeArrival(long position, long began) {
    return encode(position < began ? "a:" + position + ":" + began : "a:" + position);
  }

  /** @throws IllegalArgumentException when the text is not an arrival position written here */
  static long readArrival(String token) {
    return readArrivalToken(token).position();
  }

  /** @throws IllegalArgumentException when the text is not an arrival position written here */
  static Arrival readArrivalToken(String token) {
    String[] parts = decode(token).split(":", -1);
    if (parts.length < 2 || parts.length > 3 || !parts[0].equals("a")) {
      throw new IllegalArgumentException("not an arrival position");
    }
    long position = Long.parseLong(parts[1]);
    long began = parts.length == 3 ? Long.parseLong(parts[2]) : position;
    if (position < 0 || began < 0) {
      throw new IllegalArgumentException("a negative arrival position");
    }
    return new Arrival(position, began);
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token) {
    return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
  }
}
