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
 *
 * <p>A host is kept only while a slot of it is held or waited for, and a pause until it ends: an
 * instance that polls 100,000 feeds for years keeps what its fetches in flight need, not every
 * name and address it ever met. A slot is taken and freed, and a caller that waits for one
 * counted, inside the map's {@code compute} for its host (the wait itself is outside it, so that
 * it holds no other host up), so a host is never dropped while a slot of it is in use or waited
 * for (a fetch that took a slot of a dropped host would free it in a new one, and the host would
 * get one request too many).
 */
final class HostLimits {

  static final long WAIT_MS = 250;
  /** A host that freed a slot within this long turns its slots over fast: waiting for one is worth it. */
  static final long TURNOVER_MS = 1_000;
  /** The first deferral while a host frees no slot, doubled for each further one, up to {@link #MAX_DEFER}. */
  static final Duration DEFER = Duration.ofSeconds(1);
  static final Duration MAX_DEFER = Duration.ofMinutes(2);

  private static final int ENTERED = 0;
  private static final int WAITS = 1;
  private static final int BUSY = 2;

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
    /** Callers waiting for a slot; changed only inside {@code hosts.compute} for this host. */
    int waiting;

    /** Whether nothing holds or waits for a slot: the host may go (inside its {@code compute}). */
    boolean idle() {
      return waiting == 0 && slots.availablePermits() == perHost;
    }
  }

  HostLimits(int perHost) {
    this.perHost = Math.max(1, perHost);
  }

  /**
   * Takes a slot for the host; waits a moment for one only when the host freed a slot a moment
   * ago (a fast host frees its slots within milliseconds); false when the host stays busy.
   */
  boolean tryEnter(String host) {
    String key = key(host);
    int[] outcome = new int[1];
    Host h = hosts.compute(key, (k, known) -> {
      Host v = known == null ? new Host() : known;
      if (v.slots.tryAcquire()) {
        outcome[0] = ENTERED;
      } else if (System.nanoTime() - v.freedAt < TimeUnit.MILLISECONDS.toNanos(TURNOVER_MS)) {
        // Counted while it waits, so that the host is kept.
        v.waiting++;
        outcome[0] = WAITS;
      } else {
        outcome[0] = BUSY;
      }
      return v;
    });
    if (outcome[0] != WAITS) {
      return outcome[0] == ENTERED;
    }
    boolean entered = false;
    try {
      entered = h.slots.tryAcquire(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    hosts.compute(key, (k, v) -> {
      v.waiting--;
      return v.idle() ? null : v;
    });
    return entered;
  }

  /** Frees a slot {@link #tryEnter} gave; the host goes when no other slot of it is in use. */
  void leave(String host) {
    hosts.computeIfPresent(key(host), (k, h) -> {
      h.freedAt = System.nanoTime();
      h.deferrals.set(0);
      h.slots.release();
      return h.idle() ? null : h;
    });
  }

  /** How many hosts are kept (in use, or waited for). */
  int size() {
    return hosts.size();
  }

  /**
   * How long to defer a source whose host had no slot: {@link #DEFER} for the first deferral since
   * the host last freed a slot, twice as long for each further one, at most {@link #MAX_DEFER}.
   */
  Duration deferral(String host) {
    // A host that freed its slots since is gone: its count starts again.
    Host h = hosts.get(key(host));
    int earlier = h == null ? 0 : Math.min(h.deferrals.getAndIncrement(), 20);
    Duration wait = DEFER.multipliedBy(1L << earlier);
    return wait.compareTo(MAX_DEFER) > 0 ? MAX_DEFER : wait;
  }

  /**
   * Pauses the host until {@code until} (a later pause already set wins); pauses of other hosts
   * that ended by {@code now} go, also those of hosts never asked about again.
   */
  void pause(String host, Instant until, Instant now) {
    paused.values().removeIf(end -> !end.isAfter(now));
    paused.merge(key(host), until, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** How many hosts are kept paused. */
  int pausedSize() {
    return paused.size();
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
