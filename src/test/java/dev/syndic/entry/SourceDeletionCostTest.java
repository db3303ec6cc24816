package dev.syndic.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.SqlArrays;
import dev.syndic.support.Plans;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Deleting a source locks the rows it needs, not every source: at 100,000 sources the lock read
 * the whole table (36 ms of the 48 each deletion took), so unsubscribing thousands of dead feeds
 * one by one cost minutes for nothing.
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.catalogue.import-on-first-start", value = "false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourceDeletionCostTest {

  private static final int OTHERS = 3_000;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  @Inject
  Plans plans;

  @Inject
  ClusterStore clusters;

  @Inject
  EntryRemoval removal;

  private long deleted;
  private long sharing;

  /** Many sources; the one deleted shares a story with one of them. */
  @BeforeAll
  void store() {
    tx.executeWrite(s -> jdbc.prepareStatement(
        "INSERT INTO source (url, next_poll_at) SELECT 'http://deletion-cost.test/' || g, now() FROM generate_series(1, ?) g", ps -> {
          ps.setInt(1, OTHERS);
          return ps.executeUpdate();
        }));
    deleted = one("INSERT INTO source (url, next_poll_at) VALUES ('http://deletion-cost.test/deleted', now()) RETURNING id");
    sharing = one("SELECT min(id) FROM source WHERE url LIKE 'http://deletion-cost.test/%'");
    long original = one("INSERT INTO entry (source_id, identity_key, title, sort_at, first_seen_at, updated_at, content_hash) "
        + "VALUES (" + sharing + ", 'k', 't', now(), now(), now(), 'h') RETURNING id");
    long copy = one("INSERT INTO entry (source_id, identity_key, title, sort_at, first_seen_at, updated_at, content_hash) "
        + "VALUES (" + deleted + ", 'k', 't', now() + interval '1 hour', now(), now(), 'h') RETURNING id");
    tx.executeWrite(s -> {
      clusters.join(Map.of(copy, original));
      return null;
    });
    tx.executeWrite(s -> jdbc.prepareStatement("ANALYZE source", PreparedStatement::execute));
  }

  @Test
  void theLockReadsTheSourceAndThoseItSharesStoriesWithNotEverySource() {
    Map<?, ?> plan = plans.explain(EntryRemoval.LOCK_SOURCES, ps -> {
      ps.setLong(1, deleted);
      ps.setLong(2, deleted);
      ps.setLong(3, deleted);
    });
    long read = Plans.read(plan, "source");
    assertTrue(read <= 2, "read " + read + " rows of " + OTHERS + " sources to lock 2");

    List<Long> locked = tx.executeWrite(s -> jdbc.prepareStatement(EntryRemoval.LOCK_SOURCES, ps -> {
      ps.setLong(1, deleted);
      ps.setLong(2, deleted);
      ps.setLong(3, deleted);
      return SqlArrays.longs(ps.executeQuery());
    }));
    assertEquals(List.of(sharing, deleted), locked, "the source that shares a story, then the one deleted: id order");

    assertTrue(removal.deleteSource(deleted));
    assertEquals(0L, one("SELECT count(*) FROM source WHERE id = " + deleted));
    assertEquals(1L, one("SELECT count(*) FROM entry WHERE source_id = " + sharing + " AND canonical"), "the story stays through its other copy");
  }

  private long one(String sql) {
    return tx.executeWrite(s -> jdbc.prepareStatement(sql, ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }));
  }
}
