package dev.syndic.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most a few requests at once per host from this instance, so one slow host holds at most that
 * many poller threads and does not delay the sources of other servers. {@link FeedFetcher} keeps
 * two: one by host name, taken before the name is resolved (a name whose resolution hangs holds
 * only its share of threads), and one by the server's address, so that a provider's many names on
 * one server count as one host; 429 pauses are the name's (a rate limit is the site's). Sites that
 * share an address (a CDN's, a shared host's) share its slots too: a slow one among them puts the
 * others off, which {@code syndic_polls_deferred_total} shows and a larger {@code
 * syndic.fetch.per-host-concurrency} eases. A caller whose
 * host is busy is told so and defers the source: after a short wait for a slot when the host
 * turns its slots over fast (it freed one a moment ago), at once when it does not (a slow or
 * hanging host, for which waiting would only hold a poller thread); and each deferral while the
 * host frees no slot is longer than the last, so a host with hundreds of feeds and no slot to
 * give does not keep the pollers busy deferring them every second.
 *
 * <p>A host that answers 429 Too Many Requests is paused as a whole: its other sources wait too,
 * instead of each earning its own 429 (a rate limit is the host's, not one feed's).
 */
final class HostLimits {

  static final long WAIT_MS = 250;
  /** A host that freed a slot within this long turns its slots over fast: waiting for one is worth it. */
  static final long TURNOVER_MS = 1_000;
  /** The first deferral while a host frees no slot, doubled for each further one, up to {@link #MAX_DEFER}. */
  static final Duration DEFER = Duration.ofSeconds(1);
  static final Duration MAX_DEFER = Duration.ofMinutes(2);

  private final int perHost;
  private final ConcurrentHashMap<String, Host> hosts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Instant> paused = new ConcurrentHashMap<>();

  /** A host's slots, when it last freed one, and how often its sources were deferred since. */
  private final class Host {
    final Semaphore slots = new Semaphore(perHost);
    final AtomicInteger deferrals = new AtomicInteger();
    // A host first seen counts as turning over until it has had a second to free a slot: the
    // first polls of many feeds of one fast host (an import, a restart) wait for its slots
    // rather than be put off, for longer each, before its first answer came back.
    volatile long freedAt = System.nanoTime();
  }

  HostLimits(int perHost) {
    this.perHost = Math.max(1, perHost);
  }

  /**
   * Takes a slot for the host; waits a moment for one only when the host freed a slot a moment
   * ago (a fast host frees its slots within milliseconds); false when the host stays busy.
   */
  boolean tryEnter(String host) {
    Host h = host(host);
    if (h.slots.tryAcquire()) {
      return true;
    }
    if (System.nanoTime() - h.freedAt >= TimeUnit.MILLISECONDS.toNanos(TURNOVER_MS)) {
      return false;
    }
    try {
      return h.slots.tryAcquire(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  void leave(String host) {
    Host h = hosts.get(key(host));
    if (h != null) {
      h.freedAt = System.nanoTime();
      h.deferrals.set(0);
      h.slots.release();
    }
  }

  /**
   * How long to defer a source whose host had no slot: {@link #DEFER} for the first deferral since
   * the host last freed a slot, twice as long for each further one, at most {@link #MAX_DEFER}.
   */
  Duration deferral(String host) {
    int earlier = Math.min(host(host).deferrals.getAndIncrement(), 20);
    Duration wait = DEFER.multipliedBy(1L << earlier);
    return wait.compareTo(MAX_DEFER) > 0 ? MAX_DEFER : wait;
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

  private Host host(String host) {
    return hosts.computeIfAbsent(key(host), h -> new Host());
  }

  private static String key(String host) {
    return host == null ? "" : host.toLowerCase(Locale.ROOT);
  }
}
