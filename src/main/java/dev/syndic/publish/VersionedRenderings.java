package dev.syndic.publish;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Renderings kept in memory per variant, each with the {@link FeedVersion} it was made at. When
 * the version moves, one caller renders the variant again while the others keep getting the
 * previous rendering until the new one is there: with polling going on the version moves every
 * second or so, and making every request wait behind re-rendering then queued requests for
 * seconds under load. Only a variant's first rendering is waited for (once, by all its callers).
 * Caffeine's own compute is not used for re-rendering because it blocks other keys of the same
 * hash bin for as long as a rendering takes.
 *
 * @param <K> the variant (format, category, options, ...), without the version
 * @param <V> the rendering
 */
public final class VersionedRenderings<K, V> {

  private record Made<V>(long version, V value) {}

  private final Cache<K, Made<V>> latest;
  private final ConcurrentMap<K, Boolean> renewing = new ConcurrentHashMap<>();

  public VersionedRenderings(int maximumSize) {
    this.latest = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterAccess(Duration.ofMinutes(30)).build();
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
