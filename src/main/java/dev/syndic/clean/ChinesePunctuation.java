package dev.syndic.clean;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives Chinese text back its full-width punctuation where content sites turned it half-width
 * ("住建部:完善…" for "住建部：完善…", "今天,我国" for "今天，我国"): a comma, colon, semicolon,
 * question or exclamation mark between two Chinese words, or between one and a Chinese quotation
 * mark; a question or exclamation mark after a Chinese word at the end of a sentence. Elsewhere (times, "AI:", numbers, English) the half-width mark is right and stays.
 */
final class ChinesePunctuation {

  private static final String HALF = ",:;?!";
  private static final String FULL = "，：；？！";
  /**
   * A half-width mark with a Chinese character or closing mark before it and a Chinese character or
   * opening mark after it; a question or exclamation mark ending a Chinese sentence.
   */
  private static final Pattern BETWEEN = Pattern.compile(
      "(?<=[\\p{IsHan}”’》」』）])[,:;?!](?=[\\p{IsHan}“‘《「『（])|(?<=\\p{IsHan})[,:;?!](?=[“‘《「『（])"
          + "|(?<=\\p{IsHan})[?!](?=[”’」』]|\\s|$)");

  private ChinesePunctuation() {}

  /** {@code text} with those marks full-width; {@code text} itself when it has none. */
  static String fullWidth(String text) {
    Matcher m = BETWEEN.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    do {
      out.append(text, last, m.start()).append(FULL.charAt(HALF.indexOf(text.charAt(m.start()))));
      last = m.end();
    } while (m.find());
    return out.append(text, last, text.length()).toString();
  }
}
