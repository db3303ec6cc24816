package dev.syndic.ingest;

import dev.syndic.Sha256;
import dev.syndic.WebLinks;
import dev.syndic.clean.CleanedEntry;
import dev.syndic.clean.ContentCleaner;
import dev.syndic.entry.Enclosure;
import dev.syndic.entry.EntryDraft;
import dev.syndic.parse.ParsedEntry;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Turns a parsed entry into what is stored: cleaned, keyed and hashed. */
@Singleton
final class EntryPreparer {

  /**
   * The way entries are prepared, as part of every source hash. Change it with any change to what
   * preparing makes of an entry (cleaning, normalizing, the title's suffix, the language guess):
   * entries stored before are then prepared again on their feed's next change, not kept as they
   * were. {@code EntryPreparerTest} pins what preparing makes of the test feeds to this value, so
   * it fails when one changes without the other.
   */
  static final String PREPARATION = "21";

  /**
   * No entry of a feed was published before the web: a date before 1991 is a date field left at
   * zero (the Unix epoch, 1 January 1970, or a CMS's year 1), no date. Kept, such a copy was
   * "published first" and so the canonical entry of the story it copied, which then sorted under
   * every other entry in the feeds and left their first page.
   */
  static final Instant EARLIEST_PLAUSIBLE = Instant.parse("1991-01-01T00:00:00Z");

  private final ContentCleaner cleaner;

  EntryPreparer(ContentCleaner cleaner) {
    this.cleaner = cleaner;
  }

  /** Prepared entry and its cleaned form (the classifier reads the latter). */
  record Prepared(EntryDraft draft, CleanedEntry cleaned) {}

  /**
   * A hash of what an entry's stored words are made of: its title, its body (content, or else
   * summary) and {@link #PREPARATION}. A stored entry is updated only when its words change
   * ({@code content_hash}), so an entry whose source hash is unchanged would not be updated:
   * its link, dates or tags changing alone (feeds that stamp every item with the time of the
   * fetch) change nothing, as before. Fields are length-prefixed, so no two entries join to the
   * same text.
   */
  static String sourceHash(ParsedEntry e) {
    StringBuilder s = new StringBuilder(PREPARATION);
    appendField(s, e.title());
    appendField(s, e.contentHtml() != null ? e.contentHtml() : e.summaryHtml());
    // The files too, by address without its query (signed and tracking addresses change on every
    // fetch): a file attached after the item was first stored reaches readers. Nothing is added
    // for an item without files, so their hashes are what they were.
    for (ParsedEntry.Media m : e.enclosures()) {
      int query = m.url().indexOf('?');
      appendField(s, query < 0 ? m.url() : m.url().substring(0, query));
    }
    return Sha256.hex(s.toString());
  }

  private static void appendField(StringBuilder s, String field) {
    if (field == null) {
      s.append('-');
    } else {
      s.append(field.length()).append(':').append(field);
    }
  }

  /**
   * Prepares an entry whose {@link #sourceHash} is {@code sourceHash}; {@code base} is the address
   * its feed's relative links are read against (the site's, else the feed's own), parsed once for
   * all of the feed's entries. A relative link was stored as is, so outbound items had none, and
   * the body's relative links and images, resolved against it, were dropped. (The entry's identity
   * reads the link as the feed sends it, so stored entries keep theirs.)
   */
  Prepared prepare(ParsedEntry e, String identityKey, String sourceHash, WebLinks.Base base) {
    String body = e.contentHtml() != null ? e.contentHtml() : e.summaryHtml();
    // The feed's xml:base, where it sets one, is what its relative addresses are written against
    // (feedparser reads them so): the body's too, also when the item's link is elsewhere.
    String itemBase = webBase(base, e.base());
    String link = itemBase != null ? WebLinks.resolve(itemBase, e.link()) : base.resolve(e.link());
    String bodyBase = Objects.requireNonNullElse(webBase(base, e.bodyBase()), link != null ? link : base.address());
    CleanedEntry cleaned = cleaner.clean(e.title(), body, bodyBase, link != null ? link : base.address());
    // Dates and whitespace do not make an update: only the words do.
    String contentHash = Sha256.hex(cleaned.matchText());
    EntryDraft draft =
        new EntryDraft(
            identityKey,
            e.guid(),
            link,
            cleaned.title(),
            e.author(),
            cleaned.html(),
            cleaned.matchText(),
            cleaned.coreText(),
            cleaned.language(),
            e.tags(),
            plausible(e.published()),
            plausible(e.updated()),
            contentHash,
            sourceHash,
            enclosures(e, itemBase != null ? itemBase : link != null ? link : base.address()));
    return new Prepared(draft, cleaned);
  }

  /** The date, or null when it is before {@link #EARLIEST_PLAUSIBLE}. (The identity key reads it as sent.) */
  private static Instant plausible(Instant date) {
    return date == null || date.isBefore(EARLIEST_PLAUSIBLE) ? null : date;
  }

  /** An xml:base read against the feed's address, when that makes a web address; else null. */
  private static String webBase(WebLinks.Base base, String xmlBase) {
    String read = base.resolve(xmlBase);
    return WebLinks.isWeb(read) ? read : null;
  }

  /** The entry's files worth republishing (see {@link Enclosure#checked}), read against its base, each once, at most {@link Enclosure#MAX}. */
  private static List<Enclosure> enclosures(ParsedEntry e, String base) {
    if (e.enclosures().isEmpty()) {
      return List.of();
    }
    Map<String, Enclosure> kept = new LinkedHashMap<>();
    for (ParsedEntry.Media m : e.enclosures()) {
      Enclosure checked = Enclosure.checked(WebLinks.resolve(base, m.url()), m.type(), m.length());
      if (checked != null && kept.size() < Enclosure.MAX) {
        kept.putIfAbsent(checked.url(), checked);
      }
    }
    return List.copyOf(kept.values());
  }
}
