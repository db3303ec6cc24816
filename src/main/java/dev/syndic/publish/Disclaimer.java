package dev.syndic.publish;

import dev.syndic.config.SiteConfig;
import dev.syndic.entry.EntryRow;
import io.micronaut.context.annotation.Context;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import org.jsoup.nodes.Entities;

/**
 * Chooses and fills the disclaimer of an entry. The most specific template wins: source, then
 * category, then global (stored, in the requested variant, then in the default variant), then the
 * configured default; Chinese or English by the entry's language. Templates are plain text: the
 * filled values are escaped, so a title cannot inject markup. Created at start ({@code @Context}),
 * so a {@code syndic.disclaimer.zone} that is no time zone stops the start with its message.
 */
@Context
final class Disclaimer {

  static final String CSS_CLASS = "syndic-disclaimer";
  static final String DEFAULT_VARIANT = "default";

  private record Snapshot(long version, List<DisclaimerTemplate> stored, DisclaimerStrip strip) {}

  private final DisclaimerConfig config;
  private final ZoneId zone;
  private final SiteConfig site;
  private final DisclaimerStore store;
  private final FeedVersion version;
  private volatile Snapshot snapshot;

  Disclaimer(DisclaimerConfig config, SiteConfig site, DisclaimerStore store, FeedVersion version) {
    this.config = config;
    this.zone = config.zoneId();
    this.site = site;
    this.store = store;
    this.version = version;
  }

  /**
   * The template that applies.
   *
   * @param category the category the entry is shown under, or null (then its top category)
   */
  String template(EntryRow e, String category, String variant) {
    String language = language(e);
    String slug = category != null ? category : e.categories().isEmpty() ? null : e.categories().get(0).slug();
    List<DisclaimerTemplate> stored = current().stored();
    List<String> variants = variant.equals(DEFAULT_VARIANT) ? List.of(variant) : List.of(variant, DEFAULT_VARIANT);
    for (String v : variants) {
      Optional<String> t = find(stored, "source", Long.toString(e.sourceId()), language, v)
          .or(() -> slug == null ? Optional.empty() : find(stored, "category", slug, language, v))
          .or(() -> find(stored, "global", "", language, v));
      if (t.isPresent()) {
        return t.get();
      }
    }
    return language.equals("zh") ? config.template() : config.templateEn();
  }

  /** The disclaimer text for the entry, placeholders filled. */
  String text(EntryRow e, String category, String variant) {
    Map<String, String> values = Map.of(
        "title", Item.shownTitle(e),
        "site", site.name(),
        "source", Item.sourceName(e),
        "author", e.author() == null ? "" : e.author(),
        "link", Objects.requireNonNullElse(Item.link(e), ""),
        "date", e.published() == null ? "" : DateTimeFormatter.ISO_LOCAL_DATE.format(Item.published(e).atZone(zone)));
    Matcher m = DisclaimerTemplate.ANY_PLACEHOLDER.matcher(template(e, category, variant));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The disclaimer as an HTML paragraph. */
  String html(EntryRow e, String category, String variant) {
    return "<p class=\"" + CSS_CLASS + "\">" + Entities.escape(text(e, category, variant)) + "</p>";
  }

  /** The content without any disclaimer of ours (or one shaped like ours) it already carries. */
  String withoutDisclaimers(String html) {
    return current().strip().apply(html);
  }

  private static String language(EntryRow e) {
    return e.language() != null && e.language().startsWith("zh") ? "zh" : "en";
  }

  private static Optional<String> find(List<DisclaimerTemplate> stored, String scope, String key, String language, String variant) {
    for (DisclaimerTemplate t : stored) {
      if (t.scope().equals(scope) && t.scopeKey().equals(key) && t.language().equals(language) && t.variant().equals(variant)) {
        return Optional.of(t.template());
      }
    }
    return Optional.empty();
  }

  private Snapshot current() {
    long v = version.current();
    Snapshot s = snapshot;
    if (s == null || s.version() != v) {
      List<DisclaimerTemplate> stored = store.all();
      List<String> templates = new ArrayList<>(List.of(config.template(), config.templateEn()));
      stored.forEach(t -> templates.add(t.template()));
      s = new Snapshot(v, stored, new DisclaimerStrip(templates));
      snapshot = s;
    }
    return s;
  }
}
