package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Removals listed to partners in arrival order (V56) go after {@code syndic.retention.departure-max-age};
 * younger ones stay, however many old ones there are (more than one statement's worth here).
 */
@MicronautTest(transactional = false)
class DeparturePurgeTest {

  @Inject
  Retention retention;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  @Test
  void removalsOlderThanTheirAgeGoAndYoungerOnesStay() {
    int old = Retention.DEPARTURES_PER_STATEMENT + 7;
    sql("INSERT INTO entry_departure (entry_id, item_id, category_ids, departed_at) "
        + "SELECT -g, 'urn:syndic:entry:old', '{}', now() - interval '40 days' FROM generate_series(1, " + old + ") g");
    sql("INSERT INTO entry_departure (entry_id, item_id, category_ids, departed_at) "
        + "SELECT -g, 'urn:syndic:entry:young', '{}', now() - interval '2 days' FROM generate_series(1, 5) g");

    assertEquals(old, retention.purgeDepartures(Duration.ofDays(30)));
    assertEquals(0, count("urn:syndic:entry:old"));
    assertEquals(5, count("urn:syndic:entry:young"));
    assertEquals(0, retention.purgeDepartures(Duration.ofDays(30)), "nothing more to do");
  }

  private void sql(String statement) {
    tx.executeWrite(s -> jdbc.prepareStatement(statement, ps -> ps.executeUpdate()));
  }

  private long count(String itemId) {
    return tx.executeRead(s -> jdbc.prepareStatement("SELECT count(*) FROM entry_departure WHERE item_id = ?", ps -> {
      ps.setString(1, itemId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }));
  }
}
