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
    List<String> body = Tokens.of(normalizedBody);
    if (body.size() > MAX_TOKENS) {
      body = body.subList(0, MAX_TOKENS);
    }
    long[] shingles = new long[Math.max(0, body.size() - SHINGLE + 1)];
    for (int i = 0; i < shingles.length; i++) {
      shingles[i] = Hashing.of(body, i, i + SHINGLE);
    }
    int openingTokens = 0;
    for (int weight = 0; openingTokens < body.size() && weight < OPENING_WEIGHT; openingTokens++) {
      weight += Tokens.weight(body.get(openingTokens));
    }
    long[] opening = distinctSorted(Arrays.copyOf(shingles, Math.max(0, Math.min(shingles.length, openingTokens - SHINGLE + 1))));
    shingles = distinctSorted(shingles);
    List<Long> sentences = new ArrayList<>();
    for (String sentence : normalizedBody.split("[。！？!?.;；…\\n]+")) {
      List<String> tokens = Tokens.of(sentence);
      if (tokens.size() >= MIN_SENTENCE_TOKENS) {
        sentences.add(Hashing.of(tokens));
        if (sentences.size() == LEADING_SENTENCES) {
          break;
        }
      }
    }
    return new Fingerprint(List.copyOf(title), shingles, List.copyOf(sentences), opening, canonicalLink);
  }

  /** True when the body is long enough to be compared by content. */
  public boolean hasBody() {
    return shingles.length >= DuplicateJudge.MIN_SHINGLES;
  }

  /** {@code values} sorted, each value once; sorts in place. */
  static long[] distinctSorted(long[] values) {
    Arrays.sort(values);
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      if (i == 0 || values[i] != values[i - 1]) {
        values[n++] = values[i];
      }
    }
    return n == values.length ? values : Arrays.copyOf(values, n);
  }
}
