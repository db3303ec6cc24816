package dev.syndic.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A change of a partner is announced to this instance's key cache when it is made and again once
 * its transaction has ended: a request authenticated in between read the row as it was, and the
 * second announcement drops what it cached (a rotated key would otherwise work for another 10 s).
 */
@MicronautTest(transactional = false)
class PartnerChangesTest {

  @Inject
  PartnerStore store;

  @Inject
  PartnerChanges changes;

  @Inject
  TransactionOperations<Connection> tx;

  @Test
  void aChangeIsAnnouncedAgainOnceItsTransactionHasEnded() {
    PartnerStore.Settings settings = new PartnerStore.Settings("announced", List.of("ai"), 60, false, false, "default", true);
    long id = store.create(settings, "hash-before", "hint").orElseThrow().id();
    long before = changes.count();
    long[] during = new long[1];

    tx.executeWrite(status -> {
      store.rotateKey(id, "hash-after", "hint");
      during[0] = changes.count();
      return null;
    });

    assertEquals(before + 1, during[0], "announced when made");
    assertEquals(before + 2, changes.count(), "and again once committed");
  }
}
