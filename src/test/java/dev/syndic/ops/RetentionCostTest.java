package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Retention finds what to delete through indexes: entries past their age from the oldest, and a
 * source's entries past its newest by a walk of that source's index, reading the rows of sources
 * over the limit only. One statement ranked every entry of every source (a pass over the whole
 * table and a sort of it) for each batch of 500 it deleted.
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.catalogue.import-on-first-start", value = "false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionCostTest {

  private static final int PER_SOURCE = 6_000;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  @Inject
  JsonMapper json;

  private Long[] sources;

  /** Two sources of 6,000 entries, one a day for the newest 400 days and older before. */
  @BeforeAll
  void store() {
    sources = new Long[2];
    tx.executeWrite(s -> {
      for (int i = 0; i < sources.length; i++) {
        sources[i] = jdbc.prepareStatement("INSERT INTO source (url) VALUES ('http://retention-cost.test/" + i + "') RETURNING id", ps -> {
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
        long source = sources[i];
        jdbc.prepareStatement(
            """
            INSERT INTO entry (source_id, identity_key, title, sort_at, first_seen_at, updated_at, content_hash)
            SELECT ?, 'k' || g, 'entry ' || g, now() - g * interval '1 day', now(), now(), 'h' || g FROM generate_series(1, ?) g
            """, ps -> {
              ps.setLong(1, source);
              ps.setInt(2, PER_SOURCE);
              return ps.executeUpdate();
            });
      }
      return null;
    });
    tx.executeWrite(s -> jdbc.prepareStatement("ANALYZE entry", PreparedStatement::execute));
  }

  @Test
  void entriesPastTheirAgeAreFoundFromTheOldestReadingABatch() throws IOException {
    Timestamp before = Timestamp.from(Instant.now().minus(Duration.ofDays(180)));
    Map<?, ?> plan = explain(Retention.TOO_OLD, ps -> {
      ps.setTimestamp(1, before);
      ps.setInt(2, 500);
    });
    assertEquals(500L, rowsOf(plan, "e", "Actual Rows"));
    long read = rowsOf(plan, "e", "Actual Rows") + rowsOf(plan, "e", "Rows Removed by Filter");
    assertTrue(read <= 600, "read " + read + " entries of " + 2 * PER_SOURCE + " for a batch of 500");
  }

  @Test
  void sourcesWithinTheLimitAreToldByTheirIndexAlone() throws IOException {
    Map<?, ?> within = explain(Retention.TOO_MANY, bind(PER_SOURCE));
    assertEquals(0L, rowsOf(within, "e", "Actual Rows") + rowsOf(within, "e", "Rows Removed by Filter"),
        "no entry row is read for sources within the limit");

    Map<?, ?> over = explain(Retention.TOO_MANY, bind(PER_SOURCE - 10));
    assertEquals(20L, rowsOf(over, null, "Actual Rows"), "10 past the limit in each source");
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private Binder bind(int maxPerSource) {
    return ps -> {
      ps.setArray(1, ps.getConnection().createArrayOf("bigint", sources));
      ps.setInt(2, maxPerSource);
      ps.setInt(3, maxPerSource);
      ps.setInt(4, 500);
      ps.setInt(5, 500);
    };
  }

  private Map<?, ?> explain(String sql, Binder binder) throws IOException {
    String plan = tx.executeRead(s -> jdbc.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, ps -> {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }));
    return (Map<?, ?>) json.readValue(plan, Argument.listOf(Map.class)).get(0).get("Plan");
  }

  /**
   * The sum of a count over the plan's nodes on {@code alias} (all loops counted); with a null
   * alias, the count of the plan's top node.
   */
  private static long rowsOf(Map<?, ?> node, String alias, String count) {
    if (alias == null) {
      return ((Number) node.get(count)).longValue();
    }
    long rows = 0;
    if (alias.equals(node.get("Alias")) && node.get(count) instanceof Number n) {
      rows += n.longValue() * ((Number) node.get("Actual Loops")).longValue();
    }
    for (Object child : node.get("Plans") instanceof List<?> plans ? plans : List.of()) {
      rows += rowsOf((Map<?, ?>) child, alias, count);
    }
    return rows;
  }
}
