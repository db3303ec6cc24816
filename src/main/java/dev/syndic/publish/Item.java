package dev.syndic.publish;

import dev.syndic.WebLinks;
import dev.syndic.clean.LinkCanonicalizer;
import dev.syndic.entry.Enclosure;
import dev.syndic.entry.EntryRow;
import dev.syndic.entry.EntryStore;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * One entry as every format writes it.
 *
 * @param id stable across database rebuilds ({@link FeedRenderer#stableId})
 * @param link the original article, http(s) only, or null
 * @param html the composed content: sanitized body, disclaimer, related block
 * @param sourceFeedUrl the source's feed URL when it is http(s), else null
 * @param enclosures the files the entry carries (a podcast's episode, a video), addresses as URIs
 */
record Item(
    String id,
    String title,
    @Nullable String link,
    Instant published,
    Instant updated,
    String author,
    String language,
    List<String> categories,
    String sourceTitle,
    @Nullable String sourceFeedUrl,
    @Nullable String sourceSiteUrl,
    List<Enclosure> enclosures,
    String html) {

  static Item of(EntryRow e, String html, String siteName) {
    String sourceTitle = sourceName(e);
    String author = e.author() != null && !e.author().isBlank() ? e.author() : sourceTitle;
    Instant published = published(e);
    // The last change that matters to a reader: ours when the text changed after the first sight,
    // else the publisher's own date. Never the ingest time, which a whole batch shares.
    Instant updated = e.revision() > 1 ? e.updatedAt() : dated(e.modified(), e) ? e.modified() : published;
    return new Item(
        FeedRenderer.stableId(e),
        shownTitle(e),
        link(e),
        published,
        updated.isBefore(published) ? published : updated,
        author == null || author.isBlank() ? siteName : author,
        language(e),
        e.categories().stream().map(EntryRow.AssignedCategory::slug).toList(),
        sourceTitle,
        httpOrNull(WebLinks.withoutCredentials(e.sourceUrl())),
        httpOrNull(WebLinks.withoutCredentials(e.sourceSiteUrl())),
        e.enclosures().stream().map(f -> new Enclosure(WebLinks.asUri(f.url()), f.type(), f.length())).toList(),
        html);
  }

  /**
   * The entry's date as output gives it: the publisher's, unless it was further ahead of the time
   * the entry was stored than {@link EntryStore#FUTURE_TOLERANCE}, which the store does not sort
   * by either; then the time it sorts at (when it was first seen). Readers sort by the item's
   * date: one dated eight hours ahead (China's time written as GMT) sat above every other item
   * until then, and one dated 2999 for good.
   */
  static Instant published(EntryRow e) {
    return dated(e.published(), e) ? e.published() : e.sortAt();
  }

  /** Whether a publisher's date is one: given, and not ahead of the entry's storing by more than the tolerance. */
  private static boolean dated(@Nullable Instant date, EntryRow e) {
    return date != null && !date.isAfter(e.updatedAt().plus(EntryStore.FUTURE_TOLERANCE));
  }

  /** A file's media type as formats that require one write it: unknown is a stream of bytes. */
  static String typeOf(Enclosure f) {
    return f.type() != null ? f.type() : "application/octet-stream";
  }

  /**
   * The language an entry is written in as output names it (xml:lang, JSON Feed's and the partner
   * API's language): "zh", "ja" or "en". The disclaimer and the other words Syndic adds have
   * Chinese and English only: a Japanese entry gets the English ones ({@link Disclaimer}).
   */
  static String language(EntryRow e) {
    String language = e.language() == null ? "" : e.language();
    return language.startsWith("zh") ? "zh" : language.startsWith("ja") ? "ja" : "en";
  }

  /**
   * The title readers see: an untitled entry's says so, in the entry's language, in the item and
   * in its disclaimer alike (not "[]" in a sentence about it).
   */
  static String shownTitle(EntryRow e) {
    if (!e.title().isBlank()) {
      return e.title();
    }
    return e.language() != null && e.language().startsWith("zh") ? "（无标题）" : "(untitled)";
  }

  /**
   * The name of the entry's source wherever output attributes it (the item's source, the
   * disclaimer's {@code {source}}, the home page): its title, or its address when the title is
   * missing or blank (cleared by an admin, or a feed's empty {@code <title/>}), without the
   * credentials an address may carry.
   */
  static String sourceName(EntryRow e) {
    return e.sourceTitle() != null && !e.sourceTitle().isBlank() ? e.sourceTitle() : WebLinks.withoutCredentials(e.sourceUrl());
  }

  /**
   * The entry's link as it goes out: http(s) or nothing, without tracking parameters (a feed's
   * {@code ?utm_source=rss} is the publisher's count of our readers, not part of the address). The
   * stored link keeps them: the entry's identity reads it as the feed sent it.
   */
  static String link(EntryRow e) {
    return httpOrNull(LinkCanonicalizer.withoutTracking(e.link()));
  }

  /**
   * Links in output are http(s) or nothing, a feed may have sent anything; and they are URIs, so
   * a space or a Chinese path a feed sent is percent-encoded ({@link WebLinks#asUri}).
   */
  static String httpOrNull(String url) {
    return WebLinks.isWeb(url) ? WebLinks.asUri(url.strip()) : null;
  }
}
