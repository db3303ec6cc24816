package dev.syndic.publish;

import dev.syndic.WebLinks;
import dev.syndic.entry.EntryRow;
import jakarta.inject.Singleton;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Entities;

/**
 * The HTML an item carries: the entry's sanitized content (or a summary), with any disclaimer of
 * ours it already had removed, then our disclaimer, once, then optionally the related-reading
 * block. Nothing here is stored: it is applied at output.
 */
@Singleton
final class ItemComposer {

  static final String RELATED_CLASS = "syndic-related";
  private static final int SUMMARY_CHARS = 280;
  private static final int RELATED_SUMMARY_CHARS = 90;

  private final Disclaimer disclaimer;
  private final RelatedSettings related;
  private final PublishConfig config;

  ItemComposer(Disclaimer disclaimer, RelatedSettings related, PublishConfig config) {
    this.disclaimer = disclaimer;
    this.related = related;
    this.config = config;
  }

  /**
   * @param category the category the item is shown under, or null (then the entry's top one)
   * @param pool recent entries the related block may list (the entry itself is skipped)
   */
  String html(EntryRow e, String category, OutputOptions options, List<EntryRow> pool) {
    String shownUnder = category != null ? category : topCategory(e);
    String content = options.fullContent()
        ? disclaimer.withoutDisclaimers(e.cleanHtml())
        : "<p>" + Entities.escape(summary(disclaimer.withoutDisclaimers(e.cleanHtml()), SUMMARY_CHARS)) + "</p>";
    StringBuilder out = new StringBuilder(content.length() + 512).append(content).append(disclaimer.html(e, shownUnder, options.variant()));
    RelatedSettings.Setting setting = related.of(shownUnder);
    boolean on = options.related() != null ? options.related() : setting.enabled();
    if (on) {
      appendRelated(out, e, shownUnder, setting.size(), pool);
    }
    return out.toString();
  }

  /**
   * The entry's text, cut at a word or character boundary near {@code max} characters; never
   * between the two halves of a surrogate pair (an emoji), whose first half alone went out as
   * {@code &#xd83d;}, a reference to no character.
   */
  static String summary(String html, int max) {
    String text = Jsoup.parse(html).text().strip();
    if (text.length() <= max) {
      return text;
    }
    int cut = text.lastIndexOf(' ', max);
    int end = cut > max / 2 ? cut : Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
    return text.substring(0, end).strip() + "…";
  }

  static String topCategory(EntryRow e) {
    return e.categories().isEmpty() ? null : e.categories().get(0).slug();
  }

  private void appendRelated(StringBuilder out, EntryRow e, String category, int size, List<EntryRow> pool) {
    List<EntryRow> picked = pool.stream()
        .filter(r -> r.id() != e.id() && WebLinks.isWeb(r.link()) && !r.title().isEmpty())
        .filter(r -> category == null || r.categories().stream().anyMatch(c -> c.slug().equals(category)))
        .limit(size)
        .toList();
    if (picked.isEmpty()) {
      return;
    }
    boolean zh = e.language() != null && e.language().startsWith("zh");
    out.append("<div class=\"").append(RELATED_CLASS).append("\"><p><strong>")
        .append(Entities.escape(zh ? config.relatedTitleZh() : config.relatedTitleEn())).append("</strong></p><ul>");
    for (EntryRow r : picked) {
      out.append("<li><a href=\"").append(Entities.escape(Item.link(r))).append("\">").append(Entities.escape(r.title())).append("</a>");
      String s = summary(r.cleanHtml(), RELATED_SUMMARY_CHARS);
      if (!s.isEmpty()) {
        out.append(": ").append(Entities.escape(s));
      }
      out.append("</li>");
    }
    out.append("</ul></div>");
  }
}
