package dev.syndic.clean;

/**
 * Gives Chinese text back its full-width punctuation where content sites turned it half-width
 * ("住建部:完善…" for "住建部：完善…", "今天,我国" for "今天，我国"): a comma, colon, semicolon,
 * question or exclamation mark between two Chinese words, or between one and a Chinese quotation
 * mark; a question or exclamation mark after a Chinese word at the end of a sentence. Elsewhere
 * (times, "AI:", numbers, English) the half-width mark is right and stays.
 */
final class ChinesePunctuation {

  private static final String HALF = ",:;?!";
  private static final String FULL = "，：；？！";
  /** What may stand before such a mark besides a Chinese character: a closing quotation mark or bracket. */
  private static final String CLOSING = "”’》」』）";
  /** What may follow it besides a Chinese character: an opening one. */
  private static final String OPENING = "“‘《「『（";
  /** What may follow a question or exclamation mark that ends a Chinese sentence: a closing quotation mark. */
  private static final String QUOTE_END = "”’」』";

  private ChinesePunctuation() {}

  /**
   * {@code text} with those marks full-width; {@code text} itself when it has none. A walk of the
   * characters, not a regular expression: one with look-behinds at every character made preparing
   * an entry twice as dear.
   */
  static String fullWidth(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      // The marks are ASCII up to '?': Chinese characters are not looked up.
      char c = text.charAt(i);
      int mark = c <= '?' ? HALF.indexOf(c) : -1;
      if (mark >= 0 && i > 0 && isChineseMark(text, i)) {
        if (out == null) {
          out = new StringBuilder(text);
        }
        out.setCharAt(i, FULL.charAt(mark));
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * Whether the half-width mark at {@code i} (not the first character) is Chinese punctuation: a
   * Chinese character or a closing mark before it and a Chinese character or an opening mark after
   * it; or, for "?" and "!", a Chinese character before it and a closing quotation mark, a blank or
   * the end after it.
   */
  private static boolean isChineseMark(String text, int i) {
    int before = text.codePointBefore(i);
    boolean hanBefore = isHan(before);
    if (!hanBefore && CLOSING.indexOf(before) < 0) {
      return false;
    }
    if (i + 1 == text.length()) {
      return hanBefore && isSentenceEnd(text.charAt(i));
    }
    int after = text.codePointAt(i + 1);
    if (isHan(after) || OPENING.indexOf(after) >= 0) {
      return true;
    }
    return hanBefore && isSentenceEnd(text.charAt(i)) && (QUOTE_END.indexOf(after) >= 0 || isBlank(after));
  }

  private static boolean isSentenceEnd(char c) {
    return c == '?' || c == '!';
  }

  private static boolean isHan(int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
  }

  /** A blank as a regular expression's {@code \s} reads it. */
  private static boolean isBlank(int cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == 0x0B || cp == '\f' || cp == '\r';
  }
}
