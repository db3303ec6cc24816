package dev.syndic.partner;

import dev.syndic.security.TokenHash;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Finds the partner a request's key belongs to: {@code Authorization: Bearer <key>} or {@code ?key=}. */
@Singleton
final class PartnerAuth {

  static final String KEY_PREFIX = "syn_partner_";

  private final PartnerStore store;

  PartnerAuth(PartnerStore store) {
    this.store = store;
  }

  Optional<Partner> partner(HttpRequest<?> request) {
    String key = request.getHeaders().getAuthorization()
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).strip())
        .or(() -> request.getParameters().getFirst("key"))
        .orElse("");
    if (key.isEmpty() || key.length() > 200) {
      return Optional.empty();
    }
    return store.byKeyHash(TokenHash.hash(key));
  }

  /** A new key and what the store keeps of it: the hash and a hint of its first characters. */
  static String[] newKey() {
    String key = TokenHash.newSecret(KEY_PREFIX);
    return new String[] {key, TokenHash.hash(key), key.substring(0, KEY_PREFIX.length() + 4) + "…"};
  }
}
