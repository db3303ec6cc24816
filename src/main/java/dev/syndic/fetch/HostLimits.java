package dev.syndic.fetch;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * At most a few requests at once per host from this instance, so one slow host holds at most that
 * many poller threads and never delays the sources of other hosts. Never blocks: a caller that
 * finds its host busy is told so and defers the source.
 */
final class HostLimits {

  private final int perHost;
  private final ConcurrentHashMap<String, Semaphore> hosts = new ConcurrentHashMap<>();

  HostLimits(int perHost) {
    this.perHost = Math.max(1, perHost);
  }

  /** Takes a slot for the host; false when the host is busy. */
  boolean tryEnter(String host) {
    return hosts.computeIfAbsent(key(host), h -> new Semaphore(perHost)).tryAcquire();
  }

  void leave(String host) {
    Semaphore s = hosts.get(key(host));
    if (s != null) {
      s.release();
    }
  }

  private static String key(String host) {
    return host == null ? "" : host.toLowerCase(Locale.ROOT);
  }
}
