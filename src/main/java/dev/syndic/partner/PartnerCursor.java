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

  /** A position in the arrival order (0: before the first entry). */
  static String writeArrival(long position) {
    return encode("a:" + position);
  }

  /** @throws IllegalArgumentException when the text is not an arrival position written here */
  static long readArrival(String token) {
    String[] parts = decode(token).split(":");
    if (parts.length != 2 || !parts[0].equals("a")) {
      throw new IllegalArgumentException("not an arrival position");
    }
    long position = Long.parseLong(parts[1]);
    if (position < 0) {
      throw new IllegalArgumentException("a negative arrival position");
    }
    return position;
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token) {
    return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
  }
}
