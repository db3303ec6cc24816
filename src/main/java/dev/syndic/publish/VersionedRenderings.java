package dev.syndic.publish;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Renderings kept in memory per variant, each with the {@link FeedVersion} it was made at. When
 * the version moves, one caller renders the variant again while the others keep getting the
 * previous rendering until the new one is there: with polling going on the version moves every
 * second or so, and making every request wait behind re-rendering then queued requests for
 * seconds under load. Only a variant's first rendering is waited for (once, by all its callers).
 * Caffeine's own compute is not used for re-rendering because it blocks other keys of the same
 * hash bin for as long as a rendering takes.
 *
 * <p>The renderings kept are bounded by their bytes as well as by their number: the variants
 * of a feed are many ({@code ?limit=} from 1 to 500, per category and format), anyone may ask for
 * them, and 500 variants of 500 long articles held gigabytes.
 *
 * @param <K> the variant (format, category, options, ...), without the version
 * @param <V> the rendering
 */
public final class VersionedRenderings<K, V> {

  private record Made<V>(long version, V value) {}

  private final Cache<K, Made<V>> latest;
  private final ConcurrentMap<K, Boolean> renewing = new ConcurrentHashMap<>();

  /**
   * Keeps at most {@code maximumSize} renderings of at most {@code maximumBytes} together, as
   * {@code bytes} counts them. Caffeine bounds a cache by one measure, so each rendering weighs its
   * bytes but no less than an equal share of the budget: a full cache of small renderings then
   * holds {@code maximumSize} of them, as a cache bounded by their number did.
   */
  public VersionedRenderings(int maximumSize, long maximumBytes, ToIntFunction<V> bytes) {
    // Rounded down, so maximumSize shares fit the budget (rounded up, 64 MiB kept 499 of 500); at
    // least 1, so renderings of no bytes are still counted.
    int share = (int) Math.max(1, Math.min(Integer.MAX_VALUE, maximumBytes / maximumSize));
    this.latest = Caffeine.newBuilder()
        .maximumWeight(maximumBytes)
        .<K, Made<V>>weigher((k, made) -> Math.max(share, bytes.applyAsInt(made.value())))
        .expireAfterAccess(Duration.ofMinutes(30))
        .build();
  }

  /** The bytes held, as the weigher counts them, once pending evictions are done. */
  long held() {
    latest.cleanUp();
    return latest.policy().eviction().orElseThrow().weightedSize().orElseThrow();
  }

  /**
   * The rendering of {@code key} at {@code version} or, while another caller renders that version,
   * the one before; {@code render} runs when this caller has to make it.
   */
  public V get(K key, long version, Function<K, V> render) {
    return get(key, version, (k, previous) -> render.apply(k));
  }

  /**
   * As {@link #get(Object, long, Function)}, with {@code render} also given the rendering it
   * replaces (null for a first one, or after the previous one aged out).
   */
  public V get(K key, long version, BiFunction<K, V, V> render) {
    Made<V> made = latest.getIfPresent(key);
    if (made == null) {
      made = latest.get(key, k -> new Made<>(version, render.apply(k, null)));
    }
    if (made.version() >= version || renewing.putIfAbsent(key, Boolean.TRUE) != null) {
      return made.value();
    }
    try {
      V fresh = render.apply(key, made.value());
      latest.put(key, new Made<>(version, fresh));
      return fresh;
    } finally {
      renewing.remove(key);
    }
  }
}
