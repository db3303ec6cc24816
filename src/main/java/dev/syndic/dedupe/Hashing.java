package dev.syndic.dedupe;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** 64-bit FNV-1a, then a mix: stable across JVMs and runs, unlike String.hashCode spreads. */
final class Hashing {

  private Hashing() {}

  static long of(List<String> tokens) {
    long h = 0xcbf29ce484222325L;
    for (String t : tokens) {
      for (byte b : t.getBytes(StandardCharsets.UTF_8)) {
        h ^= b & 0xff;
        h *= 0x100000001b3L;
      }
      h ^= 0x1f;
      h *= 0x100000001b3L;
    }
    return mix(h);
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
