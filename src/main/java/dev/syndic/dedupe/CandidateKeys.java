package dev.syndic.dedupe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The keys under which an entry is indexed, so that its likely duplicates can be found by an
 * equality lookup whose cost does not grow with the number of stored entries: the title, the
 * canonical link (unless it is a site's home page, which names no story), each leading long sentence (a truncated copy keeps the opening), and MinHash
 * bands of the body (a copy with edits throughout keeps most bands).
 */
public final class CandidateKeys {

  static final int BANDS = 8;
  static final int ROWS = 4;
  static final int MIN_TITLE_WEIGHT = 8;
  private static final long[] SEEDS = seeds(BANDS * ROWS);

  private CandidateKeys() {}

  public static List<Long> of(Fingerprint f) {
    List<Long> keys = new ArrayList<>();
    if (Tokens.weight(f.titleTokens()) >= MIN_TITLE_WEIGHT) {
      keys.add(tagged('t', Hashing.of(f.titleTokens())));
    }
    if (f.link() != null && !DuplicateJudge.homePage(f.link())) {
      keys.add(tagged('l', Hashing.of(f.link())));
    }
    for (long sentence : f.sentences()) {
      keys.add(tagged('s', sentence));
    }
    if (f.hasBody()) {
      long[] minima = new long[SEEDS.length];
      Arrays.fill(minima, Long.MAX_VALUE);
      // The hashes of a shingle first, then the minima: a loop of arithmetic alone, the compiler
      // runs on several seeds at once (SIMD), which halves the cost of the loop that compares too.
      long[] hashes = new long[SEEDS.length];
      for (long shingle : f.shingles()) {
        for (int i = 0; i < SEEDS.length; i++) {
          hashes[i] = Hashing.mix(shingle ^ SEEDS[i]);
        }
        for (int i = 0; i < SEEDS.length; i++) {
          if (hashes[i] < minima[i]) {
            minima[i] = hashes[i];
          }
        }
      }
      for (int band = 0; band < BANDS; band++) {
        long h = band;
        for (int row = 0; row < ROWS; row++) {
          h = Hashing.mix(h * 31 + minima[band * ROWS + row]);
        }
        keys.add(tagged('b', h));
      }
    }
    return keys;
  }

  private static long tagged(char kind, long hash) {
    return Hashing.mix(hash ^ ((long) kind << 56));
  }

  private static long[] seeds(int n) {
    long[] s = new long[n];
    long x = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < n; i++) {
      x += 0x9E3779B97F4A7C15L;
      s[i] = Hashing.mix(x);
    }
    return s;
  }
}
