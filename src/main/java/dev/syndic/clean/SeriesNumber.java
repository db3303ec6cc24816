package dev.syndic.clean;

import java.util.regex.Pattern;

/**
 * Recognises the number a title suffix gives an installment of a series: "Part 2", "Ep. 3",
 * "Vol. IV", "2024", "(之二)", "(第三篇)", "(下篇)". Such a suffix is not noise: without it the
 * parts of a series share one title, read as one story, and duplicate detection takes the second
 * part for a copy of the first.
 */
final class SeriesNumber {

  /** A number standing alone ("2", "3rd"), not a digit inside a name ("9to5Mac", "36氪"). */
  private static final Pattern DIGITS = Pattern.compile("(?<![\\p{L}\\p{N}])\\p{Nd}+(st|nd|rd|th)?(?![\\p{L}\\p{N}])");

  /** An English installment word and its number, in digits, Roman numerals or words. */
  private static final Pattern INSTALLMENT = Pattern.compile(
      "(?i)\\b(part|pt|episode|ep|chapter|ch|volume|vol|book|season|issue)\\.?\\s*"
          + "(\\p{Nd}+|[ivxlc]+|one|two|three|four|five|six|seven|eight|nine|ten|first|second|third|fourth|fifth|final|last)\\b");

  /**
   * A Chinese installment made of numerals only, as "二", "之二", "第三篇", "十二"; or one of the
   * halves and thirds, "上", "中篇", "下集". A suffix that merely contains a numeral ("统一市场")
   * is a keyword.
   */
  private static final Pattern CHINESE = Pattern.compile(
      "^[(（\\[【]?\\s*((之|第)?[零〇一二三四五六七八九十百两]+[篇期集章部回讲季辑节]?|[上中下](篇|集|部)?)\\s*[)）\\]】]?$");

  private SeriesNumber() {}

  /** Whether {@code suffix} (a title's suffix, brackets or not) numbers an installment. */
  static boolean in(String suffix) {
    String s = suffix.strip();
    return DIGITS.matcher(s).find() || INSTALLMENT.matcher(s).find() || CHINESE.matcher(s).matches();
  }
}
