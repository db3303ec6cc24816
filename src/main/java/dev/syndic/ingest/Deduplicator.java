package dev.syndic.ingest;

import dev.syndic.clean.CleanedEntry;
import dev.syndic.clean.LinkCanonicalizer;
import dev.syndic.clean.TextNormalizer;
import dev.syndic.dedupe.CandidateKeys;
import dev.syndic.dedupe.DuplicateJudge;
import dev.syndic.dedupe.Fingerprint;
import dev.syndic.entry.ClusterStore;
import dev.syndic.entry.ClusteringLog;
import dev.syndic.entry.DedupeKeyStore;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts each new entry into the cluster of its best-matching earlier entry, if any, and indexes it
 * so later copies find it. Runs at the end of the ingest transaction; looks at a bounded number
 * of candidates, so its cost does not grow with the number of stored entries.
 */
@Singleton
class Deduplicator {

  static final int MAX_CANDIDATES = 50;

  private final DedupeKeyStore dedupeKeys;
  private final ClusteringLog clusteringLog;
  private final ClusterStore clusters;

  Deduplicator(DedupeKeyStore dedupeKeys, ClusteringLog clusteringLog, ClusterStore clusters) {
    this.dedupeKeys = dedupeKeys;
    this.clusteringLog = clusteringLog;
    this.clusters = clusters;
  }

  /** A just-stored (or just-changed) entry to cluster. */
  record NewEntry(long entryId, CleanedEntry cleaned, String link) {}

  /**
   * What a poll's changing entries were, read before their new words are stored: {@code bodiless}
   * names (by identity) those that a new version may let meet their copies: alone in their
   * cluster, with no body to compare (a headline, a teaser too short to judge by its words). One an
   * admin split out, with a body or not, stays out: a publisher's edit must not undo the admin's
   * decision. {@code told} holds, by identity, the story each of the others with a body told
   * (alone, by its opening: the first 600 characters ClusterStore reads), so that a rewrite as
   * another story is told from an edit ({@link #assign}).
   */
  record Before(Set<String> bodiless, Map<String, Told> told) {}

  /** The story an entry told before its change, and whether it told it alone. */
  record Told(Fingerprint print, boolean alone) {}

  /** The {@link Before} of a source's entries with these identities. One query, and only when a poll changes entries. */
  Before beforeChange(long sourceId, List<String> identityKeys) {
    Set<String> bodiless = new HashSet<>();
    Map<String, Told> told = new HashMap<>();
    clusters.beforeChange(sourceId, identityKeys).forEach((key, before) -> {
      Fingerprint print = fingerprint(before.title(), before.coreText(), before.link());
      if (!print.hasBody()) {
        if (before.alone()) {
          bodiless.add(key);
        }
      } else {
        told.put(key, new Told(print, before.alone()));
      }
    });
    return new Before(bodiless, told);
  }

  /** Clusters a batch of new entries, all of source {@code sourceId} (see below). */
  void assign(long sourceId, List<NewEntry> batch) {
    assign(sourceId, batch, List.of(), List.of(), Map.of());
  }

  /**
   * Clusters a batch of new entries ({@code fresh}), all of source {@code sourceId}, and keys its
   * changed entries again: those that {@link Before#bodiless} named ({@code bodiless}) and those
   * of the others ({@code changed}) that were alone and now tell another story than the one they
   * told ({@code told}, by entry id) are judged like new ones and join a cluster only while still
   * alone; the rest just get the keys of their new words, so that later copies find them by what
   * they say now (an edited headline, a body added), those that share a story have its canonical
   * entry chosen again (a publisher's edit may move its date), and those of them that now tell
   * another story leave it when they match no other entry there. The entries of a batch share a source, so none is a
   * candidate of another. Copies ingested at the same time (by this instance or another) must
   * still meet, so clustering is serialized by a database-wide lock held
   * to commit; to keep that section short, almost everything happens before it:
   *
   * <ol>
   *   <li>fingerprints and keys are computed;
   *   <li>the clustering log's newest epoch is read, then the batch's keys are stored and its
   *       candidates looked up in one statement ({@link DedupeKeyStore#indexAndFindCandidates}),
   *       which does not see the keys it stores, and judged. Another transaction sees the keys
   *       once this one commits, and by then it waits for the lock this one holds;
   *   <li>under the lock, the batch is logged with its keys, and in the same statement the
   *       batches logged since that epoch (committed meanwhile) are read: only the entries of
   *       those that share a key with this one are looked at again (most share none, and need no
   *       second lookup), the chosen candidates' clusters are read fresh (an admin may have merged
   *       or split them), clusters holding an entry of this source barred, the batch's closest
   *       pairs joined first and the joins written.
   * </ol>
   */
  void assign(long sourceId, List<NewEntry> fresh, List<NewEntry> bodiless, List<NewEntry> changed, Map<Long, Told> told) {
    List<NewEntry> rejudged = new ArrayList<>(bodiless);
    List<NewEntry> rekeyed = new ArrayList<>(changed.size());
    List<List<Long>> newKeys = new ArrayList<>(changed.size());
    Map<Long, Fingerprint> rewritten = new LinkedHashMap<>();
    for (NewEntry e : changed) {
      Fingerprint print = fingerprint(e.cleaned().title(), e.cleaned().coreText(), e.link());
      // A body that is not the story it told (as a copy of its own words would be judged) is
      // another story: a desk's holding text replaced by the story, its fixed slot given today's
      // lead, a wrong body pasted and replaced. Alone, it is judged again like a new one; in a
      // story, it leaves when it matches no other entry there.
      Told before = told.get(e.entryId());
      if (before != null && print.hasBody() && DuplicateJudge.score(before.print(), print) < 0) {
        if (!before.alone()) {
          rewritten.put(e.entryId(), print);
        }
        rejudged.add(e);
        continue;
      }
      rekeyed.add(e);
      newKeys.add(CandidateKeys.of(print));
    }
    // Judged again like new ones: their keys are stored with the batch's, after its lookup.
    dedupeKeys.unindex(rejudged.stream().map(NewEntry::entryId).toList());
    dedupeKeys.rekey(rekeyed.stream().map(NewEntry::entryId).toList(), newKeys);
    List<NewEntry> batch = new ArrayList<>(fresh);
    batch.addAll(rejudged);
    // A changed entry that shares its story may have a new date: which copy was published first is
    // decided again. Only those not alone, so a poll of edits to lone entries takes no lock.
    List<Long> rekeyedIds = rekeyed.stream().map(NewEntry::entryId).toList();
    List<Long> shared = new ArrayList<>(rekeyedIds);
    shared.removeAll(clusters.alone(rekeyedIds));
    if (batch.isEmpty()) {
      if (!shared.isEmpty()) {
        clusteringLog.lockForClustering();
        clusters.electAgain(shared);
      }
      return;
    }
    List<Long> ids = new ArrayList<>(batch.size());
    List<Fingerprint> prints = new ArrayList<>(batch.size());
    List<List<Long>> keys = new ArrayList<>(batch.size());
    for (NewEntry e : batch) {
      Fingerprint print = fingerprint(e.cleaned().title(), e.cleaned().coreText(), e.link());
      ids.add(e.entryId());
      prints.add(print);
      keys.add(CandidateKeys.of(print));
    }
    long epoch = clusteringLog.clusteringEpoch();
    List<List<Match>> matches = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      matches.add(new ArrayList<>());
    }
    judge(prints, ids, dedupeKeys.indexAndFindCandidates(sourceId, ids, keys, MAX_CANDIDATES), matches);

    clusteringLog.lockForClustering();
    List<Long> meanwhile = clusteringLog.logClustered(epoch, ids, keys);
    if (!meanwhile.isEmpty()) {
      judge(prints, ids, dedupeKeys.candidates(sourceId, ids, keys, MAX_CANDIDATES, meanwhile), matches);
    }
    // Rewritten ones that tell another story than their cluster's leave it first, so that, alone,
    // they may join the story they tell now; the others stay, as changed entries not alone do.
    leaveIfRewritten(rewritten);
    Set<Long> chosen = new HashSet<>();
    matches.forEach(m -> m.forEach(c -> chosen.add(c.entryId())));
    Map<Long, Long> clusterOf = clusters.currentClusters(List.copyOf(chosen));
    // Entries of one source are never clustered with each other: not by a copy of one of them
    // from another source either. A cluster that holds an entry of this source, or that an earlier
    // entry of the batch joins, is barred; the best match in another cluster is taken instead.
    Set<Long> barred = clusters.clustersHolding(sourceId, List.copyOf(new HashSet<>(clusterOf.values())));
    // A changed entry another copy joined meanwhile (or an admin merged) has its story already.
    List<Long> matchedChanged = new ArrayList<>();
    for (int i = fresh.size(); i < batch.size(); i++) {
      if (!matches.get(i).isEmpty()) {
        matchedChanged.add(ids.get(i));
      }
    }
    Set<Long> alone = clusters.alone(matchedChanged);
    List<Option> options = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      if (i >= fresh.size() && !alone.contains(ids.get(i))) {
        continue;
      }
      for (Match m : matches.get(i)) {
        Long cluster = clusterOf.get(m.entryId());
        if (cluster != null && !barred.contains(cluster)) {
          options.add(new Option(i, cluster, m.score()));
        }
      }
    }
    // Best pairs first, over the whole batch: of two entries of this source that both match a
    // story (a daily report in fixed wording, copied day by day elsewhere), the closer copy takes
    // it and the other the next best. In feed order, the first took the story it matched less well
    // and left the other a wrong one. Ties go to the entry earlier in the feed.
    options.sort(Comparator.comparingDouble(Option::score).reversed().thenComparingInt(Option::index));
    Map<Long, Long> joins = new LinkedHashMap<>();
    for (Option o : options) {
      long id = ids.get(o.index());
      if (!joins.containsKey(id) && !barred.contains(o.cluster())) {
        joins.put(id, o.cluster());
        barred.add(o.cluster());
      }
    }
    clusters.join(joins);
    // Rewritten ones that stayed may have a new date too.
    shared.addAll(rewritten.keySet());
    clusters.electAgain(shared);
  }

  /**
   * Takes each of these rewritten entries (by id, with the fingerprint of its new words) out of its
   * cluster when it no longer matches any other entry there, read now (at most {@link
   * #MAX_CANDIDATES} of them): kept in, a canonical one went on standing for a story it no longer
   * tells, and the copies of that story were shown by nothing. Call under the clustering lock.
   */
  private void leaveIfRewritten(Map<Long, Fingerprint> rewritten) {
    if (rewritten.isEmpty()) {
      return;
    }
    Map<Long, List<DedupeKeyStore.Candidate>> members = clusters.otherMembers(List.copyOf(rewritten.keySet()), MAX_CANDIDATES);
    rewritten.forEach((id, print) -> {
      boolean matches = false;
      for (DedupeKeyStore.Candidate c : members.getOrDefault(id, List.of())) {
        if (DuplicateJudge.score(print, fingerprint(c.title(), c.coreText(), c.link())) >= 0) {
          matches = true;
          break;
        }
      }
      if (!matches && members.containsKey(id)) {
        clusters.leave(id);
      }
    });
  }

  /** A candidate entry that one new entry duplicates, and how closely. */
  private record Match(long entryId, double score) {}

  /** That batch entry {@code index} could join {@code cluster}, by a match there of this score. */
  private record Option(int index, long cluster, double score) {}

  private static void judge(List<Fingerprint> prints, List<Long> ids, Map<Long, List<DedupeKeyStore.Candidate>> found,
      List<List<Match>> matches) {
    for (int i = 0; i < ids.size(); i++) {
      for (DedupeKeyStore.Candidate c : found.getOrDefault(ids.get(i), List.of())) {
        double score = DuplicateJudge.score(prints.get(i), fingerprint(c.title(), c.coreText(), c.link()));
        if (score >= 0) {
          matches.get(i).add(new Match(c.entryId(), score));
        }
      }
    }
  }

  /** The candidate keys of an entry (what {@link #assign} indexes), for measuring. */
  static List<Long> keysOf(String title, String coreText, String link) {
    return CandidateKeys.of(fingerprint(title, coreText, link));
  }

  private static Fingerprint fingerprint(String title, String coreText, String link) {
    return Fingerprint.of(TextNormalizer.normalize(title), coreText, link == null ? null : LinkCanonicalizer.canonical(link));
  }
}
