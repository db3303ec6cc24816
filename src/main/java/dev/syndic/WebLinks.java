package dev.syndic;

import org.jsoup.internal.StringUtil;

/**
 * Links as feeds send them: whether one is a web address, and a relative one read against a base.
 * Parsing (Atom's xml:base), ingest (the feed's site or address) and publishing (only web links
 * go out) all use these two, so they agree on what counts.
 */
public final class WebLinks {

  private WebLinks() {}

  /** Whether {@code link} is an http or https address (any case, surrounding blanks ignored). */
  public static boolean isWeb(String link) {
    if (link == null) {
      return false;
    }
    String u = link.strip();
    return u.regionMatches(true, 0, "http://", 0, 7) || u.regionMatches(true, 0, "https://", 0, 8);
  }

  /**
   * {@code link} read against {@code base} as a browser reads it on the page at {@code base}
   * ("/blog/1.html", "posts/2.html", "?p=3", "../x"), with jsoup's resolver, the one the bodies'
   * links and images go through; {@code link} itself when absolute already, when there is no base,
   * or when it cannot be resolved.
   */
  public static String resolve(String base, String link) {
    if (link == null || base == null) {
      return link;
    }
    String resolved = StringUtil.resolve(base, link.strip());
    return resolved.isEmpty() ? link : resolved;
  }
}
