package dev.syndic.clean;

import jakarta.inject.Singleton;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Sanitizes publisher HTML to a safe subset: no script, style, forms, event handlers or
 * {@code javascript:} URLs; links and images made absolute against the entry's link. Thread-safe.
 */
@Singleton
public final class ContentCleaner {

  private static final Safelist SAFE =
      Safelist.relaxed()
          .addTags("figure", "figcaption", "hr", "del", "ins", "mark", "small", "time")
          .addAttributes("a", "title")
          .addProtocols("img", "src", "http", "https")
          .addProtocols("a", "href", "http", "https", "mailto")
          .addEnforcedAttribute("a", "rel", "nofollow noopener");

  /**
   * Cleans an entry's title and body.
   *
   * @param baseUrl the URL relative links are resolved against (the entry's link), or null
   */
  public CleanedEntry clean(String title, String bodyHtml, String baseUrl) {
    String plainTitle = Jsoup.parse(title == null ? "" : title).text().strip();
    String base = baseUrl == null ? "" : baseUrl;
    Document dirty = Jsoup.parseBodyFragment(bodyHtml == null ? "" : bodyHtml, base);
    Document clean = new Cleaner(SAFE).clean(dirty);
    clean.outputSettings().prettyPrint(false);
    String html = clean.body().html();
    String text = clean.body().text();
    String matchText = TextNormalizer.normalize(plainTitle + "\n" + text);
    return new CleanedEntry(plainTitle, html, text, matchText, language(plainTitle + text));
  }

  static String language(String text) {
    int han = 0;
    int letters = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
        han++;
      } else if (Character.isLetter(c)) {
        letters++;
      }
    }
    // A Chinese character carries about as much as an English word of five letters.
    return han * 5 >= letters && han > 0 ? "zh" : "en";
  }
}
