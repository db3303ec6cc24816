package dev.syndic.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Looks host names up within a time limit. The system's lookup can be neither interrupted nor
 * given a timeout (a name whose name servers do not answer takes the resolver's attempts times
 * its servers times its timeout, a minute or more), so it runs on one of {@link #THREADS} daemon
 * threads and the fetch waits for it only as long as it may. Fetches of a name whose lookup is
 * still running wait for that lookup, not a new one: a dead domain with hundreds of feeds holds one
 * thread, not hundreds. When every thread is held by a lookup that hangs, other names fail at once
 * until one ends.
 */
final class NameLookups {

  /** Lookups of different names at once, at most. */
  static final int THREADS = 16;

  private static final ThreadPoolExecutor POOL = pool();

  private final AddressGuard.Resolver resolver;
  /** The lookups running, by name; a name leaves when its lookup ends. */
  private final ConcurrentHashMap<String, CompletableFuture<InetAddress[]>> running = new ConcurrentHashMap<>();

  NameLookups(AddressGuard.Resolver resolver) {
    this.resolver = resolver;
  }

  /** A lookup that gave no answer in time, or could not start; the message says which. */
  static final class Unanswered extends Exception {
    Unanswered(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The addresses of {@code host}, waiting at most {@code within} for them.
   *
   * @throws UnknownHostException when the name has no address
   * @throws Unanswered when none came in time, or no lookup could start
   */
  InetAddress[] lookUp(String host, Duration within) throws UnknownHostException, Unanswered {
    CompletableFuture<InetAddress[]> lookup = running.computeIfAbsent(host, this::start);
    try {
      return lookup.get(Math.max(0, within.toNanos()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new Unanswered("no answer from its name servers within " + FeedFetcher.seconds(within));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unanswered("interrupted while looking it up");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownHostException unknown) {
        throw unknown;
      }
      if (e.getCause() instanceof Unanswered unanswered) {
        throw unanswered;
      }
      throw new Unanswered("its lookup failed: " + e.getCause());
    } finally {
      // A lookup that could not start ended before it was kept: it must not stay.
      if (lookup.isDone()) {
        running.remove(host, lookup);
      }
    }
  }

  private CompletableFuture<InetAddress[]> start(String host) {
    CompletableFuture<InetAddress[]> lookup = new CompletableFuture<>();
    try {
      POOL.execute(() -> {
        try {
          lookup.complete(resolver.lookUp(host));
        } catch (Throwable t) {
          lookup.completeExceptionally(t);
        } finally {
          running.remove(host, lookup);
        }
      });
    } catch (RejectedExecutionException e) {
      lookup.completeExceptionally(new Unanswered(THREADS + " lookups of other names are waiting for their name servers"));
    }
    return lookup;
  }

  private static ThreadPoolExecutor pool() {
    // No queue: a lookup starts at once on a free thread or does not start (a queue would keep
    // lookups behind the ones that hang, for fetches that gave up on them long ago).
    return new ThreadPoolExecutor(0, THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "fetch-lookups");
      t.setDaemon(true);
      return t;
    });
  }
}
