package dev.syndic.partner;

import jakarta.inject.Singleton;
import java.util.Optional;

/** Creates partners and rotates their keys; the key is returned once and only its hash is kept. */
@Singleton
public final class PartnerKeys {

  /** A partner with its new key, to show once. */
  public record Issued(Partner partner, String key) {}

  private final PartnerStore store;

  PartnerKeys(PartnerStore store) {
    this.store = store;
  }

  /** The new partner with its key; empty when a partner of that name exists. */
  public Optional<Issued> create(PartnerStore.Settings settings) {
    String[] k = PartnerAuth.newKey();
    return store.create(settings, k[1], k[2]).map(p -> new Issued(p, k[0]));
  }

  /** A new key for the partner; the old one stops working at once. */
  public Optional<Issued> rotate(long id) {
    String[] k = PartnerAuth.newKey();
    return store.rotateKey(id, k[1], k[2]).map(p -> new Issued(p, k[0]));
  }
}
