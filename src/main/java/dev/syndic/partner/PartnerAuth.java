package dev.syndic.partner;

import dev.syndic.security.BearerHeader;
import dev.syndic.security.TokenHash;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Finds the partner a request's key belongs to: {@code Authorization: Bearer <key>} or {@code
 * ?key=}. Lookups are cached for {@value #CACHE_SECONDS} s (a query per partner request was a
 * third of the partner API's database work under load): a change made through this instance
 * applies at once (a lookup racing the change's commit may keep the old answer, for that time at
 * most), one made through another instance within that time, as for admin tokens.
 */
@Singleton
final class PartnerAuth {

  static final String KEY_PREFIX = "syn_partner_";
  static final int CACHE_SECONDS = 10;

  private final PartnerStore store;
  private final PartnerChanges changes;
  private final Cache<String, Optional<Partner>> byHash =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(CACHE_SECONDS)).build();
  private volatile long seenChanges;

  PartnerAuth(PartnerStore store, PartnerChanges changes) {
    this.store = store;
    this.changes = changes;
  }

  Optional<Partner> partner(HttpRequest<?> request) {
    BearerHeader header = BearerHeader.of(request);
    String key = header.kind() == BearerHeader.Kind.TOKEN ? header.token() : request.getParameters().getFirst("key").orElse("");
    if (key.isEmpty() || key.length() > 200) {
      return Optional.empty();
    }
    long changed = changes.count();
    if (changed != seenChanges) {
      byHash.invalidateAll();
      seenChanges = changed;
    }
    return byHash.get(TokenHash.hash(key), store::byKeyHash);
  }

  /** A new key and what the store keeps of it: the hash and a hint of its first characters. */
  static String[] newKey() {
    String key = TokenHash.newSecret(KEY_PREFIX);
    return new String[] {key, TokenHash.hash(key), key.substring(0, KEY_PREFIX.length() + 4) + "…"};
  }
}
