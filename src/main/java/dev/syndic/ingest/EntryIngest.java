package dev.syndic.ingest;

import dev.syndic.category.CategoryCatalog;
import dev.syndic.classify.Assignment;
import dev.syndic.entry.CategoryAssignments;
import dev.syndic.entry.EntryStore;
import dev.syndic.entry.StoredChange;
import dev.syndic.parse.ParsedEntry;
import dev.syndic.source.Source;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stores one source's fetched entries in one transaction, clusters the new ones with their
 * duplicates from other sources, and categorizes the new and changed ones: the rules' decisions
 * plus the source's default category.
 */
@Singleton
class EntryIngest {

  private final EntryPreparer preparer;
  private final EntryStore store;
  private final CategoryAssignments assignments;
  private final CategoryCatalog catalog;
  private final Deduplicator deduplicator;
  private final Clock clock;

  EntryIngest(EntryPreparer preparer, EntryStore store, CategoryAssignments assignments, CategoryCatalog catalog, Deduplicator deduplicator,
      Clock clock) {
    this.deduplicator = deduplicator;
    this.preparer = preparer;
    this.store = store;
    this.assignments = assignments;
    this.catalog = catalog;
    this.clock = clock;
  }

  @Transactional
  IngestResult ingest(Source source, List<ParsedEntry> entries) {
    List<String> keys = IdentityKeys.assign(entries);
    Instant now = clock.instant();
    var classifier = catalog.classifier();
    int created = 0;
    int updated = 0;
    List<Deduplicator.NewEntry> fresh = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      ParsedEntry parsed = entries.get(i);
      EntryPreparer.Prepared prepared = preparer.prepare(parsed, keys.get(i), source.url());
      Optional<StoredChange> change = store.upsert(source.id(), prepared.draft(), now);
      if (change.isEmpty()) {
        continue;
      }
      if (change.get().created()) {
        created++;
        fresh.add(new Deduplicator.NewEntry(change.get().entryId(), prepared.cleaned(), parsed.link()));
      } else {
        updated++;
      }
      List<CategoryAssignments.Decision> decisions = new ArrayList<>();
      for (Assignment a : classifier.classify(prepared.cleaned().title(), prepared.cleaned().text(), parsed.tags())) {
        decisions.add(new CategoryAssignments.Decision(a.slug(), "rule", a.score(), a.evidence()));
      }
      String fallback = source.defaultCategory();
      if (fallback != null && decisions.stream().noneMatch(d -> d.slug().equals(fallback))) {
        decisions.add(new CategoryAssignments.Decision(fallback, "source", 1.0, List.of("default category of source " + source.id())));
      }
      assignments.replaceMachineDecisions(change.get().entryId(), decisions);
    }
    deduplicator.assign(fresh);
    return new IngestResult(entries.size(), created, updated);
  }
}
