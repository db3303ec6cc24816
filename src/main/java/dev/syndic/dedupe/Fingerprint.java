package dev.syndic.dedupe;

import dev.syndic.clean.TitleSuffix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What duplicate detection knows of an entry.
 *
 * @param titleTokens the title's tokens, SEO suffix removed
 * @param shingles hashes of every run of {@link #SHINGLE} consecutive body tokens, sorted, each
 *     once (an array, not a set of boxed longs: a body has a thousand shingles or more)
 * @param sentences hashes of the body's leading long sentences
 * @param opening the shingles of the body's opening ({@link #OPENING_WEIGHT}), sorted, each once
 * @param link the canonical link, or null
 */
public record Fingerprint(List<String> titleTokens, long[] shingles, List<Long> sentences, long[] opening, String link) {

  static final int SHINGLE = 3;
  static final int MAX_TOKENS = 20_000;
  static final int LEADING_SENTENCES = 5;
  static final int MIN_SENTENCE_TOKENS = 10;
  /** The opening's length: about 150 Chinese characters or 50 English words. */
  static final int OPENING_WEIGHT = 150;

  /**
   * Builds the fingerprint of a cleaned entry.
   *
   * @param normalizedTitle the title, normalized (see {@code dev.syndic.clean.MatchText})
   * @param normalizedBody the core body without boilerplate, normalized, sentences kept
   * @param canonicalLink the canonical link or null
   */
  public static Fingerprint of(String normalizedTitle, String normalizedBody, String canonicalLink) {
    List<String> title = Tokens.of(TitleSuffix.strip(normalizedTitle, normalizedBody));
    Tokens body = Tokens.read(normalizedBody);
    int tokens = Math.min(body.size(), MAX_TOKENS);
    long[] shingles = new long[Math.max(0, tokens - SHINGLE + 1)];
    for (int i = 0; i < shingles.length; i++) {
      shingles[i] = Hashing.of(body, i, i + SHINGLE);
    }
    int openingTokens = 0;
    for (int weight = 0; openingTokens < tokens && weight < OPENING_WEIGHT; openingTokens++) {
      weight += body.weight(openingTokens);
    }
    long[] opening = distinctSorted(Arrays.copyOf(shingles, Math.max(0, Math.min(shingles.length, openingTokens - SHINGLE + 1))));
    shingles = distinctSorted(shingles);
    return new Fingerprint(List.copyOf(title), shingles, leadingSentences(normalizedBody, body), opening, canonicalLink);
  }

  /**
   * The hashes of the first {@link #LEADING_SENTENCES} sentences of {@link #MIN_SENTENCE_TOKENS}
   * tokens or more. A sentence ends at any of {@link #endsSentence}'s characters; its tokens are the body's
   * between two ends (no token holds one), so the body's tokens are hashed in place, not the
   * sentence cut out and read again.
   */
  private static List<Long> leadingSentences(String normalizedBody, Tokens body) {
    List<Long> sentences = new ArrayList<>();
    int first = 0;
    for (int i = 1; i <= body.size() && sentences.size() < LEADING_SENTENCES; i++) {
      if (i == body.size() || endsSentence(normalizedBody, body.start(i - 1), body.start(i))) {
        if (i - first >= MIN_SENTENCE_TOKENS) {
          sentences.add(Hashing.of(body, first, i));
        }
        first = i;
      }
    }
    return List.copyOf(sentences);
  }

  /** Whether {@code text[from, to)} holds a sentence end. */
  private static boolean endsSentence(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      switch (text.charAt(i)) {
        // Stored keys were made by splitting at runs of these: keep the list as it is.
        case '。', '！', '？', '!', '?', '.', ';', '；', '…', '\n':
          return true;
        default:
          break;
      }
    }
    return false;
  }

  /** True when the body is long enough to be compared by content. */
  public boolean hasBody() {
    return shingles.length >= DuplicateJudge.MIN_SHINGLES;
  }

  /** {@code values} sorted, each value once; sorts in place. */
  static long[] distinctSorted(long[] values) {
    sort(values);
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      if (i == 0 || values[i] != values[i - 1]) {
        values[n++] = values[i];
      }
    }
    return n == values.length ? values : Arrays.copyOf(values, n);
  }

  /**
   * Below this many values, {@link Arrays#sort} is as fast as {@link #sort}'s buckets. From there
   * on the buckets win: the opening's hundred or so shingles were sorted by {@link Arrays#sort} and
   * took half as long as the body's thousand.
   */
  private static final int BUCKETS_FROM = 16;
  /** A bucket with more values than this (only equal or crafted values make one) is sorted by {@link Arrays#sort}. */
  private static final int INSERTION_UP_TO = 32;

  /**
   * Sorts in place, as {@link Arrays#sort(long[])} does. Shingles are random 64-bit hashes, a
   * thousand or more per body: a quicksort mispredicts every other comparison there, and cost a
   * third of computing an entry's keys; a radix sort of eight byte-wide passes still read every
   * value nine times and moved it eight. So the values are dealt into buckets by their top bits
   * (the sign flipped, so negative values come first), more buckets than values (one or none in
   * most), and each bucket is sorted by insertion: at two to four to a bucket, the insertions'
   * mispredicted comparisons were a third of the sort.
   */
  static void sort(long[] values) {
    int n = values.length;
    if (n < BUCKETS_FROM) {
      Arrays.sort(values);
      return;
    }
    int bits = Math.min(16, 32 - Integer.numberOfLeadingZeros(n));
    int shift = 64 - bits;
    int[] next = new int[(1 << bits) + 1];
    for (long v : values) {
      next[(int) ((v ^ Long.MIN_VALUE) >>> shift) + 1]++;
    }
    for (int b = 0; b < 1 << bits; b++) {
      next[b + 1] += next[b];
    }
    long[] dealt = new long[n];
    for (long v : values) {
      dealt[next[(int) ((v ^ Long.MIN_VALUE) >>> shift)]++] = v;
    }
    // Each bucket b now ends at next[b], and starts where the one before ends.
    for (int b = 0, from = 0; b < 1 << bits; from = next[b], b++) {
      int to = next[b];
      if (to - from > INSERTION_UP_TO) {
        Arrays.sort(dealt, from, to);
        continue;
      }
      for (int i = from + 1; i < to; i++) {
        long v = dealt[i];
        int j = i - 1;
        for (; j >= from && dealt[j] > v; j--) {
          dealt[j + 1] = dealt[j];
        }
        dealt[j + 1] = v;
      }
    }
    System.arraycopy(dealt, 0, values, 0, n);
  }
}
