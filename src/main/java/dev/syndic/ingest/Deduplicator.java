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
import java.util.List;

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
   * Clusters a batch of new entries. Takes a transaction-scoped lock first, so that batches
   * ingested at the same time (by this instance or another) see each other's committed entries
   * and copies arriving together still meet; the lock is held only from here to commit, so the
   * fingerprints and keys (CPU work that needs no database) are computed before taking it.
   */
  void assign(List<NewEntry> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<Fingerprint> prints = new ArrayList<>(batch.size());
    List<List<Long>> keys = new ArrayList<>(batch.size());
    for (NewEntry e : batch) {
      Fingerprint print = fingerprint(e.cleaned().title(), e.cleaned().coreText(), e.link());
      prints.add(print);
      keys.add(CandidateKeys.of(print));
    }
    clusters.lockForClustering();
    for (int i = 0; i < batch.size(); i++) {
      assign(batch.get(i).entryId(), prints.get(i), keys.get(i));
    }
  }

  private void assign(long entryId, Fingerprint mine, List<Long> keys) {
    double best = -1;
    long bestCluster = -1;
    for (ClusterStore.Candidate c : clusters.candidates(keys, entryId, MAX_CANDIDATES)) {
      double score = DuplicateJudge.score(mine, fingerprint(c.title(), c.coreText(), c.link()));
      if (score > best) {
        best = score;
        bestCluster = c.clusterId();
      }
    }
    if (best >= 0) {
      clusters.join(entryId, bestCluster);
    }
    clusters.index(entryId, keys);
  }

  private static Fingerprint fingerprint(String title, String coreText, String link) {
    return Fingerprint.of(TextNormalizer.normalize(title), coreText, link == null ? null : LinkCanonicalizer.canonical(link));
  }
}
