package dev.syndic.dedupe;

import java.util.List;

/** 64-bit FNV-1a, then a mix: stable across JVMs and runs, unlike String.hashCode spreads. */
final class Hashing {

  private static final long OFFSET = 0xcbf29ce484222325L;

  private Hashing() {}

  static long of(List<String> tokens) {
    long h = OFFSET;
    for (String token : tokens) {
      char[] t = token.toCharArray();
      h = token(h, t, 0, t.length);
    }
    return mix(h);
  }

  /**
   * The hash of tokens {@code from} to {@code to} (exclusive), the same as {@link #of(List)} of
   * them as Strings; read in place (one per shingle).
   */
  static long of(Tokens tokens, int from, int to) {
    long h = OFFSET;
    char[] chars = tokens.chars();
    for (int i = from; i < to; i++) {
      h = token(h, chars, tokens.begin(i), tokens.end(i));
    }
    return mix(h);
  }

  /** One token and the separator after it. */
  private static long token(long h, char[] t, int from, int to) {
    h = utf8(h, t, from, to);
    h ^= 0x1f;
    return h * 0x100000001b3L;
  }

  /**
   * Feeds the UTF-8 bytes of {@code t[from, to)} to the hash without encoding them into an array:
   * the same bytes as {@code getBytes(UTF_8)} (an unpaired surrogate is '?', as there).
   */
  private static long utf8(long h, char[] t, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = t[i];
      if (c < 0x80) {
        h = (h ^ c) * 0x100000001b3L;
      } else if (c < 0x800) {
        h = (h ^ (0xc0 | (c >> 6))) * 0x100000001b3L;
        h = (h ^ (0x80 | (c & 0x3f))) * 0x100000001b3L;
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(t[i + 1])) {
          int cp = Character.toCodePoint(c, t[++i]);
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
