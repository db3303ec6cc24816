package dev.syndic.partner;

import dev.syndic.entry.EntryFilter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Opaque cursors of the partner API: the position (sort time in microseconds, id) of the last entry served. */
final class PartnerCursor {

  private PartnerCursor() {}

  static String write(EntryFilter.Position p) {
    long micros = p.sortAt().getEpochSecond() * 1_000_000L + p.sortAt().getNano() / 1_000;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("p:" + micros + ":" + p.id()).getBytes(StandardCharsets.UTF_8));
  }

  /** @throws IllegalArgumentException when the text is not a cursor written here */
  static EntryFilter.Position read(String cursor) {
    String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
    if (parts.length != 3 || !parts[0].equals("p")) {
      throw new IllegalArgumentException("not a partner cursor");
    }
    long micros = Long.parseLong(parts[1]);
    Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    if (!EntryFilter.storable(at)) {
      throw new IllegalArgumentException("no entry sorts at " + at); // so no page ended there
    }
    return new EntryFilter.Position(at, Long.parseLong(parts[2]));
  }
}
