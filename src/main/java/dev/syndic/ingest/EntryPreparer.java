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

  private final ContentCleaner cleaner;

  EntryPreparer(ContentCleaner cleaner) {
    this.cleaner = cleaner;
  }

  /** Prepared entry and its cleaned form (the classifier reads the latter). */
  record Prepared(EntryDraft draft, CleanedEntry cleaned) {}

  Prepared prepare(ParsedEntry e, String identityKey, String sourceUrl) {
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
            contentHash);
    return new Prepared(draft, cleaned);
  }
}
