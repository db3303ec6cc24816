package dev.syndic.ingest;

import dev.syndic.WebLinks;
import dev.syndic.category.CategoryCatalog;
import dev.syndic.classify.CategoryPolicy;
import dev.syndic.clean.CleanedEntry;
import dev.syndic.entry.CategoryAssignments;
import dev.syndic.entry.EntryDraft;
import dev.syndic.entry.EntryStore;
import dev.syndic.entry.StoredChange;
import dev.syndic.entry.Tombstones;
import dev.syndic.ops.PipelineMetrics;
import dev.syndic.parse.ParsedEntry;
import dev.syndic.source.Source;
import dev.syndic.source.SourceSchedule;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stores one source's fetched entries in one transaction, clusters the new ones (and changed ones
 * that had no body to compare before) with their duplicates from other sources, and categorizes
 * the new and changed ones ({@link
 * CategoryPolicy}: rules, trained model, the source's default category).
 */
@Singleton
class EntryIngest {

  private final EntryPreparer preparer;
  private final EntryStore store;
  private final CategoryAssignments assignments;
  private final CategoryCatalog catalog;
  private final Deduplicator deduplicator;
  private final Clock clock;
  private final PipelineMetrics metrics;
  private final Tombstones tombstones;
  private final SourceSchedule schedule;

  EntryIngest(EntryPreparer preparer, EntryStore store, CategoryAssignments assignments, CategoryCatalog catalog, Deduplicator deduplicator,
      Clock clock, PipelineMetrics metrics, Tombstones tombstones, SourceSchedule schedule) {
    this.schedule = schedule;
    this.tombstones = tombstones;
    this.metrics = metrics;
    this.deduplicator = deduplicator;
    this.preparer = preparer;
    this.store = store;
    this.assignments = assignments;
    this.catalog = catalog;
    this.clock = clock;
  }

  /**
   * Stores a fetch's entries; relative links are read against {@code siteLink} when it is a web
   * address (the feed's own link to its site, a feed being served from another host than its
   * site's, else the address the feed came from), against the source's address otherwise.
   */
  @Transactional
  IngestResult ingest(Source source, List<ParsedEntry> entries, String siteLink) {
    // A poll that outlasted its lease while another poll of the source took over fetched the older
    // feed: stored now, it would overwrite the newer poll's entries with what they were before.
    if (!schedule.holdClaim(source)) {
      return IngestResult.CLAIM_LOST;
    }
    WebLinks.Base base = WebLinks.Base.of(WebLinks.isWeb(siteLink) ? siteLink : source.url());
    // Entries of one fetch are stamped a millisecond apart in feed order (newest first), so undated
    // entries keep the publisher's order and no two share a time.
    Instant now = clock.instant();
    // A changed feed mostly repeats what is stored: an entry stored from the same words (same
    // source hash) is not prepared, categorized or written again, nor is one that was deleted
    // (it would not be stored again). When an identity occurs twice in a feed, the first
    // occurrence is the one stored. One query reads what the source has of every key an entry
    // could have, so an entry keeps the one it is stored under (IdentityKeys).
    IdentityKeys.Candidates identities = IdentityKeys.of(entries);
    List<List<String>> candidates = identities.keys();
    EntryStore.Known known = store.known(source.id(), candidates.stream().flatMap(List::stream).distinct().toList());
    List<String> hashes = entries.stream().map(EntryPreparer::sourceHash).toList();
    // A deleted item is known by its words too: of two items sharing a reused GUID, the deleted
    // one keeps its tombstoned key (and stays deleted) instead of taking one no tombstone holds.
    Map<String, String> byWords = new HashMap<>(known.deletedHashes());
    byWords.putAll(known.sourceHashes());
    List<String> keys = IdentityKeys.choose(entries, candidates, byWords, hashes);
    Map<String, String> sightings = new HashMap<>(deletedWords(candidates, known.deleted(), hashes));
    Set<String> deleted = new HashSet<>(known.deleted());
    // A source never polled has stored nothing that its items could be under other GUIDs: its
    // first fetch (every fetch of the ingest bench) costs no query more than before.
    if (source.lastPolledAt() != null) {
      keys = underOtherGuids(source.id(), entries, keys, byWords.keySet(), hashes, deleted, sightings);
    }
    // The feed still lists these deleted items: their tombstones are needed a while longer. One
    // statement, only when there are any, writing only sightings older than a few hours, and the
    // words of a deleted item that the feed lists alone under its key where they were written by
    // an older preparation (PREPARATION), so that a reused GUID still finds it by them.
    tombstones.sighted(source.id(), sightings, now);
    Map<String, String> stored = known.sourceHashes();
    Set<String> seen = new HashSet<>();
    List<ParsedEntry> todo = new ArrayList<>(entries.size());
    List<Integer> todoIndex = new ArrayList<>(entries.size());
    List<EntryPreparer.Prepared> prepared = new ArrayList<>(entries.size());
    List<EntryDraft> drafts = new ArrayList<>(entries.size());
    int unchanged = 0;
    for (int i = 0; i < entries.size(); i++) {
      if (!seen.add(keys.get(i))) {
        continue;
      }
      String hash = hashes.get(i);
      if (hash.equals(stored.get(keys.get(i))) || deleted.contains(keys.get(i))) {
        unchanged++;
        continue;
      }
      EntryPreparer.Prepared p = preparer.prepare(entries.get(i), keys.get(i), hash, base);
      todo.add(entries.get(i));
      todoIndex.add(i);
      prepared.add(p);
      drafts.add(p.draft());
    }
    var policy = catalog.policy();
    int created = 0;
    int updated = 0;
    // Read before the upsert writes their new words: which changing entries had none to cluster by.
    Deduplicator.Before before = deduplicator.beforeChange(source.id(),
        drafts.stream().map(EntryDraft::identityKey).filter(stored::containsKey).toList());
    List<Optional<StoredChange>> changes = store.upsertAll(source.id(), drafts, now);
    List<Deduplicator.NewEntry> fresh = new ArrayList<>();
    List<Deduplicator.NewEntry> rejudged = new ArrayList<>();
    List<Deduplicator.NewEntry> rekeyed = new ArrayList<>();
    Map<Long, Deduplicator.Told> told = new HashMap<>();
    Map<Long, List<CategoryAssignments.Decision>> ofCreated = new LinkedHashMap<>();
    Map<Long, List<CategoryAssignments.Decision>> ofUpdated = new LinkedHashMap<>();
    List<EntryDraft> sameWords = new ArrayList<>();
    for (int i = 0; i < todo.size(); i++) {
      Optional<StoredChange> change = changes.get(i);
      EntryDraft draft = drafts.get(i);
      if (change.isEmpty()) {
        // Stored already with the same words (new markup, an entity spelled out): the new hash
        // and markup are kept, so the next poll skips it. A tombstoned identity has no row.
        if (stored.containsKey(draft.identityKey())) {
          sameWords.add(draft);
        }
        continue;
      }
      ParsedEntry parsed = todo.get(i);
      CleanedEntry cleaned = prepared.get(i).cleaned();
      // A link other items of the feed have too (a section page every headline links) names no
      // story: by it, unrelated headlines of two such feeds were clustered in pairs.
      String storyLink = identities.sharedLink().get(todoIndex.get(i)) ? null : draft.link();
      Deduplicator.NewEntry entry = new Deduplicator.NewEntry(change.get().entryId(), cleaned, storyLink);
      if (change.get().created()) {
        created++;
        fresh.add(entry);
      } else {
        updated++;
        (before.bodiless().contains(draft.identityKey()) ? rejudged : rekeyed).add(entry);
        Deduplicator.Told was = before.told().get(draft.identityKey());
        if (was != null) {
          told.put(entry.entryId(), was);
        }
      }
      // The stored match text, not the raw body: re-categorizing stored entries reads the same.
      List<CategoryAssignments.Decision> decisions = new ArrayList<>();
      for (CategoryPolicy.Decided d : policy.decide(cleaned.title(), cleaned.matchText(), parsed.tags(), source.defaultCategory())) {
        decisions.add(new CategoryAssignments.Decision(d.slug(), d.origin(), d.score(), d.evidence()));
      }
      (change.get().created() ? ofCreated : ofUpdated).put(change.get().entryId(), decisions);
    }
    store.refreshSameWords(source.id(), sameWords);
    // A few statements for the source's entries, not a SELECT, a DELETE and INSERTs per entry;
    // new entries have no categories to replace, nor an admin's decision to respect.
    assignments.addToNewEntries(ofCreated);
    assignments.replaceMachineDecisions(ofUpdated);
    deduplicator.assign(source.id(), fresh, rejudged, rekeyed, told);
    metrics.unchangedEntries(unchanged);
    return new IngestResult(created, updated, false);
  }

  /**
   * The keys with those of items listed under GUIDs the source has never sent moved to their
   * stored or deleted twins ({@link IdentityKeys#reclaim}); a deleted twin joins {@code deleted}
   * and {@code sightings}. One query, and only when at least half the fetch's items are such: a
   * feed that stamps its GUIDs anew lists them all so (as does one whose CMS changed them all
   * once), where the common poll brings a few new items among many stored ones and reads nothing
   * more for them (else a query at every poll that brings anything new). It reads at most twice
   * the fetch's items of the source's newest entries, and its tombstones with those words.
   */
  private List<String> underOtherGuids(long sourceId, List<ParsedEntry> entries, List<String> keys, Set<String> known,
      List<String> hashes, Set<String> deleted, Map<String, String> sightings) {
    List<Integer> unknown = IdentityKeys.unknownWithGuid(entries, keys, known);
    if (unknown.isEmpty() || unknown.size() * 2 < entries.size()) {
      return keys;
    }
    List<EntryStore.Worded> found = store.byWords(sourceId, unknown.stream().map(hashes::get).distinct().toList(), 2 * entries.size());
    if (found.isEmpty()) {
      return keys;
    }
    List<String> moved = IdentityKeys.reclaim(entries, keys, unknown, hashes, found);
    for (EntryStore.Worded w : found) {
      if (w.deleted() && moved.contains(w.identityKey())) {
        deleted.add(w.identityKey());
        sightings.put(w.identityKey(), w.sourceHash());
      }
    }
    return moved;
  }

  /**
   * Each tombstoned identity among the candidates, with the source hash of the one item that can
   * have it, or null where several items can (a reused GUID: which is the deleted one is what the
   * stored words decide, so they are not overwritten).
   */
  private static Map<String, String> deletedWords(List<List<String>> candidates, Set<String> deleted, List<String> hashes) {
    if (deleted.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>();
    Set<String> shared = new HashSet<>();
    for (int i = 0; i < candidates.size(); i++) {
      for (String key : new HashSet<>(candidates.get(i))) {
        if (deleted.contains(key)) {
          String before = out.putIfAbsent(key, hashes.get(i));
          if (before != null && !before.equals(hashes.get(i))) {
            shared.add(key);
          }
        }
      }
    }
    shared.forEach(key -> out.put(key, null));
    return out;
  }
}
