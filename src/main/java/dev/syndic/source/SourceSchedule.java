package dev.syndic.source;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Claims sources for polling and records how each poll ended. A claim is a lease in PostgreSQL
 * ({@code FOR UPDATE SKIP LOCKED} plus {@code claimed_until}): instances sharing one database
 * never poll a source twice at once, and a claim dies with its instance when the lease runs out.
 */
@Singleton
public class SourceSchedule {

  private static final String CLAIM_DUE =
      """
      UPDATE source SET claimed_by = ?, claimed_until = ?
      WHERE id IN (
        SELECT id FROM source
        WHERE enabled AND status <> 'paused' AND next_poll_at <= ?
          AND (claimed_until IS NULL OR claimed_until < ?)
        ORDER BY next_poll_at
        LIMIT ?
        FOR UPDATE SKIP LOCKED)
      RETURNING *
      """;

  private static final String CLAIM_ONE =
      """
      UPDATE source SET claimed_by = ?, claimed_until = ?
      WHERE id = ? AND (claimed_until IS NULL OR claimed_until < ?)
      RETURNING *
      """;

  private final JdbcOperations jdbc;
  private final FetchRecordRepository history;
  private final Clock clock;

  SourceSchedule(JdbcOperations jdbc, Clock clock, FetchRecordRepository history) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.history = history;
  }

  /** Claims up to {@code limit} due sources for {@code owner}, for at most {@code lease}. */
  @Transactional
  public List<Source> claimDue(String owner, int limit, Duration lease) {
    Instant now = clock.instant();
    return jdbc.prepareStatement(CLAIM_DUE, ps -> {
      ps.setString(1, owner);
      ps.setTimestamp(2, Timestamp.from(now.plus(lease)));
      ps.setTimestamp(3, Timestamp.from(now));
      ps.setTimestamp(4, Timestamp.from(now));
      ps.setInt(5, limit);
      return sources(ps);
    });
  }

  /**
   * Releases every claim {@code owner} holds, so other instances may poll those sources at once
   * instead of waiting for the lease to run out; a poll of ours still running records its result.
   */
  @Transactional
  public int releaseClaims(String owner) {
    return jdbc.prepareStatement("UPDATE source SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?", ps -> {
      ps.setString(1, owner);
      return ps.executeUpdate();
    });
  }

  /** When any source last polled successfully, on any instance; empty if none ever did. */
  @Transactional(readOnly = true)
  public Optional<Instant> lastSuccessfulPoll() {
    return jdbc.prepareStatement("SELECT max(last_success_at) FROM source", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        Timestamp t = rs.getTimestamp(1);
        return Optional.ofNullable(t == null ? null : t.toInstant());
      }
    });
  }

  /** Claims one source whatever its schedule; empty when another poll of it holds a lease. */
  @Transactional
  public Optional<Source> claim(long id, String owner, Duration lease) {
    Instant now = clock.instant();
    return jdbc.prepareStatement(CLAIM_ONE, ps -> {
      ps.setString(1, owner);
      ps.setTimestamp(2, Timestamp.from(now.plus(lease)));
      ps.setLong(3, id);
      ps.setTimestamp(4, Timestamp.from(now));
      return sources(ps).stream().findFirst();
    });
  }

  /** Releases the claim without polling: the source is due again at {@code at}. */
  @Transactional
  public void defer(long id, Instant at) {
    jdbc.prepareStatement("UPDATE source SET claimed_by = NULL, claimed_until = NULL, next_poll_at = ? WHERE id = ?", ps -> {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setLong(2, id);
      return ps.executeUpdate();
    });
  }

  /** How many entries of the source were published (or first seen) since {@code since}. */
  @Transactional
  public int entriesSince(long id, Instant since) {
    return jdbc.prepareStatement("SELECT count(*) FROM entry WHERE source_id = ? AND sort_at >= ?", ps -> {
      ps.setLong(1, id);
      ps.setTimestamp(2, Timestamp.from(since));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  /**
   * Records a finished poll in one transaction (one commit, not three): its fetch history row,
   * then the source's next schedule, computed by {@code update} from the number of entries the
   * source published since {@code countSince} (0 when that is null: the count is only read for
   * the interval of a successful poll), with the claim released.
   */
  @Transactional
  public FetchRecord complete(FetchRecord record, Instant countSince, IntFunction<ScheduleUpdate> update) {
    FetchRecord saved = history.save(record);
    int recent = countSince == null ? 0 : entriesSince(record.sourceId(), countSince);
    finish(record.sourceId(), update.apply(recent));
    return saved;
  }

  /** Records the end of a poll and releases the claim. */
  @Transactional
  public void finish(long id, ScheduleUpdate u) {
    jdbc.prepareStatement(
        """
        UPDATE source SET claimed_by = NULL, claimed_until = NULL,
          last_polled_at = ?, next_poll_at = ?, status = ?, status_reason = ?,
          consecutive_errors = ?, last_error = ?,
          last_success_at = CASE WHEN ? THEN ? ELSE last_success_at END,
          etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),
          body_hash = COALESCE(?, body_hash),
          title = COALESCE(title, ?), site_url = COALESCE(?, site_url),
          updated_at = ?
        WHERE id = ?
        """,
        ps -> {
          Timestamp polled = Timestamp.from(u.polledAt());
          ps.setTimestamp(1, polled);
          ps.setTimestamp(2, Timestamp.from(u.nextPollAt()));
          ps.setString(3, u.status());
          ps.setString(4, u.statusReason());
          ps.setInt(5, u.consecutiveErrors());
          ps.setString(6, u.lastError());
          ps.setBoolean(7, u.success());
          ps.setTimestamp(8, polled);
          ps.setString(9, u.etag());
          ps.setString(10, u.lastModified());
          ps.setString(11, u.bodyHash());
          ps.setString(12, u.title());
          ps.setString(13, u.siteUrl());
          ps.setTimestamp(14, polled);
          ps.setLong(15, id);
          return ps.executeUpdate();
        });
    if (u.newUrl() != null) {
      // A permanent redirect moves the source, unless another source already has that URL.
      jdbc.prepareStatement(
          "UPDATE source SET url = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM source WHERE url = ?)",
          ps -> {
            ps.setString(1, u.newUrl());
            ps.setLong(2, id);
            ps.setString(3, u.newUrl());
            return ps.executeUpdate();
          });
    }
  }

  private List<Source> sources(PreparedStatement ps) throws java.sql.SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return jdbc.entityStream(rs, Source.class).toList();
    }
  }
}
