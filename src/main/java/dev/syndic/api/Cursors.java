package dev.syndic.api;

import dev.syndic.entry.EntryFilter;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Opaque cursors: base64url of a position, checked when read back. */
final class Cursors {

  private Cursors() {}

  static String ofId(long id) {
    return encode("i:" + id);
  }

  static long id(String cursor) {
    String raw = decode(cursor);
    if (!raw.startsWith("i:")) {
      throw invalid();
    }
    return parseLong(raw.substring(2));
  }

  static String of(EntryFilter.Position p) {
    return encode("e:" + p.micros() + ":" + p.id());
  }

  static EntryFilter.Position position(String cursor) {
    String[] parts = decode(cursor).split(":");
    if (parts.length != 3 || !parts[0].equals("e")) {
      throw invalid();
    }
    try {
      return EntryFilter.Position.ofMicros(parseLong(parts[1]), parseLong(parts[2]));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  /** A place in a source's fetch history, newest first: a record's start, then its id. */
  record FetchPosition(Instant startedAt, long id) {}

  static String ofFetch(Instant startedAt, long id) {
    return encode("f:" + (startedAt.getEpochSecond() * 1_000_000L + startedAt.getNano() / 1_000) + ":" + id);
  }

  static FetchPosition fetchPosition(String cursor) {
    String[] parts = decode(cursor).split(":");
    if (parts.length != 3 || !parts[0].equals("f")) {
      throw invalid();
    }
    long micros = parseLong(parts[1]);
    Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    if (!EntryFilter.storable(at)) {
      // No record started there, and PostgreSQL could not compare with it.
      throw invalid();
    }
    return new FetchPosition(at, parseLong(parts[2]));
  }

  private static String encode(String raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  private static HttpStatusException invalid() {
    return new HttpStatusException(HttpStatus.BAD_REQUEST, "cursor: not a cursor this API gave out; pass the 'next' value of the previous page unchanged");
  }
}
