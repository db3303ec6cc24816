package dev.syndic.category;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Re-categorizing owed, in PostgreSQL ({@code recategorize_request}, one row): requests are
 * counted, and a run records the count it began at once it ends, so work cut off by a restart, a
 * crash or a failure is still owed. A run is claimed for a lease and renewed per batch; a newer
 * claim (a request on another instance) takes it over, and the older run stops at its next batch.
 */
@Singleton
class RecategorizeRequests {

  /** Work owed: the latest request and its reason. */
  record Owed(long request, String reason) {}

  private final JdbcOperations jdbc;
  private final Clock clock;

  RecategorizeRequests(JdbcOperations jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records a request (in the caller's transaction, if any). */
  @Transactional
  public void request(String reason) {
    jdbc.prepareStatement("UPDATE recategorize_request SET requested = requested + 1, reason = ? WHERE id = 1", ps -> {
      ps.setString(1, reason);
      return ps.executeUpdate();
    });
  }

  /**
   * Claims the owed work for {@code owner}: always when {@code takeOver} (this instance was just
   * asked), otherwise only when nobody's claim lasts; empty when nothing is owed or it is claimed.
   */
  @Transactional
  public Optional<Owed> claim(String owner, Duration lease, boolean takeOver) {
    return jdbc.prepareStatement(
        """
        UPDATE recategorize_request SET claimed_by = ?, claimed_until = ?
        WHERE id = 1 AND requested > completed AND (? OR claimed_until IS NULL OR claimed_until < ? OR claimed_by = ?)
        RETURNING requested, reason
        """,
        ps -> {
          ps.setString(1, owner);
          ps.setTimestamp(2, Timestamp.from(clock.instant().plus(lease)));
          ps.setBoolean(3, takeOver);
          ps.setTimestamp(4, Timestamp.from(clock.instant()));
          ps.setString(5, owner);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Owed(rs.getLong(1), rs.getString(2))) : Optional.<Owed>empty();
          }
        });
  }

  /** Extends {@code owner}'s claim; false when another instance took the work over. */
  @Transactional
  public boolean renew(String owner, Duration lease) {
    return jdbc.prepareStatement("UPDATE recategorize_request SET claimed_until = ? WHERE id = 1 AND claimed_by = ?", ps -> {
      ps.setTimestamp(1, Timestamp.from(clock.instant().plus(lease)));
      ps.setString(2, owner);
      return ps.executeUpdate();
    }) == 1;
  }

  /** Records that a run begun at {@code request} ended, and drops {@code owner}'s claim. */
  @Transactional
  public void complete(String owner, long request) {
    jdbc.prepareStatement(
        "UPDATE recategorize_request SET completed = GREATEST(completed, ?), claimed_by = NULL, claimed_until = NULL WHERE id = 1 AND claimed_by = ?",
        ps -> {
          ps.setLong(1, request);
          ps.setString(2, owner);
          return ps.executeUpdate();
        });
  }

  /** Whether a request has come since the latest run that ended began (any instance's). */
  @Transactional(readOnly = true)
  public boolean owed() {
    return jdbc.prepareStatement("SELECT requested > completed FROM recategorize_request WHERE id = 1", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    });
  }

  /** Drops {@code owner}'s claim (its run failed or stopped), leaving the work owed. */
  @Transactional
  public void release(String owner) {
    jdbc.prepareStatement("UPDATE recategorize_request SET claimed_by = NULL, claimed_until = NULL WHERE id = 1 AND claimed_by = ?", ps -> {
      ps.setString(1, owner);
      return ps.executeUpdate();
    });
  }
}
