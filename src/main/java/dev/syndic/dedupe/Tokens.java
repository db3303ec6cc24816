package dev.syndic.dedupe;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits normalized text into matching tokens: every Han (and kana, hangul) character is a token,
 * every run of Latin letters or digits is a token; punctuation, spaces, emoji and decorative
 * brackets are not tokens, so their insertion or width changes cannot affect a match.
 */
final class Tokens {

  private Tokens() {}

  static List<String> of(String normalized) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < normalized.length(); ) {
      int cp = normalized.codePointAt(i);
      i += Character.charCount(cp);
      if (isIdeographic(cp)) {
        flush(word, out);
        out.add(cp < Character.MIN_SUPPLEMENTARY_CODE_POINT ? String.valueOf((char) cp) : new String(Character.toChars(cp)));
      } else if (Character.isLetterOrDigit(cp)) {
        word.appendCodePoint(Character.toLowerCase(cp));
      } else if (cp == '\'' || cp == '\u2019') {
        // "workers' days" and "workers’ days" are one token either way
      } else {
        flush(word, out);
      }
    }
    flush(word, out);
    return out;
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

  private static void flush(StringBuilder word, List<String> out) {
    if (word.length() > 0) {
      out.add(word.toString());
      word.setLength(0);
    }
  }
}
