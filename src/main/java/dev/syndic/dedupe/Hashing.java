package dev.syndic.dedupe;

import java.util.List;

/** 64-bit FNV-1a, then a mix: stable across JVMs and runs, unlike String.hashCode spreads. */
final class Hashing {

  private Hashing() {}

  static long of(List<String> tokens) {
    return of(tokens, 0, tokens.size());
  }

  /** The hash of {@code tokens.subList(from, to)}, without making the sublist (one per shingle). */
  static long of(List<String> tokens, int from, int to) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < to; i++) {
      h = utf8(h, tokens.get(i));
      h ^= 0x1f;
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /**
   * Feeds the UTF-8 bytes of {@code t} to the hash without encoding it into an array: the same
   * bytes as {@code getBytes(UTF_8)} (an unpaired surrogate is '?', as there).
   */
  private static long utf8(long h, String t) {
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < 0x80) {
        h = (h ^ c) * 0x100000001b3L;
      } else if (c < 0x800) {
        h = (h ^ (0xc0 | (c >> 6))) * 0x100000001b3L;
        h = (h ^ (0x80 | (c & 0x3f))) * 0x100000001b3L;
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < t.length() && Character.isLowSurrogate(t.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, t.charAt(++i));
          h = (h ^ (0xf0 | (cp >> 18))) * 0x100000001b3L;
          h = (h ^ (0x80 | ((cp >> 12) & 0x3f))) * 0x100000001b3L;
          h = (h ^ (0x80 | ((cp >> 6) & 0x3f))) * 0x100000001b3L;
          h = (h ^ (0x80 | (cp & 0x3f))) * 0x100000001b3L;
        } else {
          h = (h ^ '?') * 0x100000001b3L;
        }
      } else {
        h = (h ^ (0xe0 | (c >> 12))) * 0x100000001b3L;
        h = (h ^ (0x80 | ((c >> 6) & 0x3f))) * 0x100000001b3L;
        h = (h ^ (0x80 | (c & 0x3f))) * 0x100000001b3L;
      }
    }
    return h;
  }

  static long of(String text) {
    return of(List.of(text));
  }

  /** A finalizer (from SplitMix64) so nearby inputs land far apart. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
