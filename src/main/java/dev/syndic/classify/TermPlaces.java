package dev.syndic.classify;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where in a normalized text a term counts: not inside a web or e-mail address the text spells
 * out, and only within its bounds (a Latin term as whole words, a number not inside a longer
 * number). Kept apart from {@link RuleClassifier}, which asks for each term the automaton finds.
 */
final class TermPlaces {

  /**
   * A web address (with its scheme or "www.") or an e-mail address in normalized text: ASCII
   * letters, digits and the punctuation of paths and queries, so a Chinese character or a space
   * ends it. Not the punctuation that Chinese text writes full-width and NFKC makes ASCII ("，",
   * "：", "；", "！", "（）"): "https://example.com/x，AI 是主题" ends before its comma. "www."
   * begins a word ("awww." is no address). Possessive, and an e-mail address is tried only where
   * a run of its characters begins: a long run without "@" is read once, not once from each of
   * its characters.
   */
  private static final Pattern ADDRESS = Pattern.compile("(?<![a-z0-9])(?:https?://|www\\.)[a-z0-9\\-._~/?#@$&+=%]++"
      + "|(?<![a-z0-9._%+\\-])[a-z0-9._%+\\-]++@[a-z0-9\\-]++(?:\\.[a-z0-9\\-]++)+");

  /**
   * Where the text holds web or e-mail addresses, as start and end pairs; empty when it holds
   * none (most texts: the expression runs only on a text with "://", "www." or "@"). A term is
   * not looked for inside them: the words of a path or a host name ("原文链接：https://example.com/ai/robots",
   * "sports@example.com") say where a story is kept, not what it is about, and filed stories
   * under ai or sports that never spoke of either.
   */
  static int[] addresses(String text) {
    if (text.indexOf("://") < 0 && text.indexOf("www.") < 0 && text.indexOf('@') < 0) {
      return NO_ADDRESSES;
    }
    Matcher m = ADDRESS.matcher(text);
    int[] spans = NO_ADDRESSES;
    int n = 0;
    while (m.find()) {
      if (n == spans.length) {
        spans = Arrays.copyOf(spans, Math.max(8, 2 * n));
      }
      spans[n++] = m.start();
      spans[n++] = m.end();
    }
    return n == spans.length ? spans : Arrays.copyOf(spans, n);
  }

  private static final int[] NO_ADDRESSES = new int[0];

  /** Whether {@code at} lies in one of the spans (in text order, apart): a binary search, as a page of links has hundreds. */
  static boolean insideAddress(int[] spans, int at) {
    int low = 0;
    int high = spans.length / 2 - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (at < spans[2 * mid]) {
        high = mid - 1;
      } else if (at >= spans[2 * mid + 1]) {
        low = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  /** {@link #bounds}: a Latin term matches whole words. */
  private static final int WHOLE_WORD = 1;
  /** {@link #bounds}: the term begins with a digit, which must not follow another. */
  private static final int NUMBER_START = 2;
  /** {@link #bounds}: the term ends with a digit, which must not be followed by another. */
  private static final int NUMBER_END = 4;

  /**
   * Which ends of a term must not run on in the text. A term with Latin letters matches whole
   * words; any other term (Chinese) matches anywhere, except that a number at its start or end is
   * not found inside a longer number: "618" is no more in "16180台" or "售价2618元" than "歼20" is in
   * "歼200" (a letter may follow: "歼20A" is a 歼20).
   */
  static int bounds(String key) {
    if (isLatin(key)) {
      return WHOLE_WORD;
    }
    return (isDigit(key.charAt(0)) ? NUMBER_START : 0) | (isDigit(key.charAt(key.length() - 1)) ? NUMBER_END : 0);
  }

  static boolean bounded(int bounds, String text, int start, int end) {
    if (bounds == WHOLE_WORD) {
      return isWholeWord(text, start, end);
    }
    return ((bounds & NUMBER_START) == 0 || start == 0 || !isDigit(text.charAt(start - 1)))
        && ((bounds & NUMBER_END) == 0 || end >= text.length() || !isDigit(text.charAt(end)));
  }

  /** A digit of normalized text (NFKC makes full-width digits ASCII). */
  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWholeWord(String text, int start, int end) {
    boolean before = start == 0 || !isWordChar(text.charAt(start - 1));
    boolean after = end >= text.length() || !isWordChar(text.charAt(end));
    return before && after;
  }

  private static boolean isWordChar(char c) {
    return c < 0x3000 && Character.isLetterOrDigit(c);
  }

  /** A term with Latin letters matches whole words only ({@link #bounds}). */
  private static boolean isLatin(String term) {
    return term.chars().anyMatch(c -> c < 0x3000 && Character.isLetter(c));
  }

  private TermPlaces() {}
}
