package dev.syndic.fetch;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most a few requests at once per host from this instance, so one slow host holds at most that
 * many poller threads and never delays the sources of other hosts. Waits at most {@link #WAIT_MS}
 * for a slot: a caller whose host stays busy is told so and defers the source.
 *
 * <p>A host that answers 429 Too Many Requests is paused as a whole: its other sources wait too,
 * instead of each earning its own 429 (a rate limit is the host's, not one feed's).
 */
final class HostLimits {

  static final long WAIT_MS = 250;

  private final int perHost;
  private final ConcurrentHashMap<String, Semaphore> hosts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Instant> paused = new ConcurrentHashMap<>();

  HostLimits(int perHost) {
    this.perHost = Math.max(1, perHost);
  }

  /**
   * Takes a slot for the host, waiting a moment for one (a fast host frees its slots within
   * milliseconds); false when the host stays busy, as a slow host does.
   */
  boolean tryEnter(String host) {
    return tryEnter(host, WAIT_MS);
  }

  /** Takes a slot for the host, waiting up to {@code waitMs} for one; false when none came free. */
  boolean tryEnter(String host, long waitMs) {
    try {
      return hosts.computeIfAbsent(key(host), h -> new Semaphore(perHost)).tryAcquire(waitMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  void leave(String host) {
    Semaphore s = hosts.get(key(host));
    if (s != null) {
      s.release();
    }
  }

  /** Pauses the host until {@code until} (a later pause already set wins). */
  void pause(String host, Instant until) {
    paused.merge(key(host), until, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** Until when the host is paused, or null when it is not (an ended pause is forgotten). */
  Instant pausedUntil(String host, Instant now) {
    String key = key(host);
    Instant until = paused.get(key);
    if (until != null && !until.isAfter(now)) {
      paused.remove(key, until);
      return null;
    }
    return until;
  }

  private static String key(String host) {
    return host == null ? "" : host.toLowerCase(Locale.ROOT);
  }
}
