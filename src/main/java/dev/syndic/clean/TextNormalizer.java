package dev.syndic.clean;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import java.util.Locale;

/**
 * The text used for matching: NFKC (which also folds full-width forms to half-width), case
 * folded, Traditional Chinese folded to Simplified, invisible format characters dropped,
 * whitespace collapsed. Thread-safe.
 */
public final class TextNormalizer {

  /** Text past this many characters is not used for matching (a 5 MB body costs no more than 200 kB). */
  public static final int MAX_CHARS = 200_000;

  private static final char CJK_START = '\u3400';
  private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
  private static final char[] SIMPLIFIED = simplifiedTable();
  /** In {@link #PLAIN}: a character that goes the general way. */
  private static final char OTHER = '\uFFFF';
  /**
   * What {@link #fold} makes of each character of the BMP that NFKC and lower-casing map to one
   * character by itself, whatever stands beside it: ASCII, lower-cased; the full-width forms of
   * ASCII (U+FF01 to U+FF5E) and the ideographic space, which NFKC maps to ASCII, and no two ASCII
   * characters compose; and characters NFKC leaves inert (unchanged, never composed with a
   * neighbour) that have no lower case, as most Chinese characters and punctuation are, each in its
   * Simplified form; each blank ({@link #isSpace}) among these as a space, so that the walk tells
   * a blank by one comparison (it asked Java's tables twice for every line break and every CJK
   * punctuation mark, "。" and "、" among them). {@link #OTHER} for the rest: surrogates, combining
   * marks, compatibility forms, letters with a case.
   */
  private static final char[] PLAIN = plainTable();

  private TextNormalizer() {}

  public static String normalize(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    // Most often normalized already (the match text ingest prepares, a stored text): read once
    // to learn so, not copied.
    if (isPlainNormal(text)) {
      return text;
    }
    String s = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    String plain = plainFold(s);
    if (plain != null) {
      return plain;
    }
    // Already normalized (a stored text matched again): one read, no copies.
    return isNormal(text) ? text : fold(text);
  }

  /**
   * Whether {@link #normalize} answers the text itself because each of its characters is one that
   * NFKC and lower-casing leave as it is whatever stands beside it ({@link #PLAIN}), with single
   * spaces between words and none at either end, within {@link #MAX_CHARS}: one read of a table
   * per character, nothing copied, where normalizing copies the text to learn the same. False for
   * some texts {@code normalize} leaves as they are (a combining mark, a character with a
   * compatibility form) and for any text it changes. Normalizing a normalized text again is not
   * always a no-op ("e", a zero-width space and a combining acute normalize to "e" and the acute,
   * which normalize to "é"), so a caller handed a text said to be normalized normalizes it all the
   * same, and this check makes that cheap.
   */
  static boolean isPlainNormal(String text) {
    if (text == null || text.length() > MAX_CHARS) {
      return false;
    }
    char before = ' '; // a leading space is not normal
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((KEPT[c >>> 6] & (1L << c)) == 0 && (c != ' ' || before == ' ')) {
        return false;
      }
      before = c;
    }
    return before != ' ' || text.isEmpty();
  }

  /**
   * {@link #isPlainNormal}'s characters, a bit each: those {@link #PLAIN} maps to themselves and
   * {@link #plainFold} writes as they are (not a blank, not invisible). 8 kB, where {@link #PLAIN}
   * is 128: read for every character of every body, it stays in the core's nearest cache.
   */
  private static final long[] KEPT = keptTable();

  private static long[] keptTable() {
    long[] kept = new long[0x10000 / 64];
    for (int c = 0; c < 0x10000; c++) {
      char p = PLAIN[c];
      if (p == c && p != OTHER && p != ' ' && !isInvisible(p)) {
        kept[c >>> 6] |= 1L << c;
      }
    }
    return kept;
  }

  /**
   * {@link #normalize} of a text made only of characters NFKC and lower-casing each map by itself
   * ({@link #PLAIN}) and within {@link #MAX_CHARS}; null for any other text. Such texts normalize
   * character by character: several of them joined by blanks normalize to their normalized texts
   * joined by a space, those left empty skipped.
   */
  static String plain(String text) {
    return text.length() <= MAX_CHARS ? plainFold(text) : null;
  }

  /**
   * {@link #fold} in one walk, for a text made only of characters that NFKC and lower-casing each
   * map to one character by itself ({@link #PLAIN}): {@code text} itself when that changes nothing;
   * null for any other text. Nearly all text is such, and the general way copies it three times
   * (NFKC, lower case, the walk) after reading it twice to learn it is not normalized already.
   */
  private static String plainFold(String text) {
    char[] out = new char[text.length()];
    int n = 0;
    boolean space = false;
    boolean changed = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char p = PLAIN[c];
      if (p == OTHER) {
        return null;
      }
      // A blank is written as one space between words: any other blank (which the table makes a
      // space) changes the text.
      changed |= p != c;
      if (p == ' ') {
        space = n > 0;
        continue;
      }
      if (isInvisible(p)) {
        continue;
      }
      if (space) {
        out[n++] = ' ';
        space = false;
      }
      out[n++] = p;
    }
    return !changed && n == text.length() ? text : new String(out, 0, n);
  }

  /** {@link #normalize} without the check for text already normalized. */
  static String fold(String text) {
    String s = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    s = NFKC.normalize(s).toLowerCase(Locale.ROOT);
    // A char array, not a StringBuilder: this runs over every body several times per entry.
    char[] out = new char[s.length()];
    int n = 0;
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        space = n > 0;
        continue;
      }
      if (isInvisible(c)) {
        continue;
      }
      if (space) {
        out[n++] = ' ';
        space = false;
      }
      char simple = c >= CJK_START && c < CJK_START + SIMPLIFIED.length ? SIMPLIFIED[c - CJK_START] : 0;
      out[n++] = simple != 0 ? simple : c;
    }
    return new String(out, 0, n);
  }

  /**
   * Whether {@link #normalize} would answer the text unchanged: within the length, NFKC already,
   * no character that lower-casing or the Simplified table changes or that is dropped, single
   * spaces between words.
   */
  private static boolean isNormal(String s) {
    if (s.length() > MAX_CHARS) {
      return false;
    }
    boolean space = true; // a leading space is not normal
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        if (c != ' ' || space) {
          return false;
        }
        space = true;
        continue;
      }
      space = false;
      if (Character.isSurrogate(c) || isInvisible(c) || Character.toLowerCase(c) != c
          || (c >= CJK_START && c < CJK_START + SIMPLIFIED.length && SIMPLIFIED[c - CJK_START] != 0)) {
        return false;
      }
    }
    return !space && NFKC.isNormalized(s);
  }

  /**
   * Java's whitespace or a Unicode space separator. Printable ASCII and everything from the CJK
   * blocks up (the bulk of the text) are neither, which saves the two table look-ups.
   */
  private static boolean isSpace(char c) {
    if ((c > ' ' && c < 0x7F) || c >= CJK_START) {
      return false;
    }
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  /**
   * The soft hyphen, zero-width space, non-joiner and joiner, word joiner and byte order mark:
   * format characters NFKC keeps that show nothing. Publishers put them inside words (a CMS's
   * hyphenation hints, a zero-width space inside "人工智能" against scraping), where they would
   * hide a term from the classifier and split a word into two tokens for duplicate detection.
   */
  private static boolean isInvisible(char c) {
    return c == '\u00AD' || (c >= '\u200B' && (c <= '\u200D' || c == '\u2060' || c == '\uFEFF'));
  }

  private static char[] plainTable() {
    char[] table = new char[0x10000];
    for (int c = 0; c < table.length; c++) {
      char ascii = c < 0x80 ? (char) c : c >= 0xFF01 && c <= 0xFF5E ? (char) (c - 0xFEE0) : c == 0x3000 ? ' ' : 0;
      if (ascii != 0 || c == 0) {
        table[c] = ascii >= 'A' && ascii <= 'Z' ? (char) (ascii + ('a' - 'A')) : ascii;
      } else if (Character.isSurrogate((char) c) || !NFKC.isInert(c) || Character.toLowerCase(c) != c || c == OTHER) {
        table[c] = OTHER;
      } else {
        char simple = c >= CJK_START && c < CJK_START + SIMPLIFIED.length ? SIMPLIFIED[c - CJK_START] : 0;
        table[c] = simple != 0 ? simple : (char) c;
      }
      if (table[c] != OTHER && isSpace(table[c])) {
        table[c] = ' ';
      }
    }
    return table;
  }

  /**
   * ICU's Traditional-Simplified transliterator, applied once per character of the BMP's CJK
   * blocks and kept as a table: the transliterator is slow (tens of kB per second), and its rules
   * are, with few exceptions, character to character.
   */
  private static char[] simplifiedTable() {
    Transliterator t = Transliterator.getInstance("Traditional-Simplified");
    char[] table = new char[0xA000 - CJK_START];
    for (char c = CJK_START; c < 0xA000; c++) {
      if (Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN) {
        continue;
      }
      String mapped = t.transliterate(String.valueOf(c));
      if (mapped.length() == 1 && mapped.charAt(0) != c) {
        table[c - CJK_START] = mapped.charAt(0);
      }
    }
    return table;
  }
}
