package dev.syndic.ingest;

import dev.syndic.Sha256;
import dev.syndic.clean.CleanedEntry;
import dev.syndic.clean.ContentCleaner;
import dev.syndic.entry.EntryDraft;
import dev.syndic.parse.ParsedEntry;
import jakarta.inject.Singleton;

/** Turns a parsed entry into what is stored: cleaned, keyed and hashed. */
@Singleton
final class EntryPreparer {

  /**
   * The way entries are prepared, as part of every source hash. Change it with any change to what
   * preparing stores (cleaning, normalizing, the title's suffix, the language guess): entries
   * stored before are then prepared again on their feed's next change, not kept as they were.
   */
  static final String PREPARATION = "1";

  private final ContentCleaner cleaner;

  EntryPreparer(ContentCleaner cleaner) {
    this.cleaner = cleaner;
  }

  /** Prepared entry and its cleaned form (the classifier reads the latter). */
  record Prepared(EntryDraft draft, CleanedEntry cleaned) {}

  /**
   * A hash of all a stored entry is made of: the parsed entry, the source's URL when the entry
   * has no link (it is the base of relative links then), and {@link #PREPARATION}. Fields are
   * length-prefixed, so no two different entries join to the same text.
   */
  static String sourceHash(ParsedEntry e, String sourceUrl) {
    StringBuilder s = new StringBuilder(PREPARATION);
    for (String field : new String[] {e.guid(), e.link(), e.link() == null ? sourceUrl : null, e.title(), e.author(), e.summaryHtml(),
        e.contentHtml(), e.published() == null ? null : e.published().toString(), e.updated() == null ? null : e.updated().toString()}) {
      appendField(s, field);
    }
    for (String tag : e.tags()) {
      appendField(s, tag);
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

  /** Prepares an entry whose {@link #sourceHash} is {@code sourceHash}. */
  Prepared prepare(ParsedEntry e, String identityKey, String sourceHash, String sourceUrl) {
    String body = e.contentHtml() != null ? e.contentHtml() : e.summaryHtml();
    String base = e.link() != null ? e.link() : sourceUrl;
    CleanedEntry cleaned = cleaner.clean(e.title(), body, base);
    // Dates and whitespace do not make an update: only the words do.
    String contentHash = Sha256.hex(cleaned.matchText());
    EntryDraft draft =
        new EntryDraft(
            identityKey,
            e.guid(),
            e.link(),
            cleaned.title(),
            e.author(),
            e.summaryHtml(),
            e.contentHtml(),
            cleaned.html(),
            cleaned.matchText(),
            cleaned.coreText(),
            cleaned.language(),
            e.tags(),
            e.published(),
            e.updated(),
            contentHash,
            sourceHash);
    return new Prepared(draft, cleaned);
  }
}
