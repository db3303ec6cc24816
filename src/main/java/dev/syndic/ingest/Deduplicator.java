package dev.syndic.ingest;

import dev.syndic.clean.CleanedEntry;
import dev.syndic.clean.LinkCanonicalizer;
import dev.syndic.clean.TextNormalizer;
import dev.syndic.dedupe.CandidateKeys;
import dev.syndic.dedupe.DuplicateJudge;
import dev.syndic.dedupe.Fingerprint;
import dev.syndic.entry.ClusterStore;
import jakarta.inject.Singleton;
import java.util.ArrayList;
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

  private final ClusterStore clusters;

  Deduplicator(ClusterStore clusters) {
    this.clusters = clusters;
  }

  /** A just-stored (or just-changed) entry to cluster. */
  record NewEntry(long entryId, CleanedEntry cleaned, String link) {}

  /**
   * Of a source's stored entries with these identities (about to be changed), those that a new
   * version may let meet their copies: alone in their cluster, with no body to compare (a
   * headline, a teaser too short to judge by its words). An entry with a body that is alone was
   * judged by its words already; one an admin split out, with a body or not, stays out: a
   * publisher's edit must not undo the admin's decision. One query, and only when a poll changes
   * entries.
   */
  Set<String> bodiless(long sourceId, List<String> identityKeys) {
    Set<String> out = new HashSet<>();
    clusters.loneCoreTexts(sourceId, identityKeys).forEach((key, coreText) -> {
      if (!fingerprint("", coreText, null).hasBody()) {
        out.add(key);
      }
    });
    return out;
  }

  /** Clusters a batch of new entries, all of source {@code sourceId} (see below). */
  void assign(long sourceId, List<NewEntry> batch) {
    assign(sourceId, batch, List.of(), List.of());
  }

  /**
   * Clusters a batch of new entries ({@code fresh}), all of source {@code sourceId}, and keys its
   * changed entries again: those that {@link #bodiless} named ({@code rejudged}) are judged like
   * new ones and join a cluster only while still alone, the others ({@code rekeyed}) just get the
   * keys of their new words, so that later copies find them by what they say now (an edited
   * headline, a body added). The entries of a batch share a source, so none is a candidate of
   * another. Copies ingested at the same time (by this
   * instance or another) must still meet, so clustering is serialized by a database-wide lock held
   * to commit; to keep that section short, almost everything happens before it:
   *
   * <ol>
   *   <li>fingerprints and keys are computed, the keys stored (another transaction sees them once
   *       this one commits, and by then it waits for the lock this one holds);
   *   <li>the clustering log's newest epoch is read, then the candidates of the whole batch are
   *       looked up (one query) and judged;
   *   <li>under the lock, only the entries clustered since that epoch (committed meanwhile) are
   *       looked at again, the chosen candidates' clusters are read fresh (an admin may have merged
   *       or split them), the joins written (two statements) and the batch logged.
   * </ol>
   */
  void assign(long sourceId, List<NewEntry> fresh, List<NewEntry> rejudged, List<NewEntry> rekeyed) {
    List<NewEntry> changed = new ArrayList<>(rejudged);
    changed.addAll(rekeyed);
    if (!changed.isEmpty()) {
      clusters.unindex(changed.stream().map(NewEntry::entryId).toList());
      List<List<Long>> keys = new ArrayList<>(rekeyed.size());
      for (NewEntry e : rekeyed) {
        keys.add(CandidateKeys.of(fingerprint(e.cleaned().title(), e.cleaned().coreText(), e.link())));
      }
      clusters.index(rekeyed.stream().map(NewEntry::entryId).toList(), keys);
    }
    List<NewEntry> batch = new ArrayList<>(fresh);
    batch.addAll(rejudged);
    if (batch.isEmpty()) {
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
    clusters.index(ids, keys);
    long epoch = clusters.clusteringEpoch();
    Best[] best = new Best[batch.size()];
    judge(prints, ids, clusters.candidates(sourceId, ids, keys, MAX_CANDIDATES, null), best);

    clusters.lockForClustering();
    List<Long> meanwhile = clusters.clusteredSince(epoch);
    if (!meanwhile.isEmpty()) {
      judge(prints, ids, clusters.candidates(sourceId, ids, keys, MAX_CANDIDATES, meanwhile), best);
    }
    List<Long> chosen = new ArrayList<>();
    for (Best b : best) {
      if (b != null) {
        chosen.add(b.entryId);
      }
    }
    Map<Long, Long> clusterOf = clusters.currentClusters(chosen);
    // A changed entry another copy joined meanwhile (or an admin merged) has its story already.
    List<Long> matchedChanged = new ArrayList<>();
    for (int i = fresh.size(); i < best.length; i++) {
      if (best[i] != null) {
        matchedChanged.add(ids.get(i));
      }
    }
    Set<Long> alone = clusters.alone(matchedChanged);
    Map<Long, Long> joins = new LinkedHashMap<>();
    for (int i = 0; i < best.length; i++) {
      Long cluster = best[i] == null ? null : clusterOf.get(best[i].entryId);
      if (cluster != null && (i < fresh.size() || alone.contains(ids.get(i)))) {
        joins.put(ids.get(i), cluster);
      }
    }
    clusters.join(joins);
    clusters.logClustered(ids);
  }

  /** The best-scoring candidate entry so far of one new entry. */
  private record Best(long entryId, double score) {}

  private static void judge(List<Fingerprint> prints, List<Long> ids, Map<Long, List<ClusterStore.Candidate>> found, Best[] best) {
    for (int i = 0; i < ids.size(); i++) {
      for (ClusterStore.Candidate c : found.getOrDefault(ids.get(i), List.of())) {
        double score = DuplicateJudge.score(prints.get(i), fingerprint(c.title(), c.coreText(), c.link()));
        if (score >= 0 && (best[i] == null || score > best[i].score)) {
          best[i] = new Best(c.entryId(), score);
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
