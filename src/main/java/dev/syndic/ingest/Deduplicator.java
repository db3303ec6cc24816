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
   * Clusters a batch of new entries (all of one source). The fingerprints and keys (CPU work that
   * needs no database) are computed and the keys stored first; then a transaction-scoped lock is
   * taken, so that batches ingested at the same time (by this instance or another) see each
   * other's committed entries and keys, and copies arriving together still meet. Under the lock,
   * held to commit, only the lookup (one query for the whole batch) and the joins (two
   * statements) run. The entries of the batch share a source, so none is a candidate of another:
   * looking them all up at once finds what looking them up one by one would.
   */
  void assign(List<NewEntry> batch) {
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
    // Another transaction sees these keys only once this one commits, and by then it waits for
    // the lock this one holds: storing them before taking the lock loses no meeting.
    clusters.index(ids, keys);
    clusters.lockForClustering();
    Map<Long, List<ClusterStore.Candidate>> found = clusters.candidates(ids, keys, MAX_CANDIDATES);
    Map<Long, Long> joins = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      long best = bestCluster(prints.get(i), found.getOrDefault(ids.get(i), List.of()));
      if (best >= 0) {
        joins.put(ids.get(i), best);
      }
    }
    clusters.join(joins);
  }

  /** The cluster of the best-scoring candidate, or -1 when there is none. */
  private static long bestCluster(Fingerprint mine, List<ClusterStore.Candidate> candidates) {
    double best = -1;
    long bestCluster = -1;
    for (ClusterStore.Candidate c : candidates) {
      double score = DuplicateJudge.score(mine, fingerprint(c.title(), c.coreText(), c.link()));
      if (score > best) {
        best = score;
        bestCluster = c.clusterId();
      }
    }
    return bestCluster;
  }

  /** The candidate keys of an entry (what {@link #assign} indexes), for measuring. */
  static List<Long> keysOf(String title, String coreText, String link) {
    return CandidateKeys.of(fingerprint(title, coreText, link));
  }

  private static Fingerprint fingerprint(String title, String coreText, String link) {
    return Fingerprint.of(TextNormalizer.normalize(title), coreText, link == null ? null : LinkCanonicalizer.canonical(link));
  }
}
