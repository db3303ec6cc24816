package dev.syndic.partner;

import dev.syndic.entry.EntryFilter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque cursors of the partner API: the position (sort time in microseconds, id) of the last entry served. */
final class PartnerCursor {

  private PartnerCursor() {}

  static String write(EntryFilter.Position p) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("p:" + p.micros() + ":" + p.id()).getBytes(StandardCharsets.UTF_8));
  }

  /** @throws IllegalArgumentException when the text is not a cursor written here */
  static EntryFilter.Position read(String cursor) {
    String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
    if (parts.length != 3 || !parts[0].equals("p")) {
      throw new IllegalArgumentException("not a partner cursor");
    }
    return EntryFilter.Position.ofMicros(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
  }
}
