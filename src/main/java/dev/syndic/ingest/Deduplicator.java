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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /** A just-stored entry to cluster. */
  record NewEntry(long entryId, CleanedEntry cleaned, String link) {}

  /**
   * Clusters a batch of new entries, all of source {@code sourceId}. The entries of a batch share
   * a source, so none is a candidate of another. Copies ingested at the same time (by this
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
  void assign(long sourceId, List<NewEntry> batch) {
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
    Map<Long, Long> joins = new LinkedHashMap<>();
    for (int i = 0; i < best.length; i++) {
      Long cluster = best[i] == null ? null : clusterOf.get(best[i].entryId);
      if (cluster != null) {
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
