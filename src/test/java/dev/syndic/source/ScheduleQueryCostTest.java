package dev.syndic.source;

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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The scheduler's claim and the last successful poll that /health shows read what they answer,
 * not every source: an operator of a hundred thousand sources, some thousands of them paused
 * (410 Gone, or by an admin) long ago, claimed through all the paused ones at every claim (their
 * next poll time stays in the past, first in the claim's order), and a pass over the whole table
 * answered each request to /health.
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.catalogue.import-on-first-start", value = "false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduleQueryCostTest {

  private static final int PAUSED = 5_000;
  private static final int DUE = 40;
  private static final int LATER = 5_000;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  @Inject
  Plans plans;

  @Inject
  SourceSchedule schedule;


  /** Paused sources overdue by days, a few active ones due now, and active ones due later, all polled before. */
  @BeforeAll
  void store() {
    tx.executeWrite(s -> jdbc.prepareStatement(
        """
        INSERT INTO source (url, status, next_poll_at, last_success_at)
        SELECT 'http://schedule-cost.test/' || g,
               CASE WHEN g <= ? THEN 'paused' ELSE 'active' END,
               CASE WHEN g <= ? THEN now() - interval '30 days' + g * interval '1 second'
                    WHEN g <= ? THEN now() - interval '1 minute' ELSE now() + interval '1 hour' END,
               now() - g * interval '1 second'
        FROM generate_series(1, ?) g
        """, ps -> {
          ps.setInt(1, PAUSED);
          ps.setInt(2, PAUSED);
          ps.setInt(3, PAUSED + DUE);
          ps.setInt(4, PAUSED + DUE + LATER);
          return ps.executeUpdate();
        }));
    tx.executeWrite(s -> jdbc.prepareStatement("ANALYZE source", PreparedStatement::execute));
  }

  @Test
  void aClaimReadsTheDueSourcesItTakesNotThePausedOnes() {
    Instant now = Instant.now();
    Map<?, ?> plan = plans.explain(SourceSchedule.CLAIM_DUE, ps -> {
      ps.setString(1, "cost-test");
      ps.setTimestamp(2, Timestamp.from(now.plus(Duration.ofMinutes(5))));
      ps.setTimestamp(3, Timestamp.from(now));
      ps.setTimestamp(4, Timestamp.from(now));
      ps.setInt(5, 20);
    });
    assertEquals(20L, Plans.rowsOf(plan, null, "Actual Rows"), "claimed");
    long dropped = Plans.sum(plan, "Rows Removed by Filter");
    assertEquals(0L, dropped, "sources the claim read and dropped (" + PAUSED + " paused) to take 20");

    List<Source> claimed = schedule.claimDue("cost-test", DUE + 10, Duration.ofMinutes(5));
    assertEquals(DUE, claimed.size(), "every active due source, and no paused one");
    assertTrue(claimed.stream().allMatch(c -> Source.ACTIVE.equals(c.status())));
    schedule.releaseClaims("cost-test");
  }

  @Test
  void theLastSuccessfulPollIsReadFromAnIndexNotFromEverySource() {
    Map<?, ?> plan = plans.explain(SourceSchedule.LAST_SUCCESS, ps -> {});
    long read = Plans.read(plan, "source");
    assertTrue(read <= 2, "read " + read + " rows of " + (PAUSED + DUE + LATER) + " sources for the newest success");
    assertTrue(schedule.lastSuccessfulPoll().orElseThrow().isAfter(Instant.now().minusSeconds(60)));
  }
}
