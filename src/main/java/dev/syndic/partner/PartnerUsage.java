package dev.syndic.partner;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partner usage (requests, entries served, requests refused over the rate, per partner and day),
 * counted in memory and added to PostgreSQL every {@value #FLUSH} and on shutdown: one statement
 * per partner and day instead of an update of the same row by every request, which under load
 * queued on that row's lock and paid a synchronous commit each. A crash loses at most the last
 * interval's counts; a flush that fails keeps them for the next one.
 */
@Singleton
public class PartnerUsage {

  static final String FLUSH = "5s";

  private static final Logger LOG = LoggerFactory.getLogger(PartnerUsage.class);

  private record Key(long partnerId, LocalDate day) {}

  /** requests, entries, limited; changed only inside the map's atomic compute/remove. */
  private final Map<Key, long[]> pending = new ConcurrentHashMap<>();
  private final PartnerStore store;

  PartnerUsage(PartnerStore store) {
    this.store = store;
  }

  /** Counts one request of a partner, with the entries it was served or whether it was refused. */
  void count(long partnerId, LocalDate day, int entries, boolean limited) {
    pending.compute(new Key(partnerId, day), (k, c) -> {
      long[] counts = c == null ? new long[3] : c;
      counts[0]++;
      counts[1] += entries;
      counts[2] += limited ? 1 : 0;
      return counts;
    });
  }

  /** Writes the counts gathered so far; the usage API calls it first, so this instance's counts show at once. */
  @Scheduled(fixedDelay = FLUSH, initialDelay = FLUSH)
  public void flush() {
    for (Key key : pending.keySet()) {
      long[] counts = pending.remove(key);
      if (counts == null) {
        continue;
      }
      try {
        store.addUsage(key.partnerId(), key.day(), counts[0], counts[1], counts[2]);
      } catch (RuntimeException e) {
        pending.merge(key, counts, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
        LOG.warn("partner usage not written ({}); kept for the next try", e.getMessage());
        return;
      }
    }
  }

  @PreDestroy
  void close() {
    flush();
  }
}
