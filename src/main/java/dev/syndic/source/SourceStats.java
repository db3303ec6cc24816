package dev.syndic.source;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Counts of what a source produced and how its polls went, in all and over the last day and week. */
@Singleton
public class SourceStats {

  /** Counts over one period. */
  @Serdeable
  public record Counts(long entries, long fetches, long errors, long newEntries, long updatedEntries) {}

  /** A source's statistics; {@code entries} counts entries stored now (deleted ones are gone). */
  @Serdeable
  public record Stats(long sourceId, long entries, long hiddenEntries, long fetches, long errors, @Nullable Instant lastFetchAt,
      @Nullable Instant lastEntryAt, Counts last24h, Counts last7d) {}

  private static final String SQL =
      """
      SELECT
        (SELECT count(*) FROM entry WHERE source_id = ?),
        (SELECT count(*) FROM entry WHERE source_id = ? AND hidden),
        (SELECT count(*) FROM fetch_log WHERE source_id = ?),
        (SELECT count(*) FROM fetch_log WHERE source_id = ? AND outcome = 'error'),
        (SELECT max(started_at) FROM fetch_log WHERE source_id = ?),
        (SELECT max(first_seen_at) FROM entry WHERE source_id = ?)
      """;

  private static final String PERIOD =
      """
      SELECT
        (SELECT count(*) FROM entry WHERE source_id = ? AND first_seen_at >= ?),
        f.fetches, f.errors, f.new_entries, f.updated_entries
      FROM (SELECT count(*) AS fetches, count(*) FILTER (WHERE outcome = 'error') AS errors,
                   coalesce(sum(new_entries), 0) AS new_entries, coalesce(sum(updated_entries), 0) AS updated_entries
            FROM fetch_log WHERE source_id = ? AND started_at >= ?) f
      """;

  private final JdbcOperations jdbc;
  private final Clock clock;

  SourceStats(JdbcOperations jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public Stats of(long sourceId) {
    Instant now = clock.instant();
    Counts day = period(sourceId, now.minus(Duration.ofDays(1)));
    Counts week = period(sourceId, now.minus(Duration.ofDays(7)));
    return jdbc.prepareStatement(SQL, ps -> {
      for (int i = 1; i <= 6; i++) {
        ps.setLong(i, sourceId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Stats(sourceId, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), instant(rs.getTimestamp(5)),
            instant(rs.getTimestamp(6)), day, week);
      }
    });
  }

  private Counts period(long sourceId, Instant since) {
    return jdbc.prepareStatement(PERIOD, ps -> {
      ps.setLong(1, sourceId);
      ps.setTimestamp(2, Timestamp.from(since));
      ps.setLong(3, sourceId);
      ps.setTimestamp(4, Timestamp.from(since));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
      }
    });
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
