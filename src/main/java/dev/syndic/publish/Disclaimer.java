package dev.syndic.publish;

import dev.syndic.config.SiteConfig;
import dev.syndic.entry.EntryRow;
import jakarta.inject.Singleton;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/** Fills the disclaimer template for one entry and appends it to the entry's HTML, once. */
@Singleton
final class Disclaimer {

  static final String CSS_CLASS = "syndic-disclaimer";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(title|site|source|author|link|date)}");

  private final DisclaimerConfig config;
  private final SiteConfig site;

  Disclaimer(DisclaimerConfig config, SiteConfig site) {
    this.config = config;
    this.site = site;
  }

  /** The disclaimer text for the entry, placeholders filled. */
  String text(EntryRow e) {
    Map<String, String> values = Map.of(
        "title", e.title(),
        "site", site.name(),
        "source", e.sourceTitle() == null ? e.sourceUrl() : e.sourceTitle(),
        "author", e.author() == null ? "" : e.author(),
        "link", e.link() == null ? "" : e.link(),
        "date", e.published() == null ? "" : DateTimeFormatter.ISO_LOCAL_DATE.format(e.published().atOffset(ZoneOffset.UTC)));
    Matcher m = PLACEHOLDER.matcher(config.template());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The entry's HTML with the disclaimer paragraph after it. */
  String appendTo(String html, EntryRow e) {
    return html + "<p class=\"" + CSS_CLASS + "\">" + Entities.escape(text(e)) + "</p>";
  }
}
