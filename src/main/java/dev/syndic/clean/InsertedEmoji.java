package dev.syndic.clean;

import com.ibm.icu.text.UnicodeSet;

/**
 * Drops the emoji content sites put after Chinese words ("美元💵", "中国🇨🇳人民", "学生🎓") and the
 * stray variation selector (U+FE0F) they leave after a word or a 『』 keyword: decoration that
 * no Chinese news story carries, which went out to readers and partners inside the story's
 * sentences. An emoji after anything else (English text, a space, punctuation) stays: there it
 * is the writer's.
 */
final class InsertedEmoji {

  /**
   * What an emoji is made of (ICU's Unicode properties; Java 17's regular expressions know none of
   * them): pictographs, flags' regional indicators, skin tones, the joiner and the selector that
   * build sequences, and tag characters; not the copyright, registered and trade mark signs,
   * which are text.
   */
  static final UnicodeSet EMOJI_PARTS =
      new UnicodeSet("[[:Extended_Pictographic:][:Regional_Indicator:][\\U0001F3FB-\\U0001F3FF]\\u200D\\uFE0F[\\U000E0020-\\U000E007F]-[\\u00A9\\u00AE\\u2122]]").freeze();

  /**
   * What an inserted emoji starts with: a character drawn as an emoji by default, a flag's letter,
   * or the selector itself; any other pictograph only when the selector follows it. Arrows, stars,
   * ♪ and ㊗ are text by default ("北京↔上海"): a writer's, not a decoration.
   */
  static final UnicodeSet EMOJI_START = new UnicodeSet("[[:Emoji_Presentation:][:Regional_Indicator:]\\uFE0F]").freeze();

  /** Below this code point nothing starts an emoji (the joiner, U+200D): plain text is not looked up. */
  private static final int FIRST = Math.min(EMOJI_START.getRangeStart(0), EMOJI_PARTS.getRangeStart(0));

  /**
   * The characters of the BMP in either set, a bit each (8 kB): Chinese punctuation (，。、“”) lies
   * above {@link #FIRST}, and each mark was looked up in both sets, a binary search of ICU's ranges
   * each time (1.6 % of preparing an entry in a JFR profile); in neither set, it starts no emoji.
   * Not ICU's frozen union of the two sets: its table for characters past U+07FF answered a
   * Chinese character or mark in 4.2 ns, this bit in 0.6 (a throwaway loop, not in the project).
   */
  private static final long[] IN_A_SET = inASet();

  private InsertedEmoji() {}

  /** {@code text} without the emoji right after a Chinese character or 』; {@code text} itself when it has none. */
  static String drop(String text) {
    StringBuilder out = null;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (cp >= FIRST && !isCommonHan(cp) && startsEmoji(text, cp, next) && i > 0 && followsChinese(text, i)) {
        int end = next;
        while (end < text.length() && EMOJI_PARTS.contains(text.codePointAt(end))) {
          end += Character.charCount(text.codePointAt(end));
        }
        if (out == null) {
          out = new StringBuilder(text.length()).append(text, 0, i);
        }
        i = end;
        continue;
      }
      if (out != null) {
        out.appendCodePoint(cp);
      }
      i = next;
    }
    return out == null ? text : out.toString();
  }

  /**
   * The CJK Unified Ideographs (U+4E00 to U+9FFF), which are no emoji nor part of one: most of a
   * Chinese text, which is not looked up in the two sets (those lookups were 11 of the walk's 14
   * samples in a profile of IngestStagesBench).
   */
  static boolean isCommonHan(int cp) {
    return cp >= 0x4E00 && cp <= 0x9FFF;
  }

  private static boolean startsEmoji(String text, int cp, int next) {
    if (cp < 0x10000 && (IN_A_SET[cp >>> 6] & (1L << cp)) == 0) {
      return false;
    }
    return EMOJI_START.contains(cp) || EMOJI_PARTS.contains(cp) && next < text.length() && text.charAt(next) == '\uFE0F';
  }

  private static long[] inASet() {
    long[] bits = new long[0x10000 / 64];
    for (int cp = 0; cp < 0x10000; cp++) {
      if (EMOJI_START.contains(cp) || EMOJI_PARTS.contains(cp)) {
        bits[cp >>> 6] |= 1L << cp;
      }
    }
    return bits;
  }

  private static boolean followsChinese(String text, int i) {
    int before = text.codePointBefore(i);
    return before == '』' || Character.UnicodeScript.of(before) == Character.UnicodeScript.HAN;
  }
}
