package dev.syndic.clean;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Recognises the footer WordPress SEO plugins end every item of a feed with: "The post &lt;a
 * href=post&gt;Title&lt;/a&gt; appeared first on &lt;a href=site&gt;Site&lt;/a&gt;." (or "first
 * appeared on"). A story can say the same ("The post of prime minister first appeared on the agenda
 * in 1990."), so the words alone are not enough: the footer also ends in a link to the site, named
 * as the words name it, or names the entry's own title as the post.
 */
final class WordPressFooter {

  private static final Pattern SHAPE = Pattern.compile(
      "(?i)^\\s*the\\s+post\\s+(.{1,250}?)\\s+(appeared\\s+first|first\\s+appeared)\\s+on\\s+(.{1,100}?)\\s*\\.?\\s*$");
  /** A title can be long, so the line may be too. */
  private static final int MAX_CHARS = 400;

  private WordPressFooter() {}

  /**
   * Whether {@code block}, whose text is {@code text}, is the footer; {@code titleKey} is the
   * entry's title as {@link Boilerplate} compares it, {@code link} the entry's own address or null.
   */
  static boolean is(Element block, String text, String titleKey, String link) {
    Matcher m = text.length() <= MAX_CHARS ? SHAPE.matcher(text) : null;
    if (m == null || !m.matches()) {
      return false;
    }
    if (!titleKey.isEmpty() && Boilerplate.key(m.group(1)).equals(titleKey)) {
      return true;
    }
    Element site = block.select("a[href]").last();
    return site != null && site.text().strip().equals(m.group(3).strip()) && isOnSite(link, site.attr("href"));
  }

  /** Whether the entry's address is on the site {@code home} is the address of; so when it is not known. */
  private static boolean isOnSite(String link, String home) {
    return link == null || LinkCanonicalizer.canonical(link).startsWith(LinkCanonicalizer.canonical(home));
  }
}
