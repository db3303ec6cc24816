package dev.syndic.dedupe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits normalized text into matching tokens: every Han (and kana, hangul) character is a token,
 * every run of Latin letters or digits is a token; punctuation, spaces, emoji and decorative
 * brackets are not tokens, so their insertion or width changes cannot affect a match.
 *
 * <p>A body's tokens are kept in one array of characters with where each ends, not as a String
 * each: a body has a thousand tokens or more, each hashed into three shingles, and making the
 * Strings cost more than hashing them.
 */
final class Tokens {

  private char[] chars;
  private int length;
  /** Per token: where it ends in {@link #chars}, where it starts in the text, whether it is one ideograph. */
  private int[] ends;
  private int[] starts;
  private boolean[] ideographic;
  private int size;

  private Tokens(int capacity) {
    chars = new char[Math.max(16, capacity)];
    ends = new int[Math.max(16, capacity / 2)];
    starts = new int[ends.length];
    ideographic = new boolean[ends.length];
  }

  /** The tokens of {@code normalized}, each as a String. */
  static List<String> of(String normalized) {
    Tokens t = read(normalized);
    List<String> out = new ArrayList<>(t.size);
    for (int i = 0; i < t.size; i++) {
      out.add(new String(t.chars, t.begin(i), t.end(i) - t.begin(i)));
    }
    return out;
  }

  /** The tokens of {@code normalized}. */
  static Tokens read(String normalized) {
    Tokens out = new Tokens(normalized.length());
    int wordStart = -1;
    for (int i = 0; i < normalized.length(); ) {
      int at = i;
      char c = normalized.charAt(i);
      if (c < 0x80) {
        // ASCII, as the general way below reads it (its letters and digits are [0-9A-Za-z]), without
        // Java's character tables: most of an English body, where lower-casing each letter through
        // them was a quarter of the fingerprint's samples in a profile.
        i++;
        if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
          if (wordStart < 0) {
            wordStart = at;
          }
          out.append(c <= 'Z' && c >= 'A' ? (char) (c + ('a' - 'A')) : c);
        } else if (c != '\'') {
          out.close(wordStart);
          wordStart = -1;
        }
        continue;
      }
      int cp = normalized.codePointAt(i);
      i += Character.charCount(cp);
      if (isIdeographic(cp)) {
        out.close(wordStart);
        wordStart = -1;
        out.append(cp);
        out.close(at, true);
      } else if (Character.isLetterOrDigit(cp)) {
        if (wordStart < 0) {
          wordStart = at;
        }
        out.append(Character.toLowerCase(cp));
      } else if (cp == '\'' || cp == '\u2019') {
        // "workers' days" and "workers’ days" are one token either way
      } else {
        out.close(wordStart);
        wordStart = -1;
      }
    }
    out.close(wordStart);
    return out;
  }

  /** How many tokens there are. */
  int size() {
    return size;
  }

  /** Where token {@code i} starts in the text it was read from. */
  int start(int i) {
    return starts[i];
  }

  /** Token {@code i}'s weight: see {@link #weight(List)}. */
  int weight(int i) {
    return ideographic[i] ? 1 : 3;
  }

  /** The characters of every token, one after the other: token {@code i} is {@code [begin(i), end(i))}. */
  char[] chars() {
    return chars;
  }

  int begin(int i) {
    return i == 0 ? 0 : ends[i - 1];
  }

  int end(int i) {
    return ends[i];
  }

  private void append(int cp) {
    if (length + 2 > chars.length) {
      chars = Arrays.copyOf(chars, 2 * chars.length);
    }
    length += Character.toChars(cp, chars, length);
  }

  private void append(char c) {
    if (length == chars.length) {
      chars = Arrays.copyOf(chars, 2 * chars.length);
    }
    chars[length++] = c;
  }

  /** Ends the word begun at {@code wordStart} in the text, if one was. */
  private void close(int wordStart) {
    if (wordStart >= 0) {
      close(wordStart, false);
    }
  }

  private void close(int start, boolean ideograph) {
    if (size == ends.length) {
      ends = Arrays.copyOf(ends, 2 * size);
      starts = Arrays.copyOf(starts, 2 * size);
      ideographic = Arrays.copyOf(ideographic, 2 * size);
    }
    ends[size] = length;
    starts[size] = start;
    ideographic[size] = ideograph;
    size++;
  }

  /**
   * How much a run of tokens says: a Chinese character counts 1, a Latin-script word 3 (a word
   * carries about as much as three characters), so length thresholds mean the same in both.
   */
  static int weight(List<String> tokens) {
    int w = 0;
    for (String t : tokens) {
      w += weight(t);
    }
    return w;
  }

  /** One token's weight: see {@link #weight(List)}. */
  static int weight(String token) {
    return isIdeographic(token.codePointAt(0)) ? 1 : 3;
  }

  static boolean isIdeographic(int cp) {
    if (cp < 0x2E80) {
      return false; // below the CJK radicals: Latin, Greek, Cyrillic, punctuation...
    }
    if (cp >= 0x4E00 && cp <= 0x9FFF) {
      return true; // CJK Unified Ideographs, the common case
    }
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA
        || s == Character.UnicodeScript.HANGUL;
  }
}
