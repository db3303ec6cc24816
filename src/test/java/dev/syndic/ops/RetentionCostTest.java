package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Plans;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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
  Plans plans;

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
  void entriesPastTheirAgeAreFoundFromTheOldestReadingABatch() {
    Timestamp before = Timestamp.from(Instant.now().minus(Duration.ofDays(180)));
    Map<?, ?> plan = plans.explain(Retention.TOO_OLD, ps -> {
      ps.setTimestamp(1, before);
      ps.setInt(2, 500);
    });
    assertEquals(500L, Plans.rowsOf(plan, "e", "Actual Rows"));
    long read = Plans.read(plan, "e");
    assertTrue(read <= 600, "read " + read + " entries of " + 2 * PER_SOURCE + " for a batch of 500");
  }

  @Test
  void sourcesWithinTheLimitAreToldByTheirIndexAlone() {
    Map<?, ?> within = plans.explain(Retention.TOO_MANY, bind(PER_SOURCE));
    assertEquals(0L, Plans.read(within, "e"),
        "no entry row is read for sources within the limit");

    Map<?, ?> over = plans.explain(Retention.TOO_MANY, bind(PER_SOURCE - 10));
    assertEquals(20L, Plans.rowsOf(over, null, "Actual Rows"), "10 past the limit in each source");
  }

  private Plans.Binder bind(int maxPerSource) {
    return ps -> {
      ps.setArray(1, ps.getConnection().createArrayOf("bigint", sources));
      ps.setInt(2, maxPerSource);
      ps.setInt(3, maxPerSource);
      ps.setInt(4, 500);
      ps.setInt(5, 500);
    };
  }
}
