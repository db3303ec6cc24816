package dev.syndic.clean;

import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the SEO suffixes content sites append to titles: in Chinese, a parenthesized keyword of
 * the article with its characters shuffled ("…竞赛升温(模型大型)"), recognised because every one of
 * its characters occurs in the title or body; in English, a site name or tag after " | " or " - "
 * ("… | WorldNewsPortal", "… - Full Story", "… - example.com") or a bracketed tag ("(Updated)",
 * "[Video]"), and in Chinese a portal's picture or video mark ("(组图)", "[视频]", or "组图：" before
 * the headline); words that do not read as a name are the title's ("… — for now"). A suffix that
 * numbers an installment of a series ("- Part 2", "(之二)", {@link SeriesNumber}) stays.
 */
public final class TitleSuffix {

  private static final Pattern CJK_SUFFIX = Pattern.compile("^(.*\\S)\\s*[(（]([^()（）\\s]{2,10})[)）]\\s*$");
  private static final Pattern SITE_SUFFIX = Pattern.compile("^(.{12,}?)\\s+[|\\-–—]\\s+([^|\\-–—]{2,40})$");
  private static final Pattern ADDRESS = Pattern.compile("[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+");
  /**
   * A Chinese portal's mark that the story has pictures or a video: "(图)", "(组图)", "[视频]". It
   * says so of the portal's page, not of the item a partner shows, which often has none.
   */
  private static final Pattern CJK_TAG_SUFFIX = Pattern.compile("^(.*\\S)\\s*[(（\\[【](图|组图|附图|多图|图文|高清组图|高清图|图集|视频|组图\\+视频|视频\\+组图)[)）\\]】]\\s*$");
  /** The same mark as a label before the headline: "组图：周迅现身香港". */
  private static final Set<String> PICTURE_LABELS = Set.of("组图", "多图", "图文", "高清组图", "高清图集", "图集");
  private static final Pattern CJK_TAG_PREFIX = Pattern.compile("^\\s*[(（\\[【]?(组图|多图|图文|高清组图|高清图集|图集)[)）\\]】]?\\s*[:：]\\s*(\\S.*)$");
  private static final Pattern TAG_SUFFIX = Pattern.compile("^(.{12,}?)\\s*[(\\[](updated|update|video|photos|watch|live|exclusive|breaking|analysis|opinion)[)\\]]\\s*$", Pattern.CASE_INSENSITIVE);

  /** Shorter than this, what comes before a picture mark is no headline of its own ("地图(图)"). */
  private static final int MIN_TAGGED = 4;

  private TitleSuffix() {}

  /** The title without an SEO suffix; unchanged when it has none. */
  public static String strip(String title, String body) {
    return strip(title, () -> body);
  }

  /**
   * {@link #strip(String, String)} with the body asked for only when the title ends in a bracketed
   * Chinese keyword, the one suffix it is needed for: a story's text is a walk of its whole tree.
   * The expressions are tried only on titles that end, or have a dash or bar between blanks, as
   * each needs.
   */
  static String strip(String title, Supplier<String> body) {
    String t = withoutPictureLabel(title.strip());
    char last = t.isEmpty() ? 0 : t.charAt(t.length() - 1);
    if (last == ')' || last == '）' || last == ']' || last == '】') {
      Matcher tag = CJK_TAG_SUFFIX.matcher(t);
      if (tag.matches() && tag.group(1).length() >= MIN_TAGGED) {
        return tag.group(1).strip();
      }
    }
    if (last == ')' || last == '）') {
      Matcher cjk = CJK_SUFFIX.matcher(t);
      if (cjk.matches() && !SeriesNumber.in(cjk.group(2)) && isShuffledKeyword(cjk.group(2), cjk.group(1) + body.get())) {
        return cjk.group(1).strip();
      }
    }
    if (last == ')' || last == ']') {
      Matcher tag = TAG_SUFFIX.matcher(t);
      if (tag.matches()) {
        return tag.group(1).strip();
      }
    }
    if (!hasSeparator(t)) {
      return t;
    }
    Matcher site = SITE_SUFFIX.matcher(t);
    if (site.matches() && !SeriesNumber.in(site.group(2)) && isName(site.group(2).strip(), t.codePoints().anyMatch(Character::isUpperCase)) && site.group(1).strip().split("\\s+").length >= 3) {
      return site.group(1).strip();
    }
    return t;
  }

  /** Whether {@code key} (letters and digits, as {@link Boilerplate#key} gives them) is a portal's picture label, "组图". */
  static boolean isPictureLabel(String key) {
    return PICTURE_LABELS.contains(key);
  }

  /** {@code t} without a portal's picture label before the headline ({@link #CJK_TAG_PREFIX}); {@code t} itself when it has none. */
  private static String withoutPictureLabel(String t) {
    int first = t.isEmpty() ? 0 : t.charAt(0);
    if (first != '组' && first != '多' && first != '图' && first != '高' && first != '(' && first != '（' && first != '[' && first != '【') {
      return t;
    }
    Matcher label = CJK_TAG_PREFIX.matcher(t);
    return label.matches() && label.group(2).strip().length() >= MIN_TAGGED ? label.group(2).strip() : t;
  }

  /** Whether {@code t} has a bar or dash with a blank on either side, as {@link #SITE_SUFFIX} needs. */
  private static boolean hasSeparator(String t) {
    for (int i = 1; i < t.length() - 1; i++) {
      if ("|-–—".indexOf(t.charAt(i)) >= 0 && isBlank(t.charAt(i - 1)) && isBlank(t.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }

  /** A blank as a regular expression's {@code \s} reads it. */
  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /**
   * Whether a suffix after a dash or bar reads as a site's name: at most four words, the first with
   * a capital or a digit ("Relay FM", "iMore", "36Kr"), or an address ("example.com"). Words after a
   * dash are often the title's own ("… стройплощадки – детсад и Ледовый дворец", "… — for now").
   * In a title with no capitals ({@code cased} false: one normalized for matching, as dedupe's
   * fingerprint reads it) case says nothing, and the words are counted only.
   */
  private static boolean isName(String suffix, boolean cased) {
    String[] words = suffix.split("\\s+");
    return words.length <= 4
        && (!cased || words[0].codePoints().anyMatch(cp -> Character.isUpperCase(cp) || Character.isDigit(cp)) || ADDRESS.matcher(suffix).matches());
  }

  private static boolean isShuffledKeyword(String keyword, String context) {
    return keyword.codePoints().allMatch(cp -> isIdeographic(cp) && context.indexOf(cp) >= 0);
  }

  private static boolean isIdeographic(int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
  }
}
