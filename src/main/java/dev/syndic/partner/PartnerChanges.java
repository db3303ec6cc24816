package dev.syndic.partner;

import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts changes of partners made through this instance (update, key rotation, delete), so that
 * {@link PartnerAuth} drops its cached keys at once here; other instances see a change when
 * their cache entries expire.
 */
@Singleton
final class PartnerChanges {

  private final AtomicLong count = new AtomicLong();

  void changed() {
    count.incrementAndGet();
  }

  long count() {
    return count.get();
  }
}
