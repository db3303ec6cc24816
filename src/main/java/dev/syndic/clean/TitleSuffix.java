package dev.syndic.clean;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the SEO suffixes content sites append to titles: in Chinese, a parenthesized keyword of
 * the article with its characters shuffled ("…竞赛升温(模型大型)"), recognised because every one of
 * its characters occurs in the title or body; in English, a site name or tag after " | " or " - "
 * ("… | WorldNewsPortal", "… - Full Story") or a bracketed tag ("(Updated)", "[Video]"). A suffix
 * that numbers an installment of a series ("- Part 2", "(之二)", {@link SeriesNumber}) stays.
 */
public final class TitleSuffix {

  private static final Pattern CJK_SUFFIX = Pattern.compile("^(.*\\S)\\s*[(（]([^()（）\\s]{2,10})[)）]\\s*$");
  private static final Pattern SITE_SUFFIX = Pattern.compile("^(.{12,}?)\\s+[|\\-–—]\\s+([^|\\-–—]{2,40})$");
  private static final Pattern TAG_SUFFIX = Pattern.compile("^(.{12,}?)\\s*[(\\[](updated|update|video|photos|watch|live|exclusive|breaking|analysis|opinion)[)\\]]\\s*$", Pattern.CASE_INSENSITIVE);

  private TitleSuffix() {}

  /** The title without an SEO suffix; unchanged when it has none. */
  public static String strip(String title, String body) {
    String t = title.strip();
    Matcher cjk = CJK_SUFFIX.matcher(t);
    if (cjk.matches() && !SeriesNumber.in(cjk.group(2)) && isShuffledKeyword(cjk.group(2), cjk.group(1) + body)) {
      return cjk.group(1).strip();
    }
    Matcher tag = TAG_SUFFIX.matcher(t);
    if (tag.matches()) {
      return tag.group(1).strip();
    }
    Matcher site = SITE_SUFFIX.matcher(t);
    if (site.matches() && !SeriesNumber.in(site.group(2)) && site.group(2).strip().split("\\s+").length <= 4 && site.group(1).strip().split("\\s+").length >= 3) {
      return site.group(1).strip();
    }
    return t;
  }

  private static boolean isShuffledKeyword(String keyword, String context) {
    return keyword.codePoints().allMatch(cp -> isIdeographic(cp) && context.indexOf(cp) >= 0);
  }

  private static boolean isIdeographic(int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
  }
}
