package dev.syndic.push;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The {@code push_subscription} rows (V68): one per source whose feed names a hub. */
@Singleton
public class PushStore {

  /**
   * A source's subscription as admins see it ({@code GET /api/v1/sources/{id}/push}); the callback
   * key and the secret stay inside.
   *
   * @param state {@code requested} (asked, the hub has not verified it yet), {@code active},
   *     {@code denied} (by the hub) or {@code failed} (the request did not reach the hub, or it refused)
   */
  @Serdeable
  public record Subscription(long sourceId, String hub, String topic, String state, Instant requestedAt, @Nullable Instant verifiedAt,
      @Nullable Instant leaseUntil, @Nullable Instant lastNoticeAt, long notices, @Nullable String lastError, @Nullable Instant missedAt) {}

  /** A subscription with what only Syndic and its hub know. */
  record Held(Subscription subscription, String callbackKey, String secret) {}

  private static final String COLUMNS =
      "source_id, hub, topic, state, requested_at, verified_at, lease_until, last_push_at, pushes, last_error, missed_at, callback_key, secret";

  private final JdbcOperations jdbc;

  PushStore(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(readOnly = true)
  public Optional<Subscription> of(long sourceId) {
    return held(sourceId).map(Held::subscription);
  }

  @Transactional(readOnly = true)
  Optional<Held> held(long sourceId) {
    return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM push_subscription WHERE source_id = ?", ps -> {
      ps.setLong(1, sourceId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.<Held>empty();
      }
    });
  }

  /**
   * Records that the source's subscription is being asked for: a new row, or the same one with its
   * hub and topic as the feed names them now. An active subscription to the same hub and topic
   * stays active while it is renewed; any other starts again as {@code requested}. False when the
   * source is gone.
   */
  @Transactional
  boolean requested(long sourceId, String hub, String topic, String callbackKey, String secret, Instant at) {
    return jdbc.prepareStatement(
        """
        INSERT INTO push_subscription (source_id, hub, topic, callback_key, secret, state, requested_at)
        SELECT id, ?, ?, ?, ?, 'requested', ? FROM source WHERE id = ?
        ON CONFLICT (source_id) DO UPDATE SET hub = EXCLUDED.hub, topic = EXCLUDED.topic, callback_key = EXCLUDED.callback_key,
            secret = EXCLUDED.secret, requested_at = EXCLUDED.requested_at, last_error = NULL,
            state = CASE WHEN push_subscription.state = 'active' AND push_subscription.hub = EXCLUDED.hub
                AND push_subscription.topic = EXCLUDED.topic THEN 'active' ELSE 'requested' END,
            lease_until = CASE WHEN push_subscription.hub = EXCLUDED.hub AND push_subscription.topic = EXCLUDED.topic
                THEN push_subscription.lease_until END,
            verified_at = CASE WHEN push_subscription.hub = EXCLUDED.hub AND push_subscription.topic = EXCLUDED.topic
                THEN push_subscription.verified_at END
        """,
        ps -> {
          ps.setString(1, hub);
          ps.setString(2, topic);
          ps.setString(3, callbackKey);
          ps.setString(4, secret);
          ps.setTimestamp(5, Timestamp.from(at));
          ps.setLong(6, sourceId);
          return ps.executeUpdate() > 0;
        });
  }

  /** The source's feed no longer names a hub: its subscription is dropped. */
  @Transactional
  void forget(long sourceId) {
    jdbc.prepareStatement("DELETE FROM push_subscription WHERE source_id = ?", ps -> {
      ps.setLong(1, sourceId);
      return ps.executeUpdate();
    });
  }

  /** The hub did not take the request: an active subscription keeps its lease (and says why renewing failed). */
  @Transactional
  void failed(long sourceId, String why) {
    update("UPDATE push_subscription SET state = CASE WHEN state = 'active' THEN 'active' ELSE 'failed' END, last_error = ?"
        + " WHERE source_id = ?", why, sourceId);
  }

  /** The hub verified the subscription for {@code lease}. */
  @Transactional
  void verified(long sourceId, Instant at, Duration lease) {
    jdbc.prepareStatement("UPDATE push_subscription SET state = 'active', verified_at = ?, lease_until = ?, last_error = NULL"
        + " WHERE source_id = ?", ps -> {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setTimestamp(2, Timestamp.from(at.plus(lease)));
      ps.setLong(3, sourceId);
      return ps.executeUpdate();
    });
  }

  @Transactional
  void denied(long sourceId, String why) {
    update("UPDATE push_subscription SET state = 'denied', lease_until = NULL, last_error = ? WHERE source_id = ?", why, sourceId);
  }

  /** A notice whose signature did not hold: dropped, and said on the subscription. */
  @Transactional
  void ignored(long sourceId, String why) {
    update("UPDATE push_subscription SET last_error = ? WHERE source_id = ?", why, sourceId);
  }

  /**
   * A signed notice: counted, and the source made due now, or {@code leastGap} after its last poll
   * if that is later (never later than it was due already). A paused or disabled source is not
   * polled for it: the scheduler claims neither.
   */
  @Transactional
  void noticed(long sourceId, Instant at, Duration leastGap) {
    // The source's row before the subscription's, as a source's deletion and a poll's recording take them.
    jdbc.prepareStatement(
        """
        UPDATE source SET next_poll_at = due FROM (
            SELECT id, GREATEST(?::timestamptz, COALESCE(last_polled_at, ?::timestamptz) + ? * interval '1 millisecond') AS due
            FROM source WHERE id = ?) d
        WHERE source.id = d.id AND source.next_poll_at > d.due
        """,
        ps -> {
          ps.setTimestamp(1, Timestamp.from(at));
          ps.setTimestamp(2, Timestamp.from(at));
          ps.setLong(3, leastGap.toMillis());
          ps.setLong(4, sourceId);
          return ps.executeUpdate();
        });
    jdbc.prepareStatement("UPDATE push_subscription SET pushes = pushes + 1, last_push_at = ?, last_error = NULL WHERE source_id = ?", ps -> {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setLong(2, sourceId);
      return ps.executeUpdate();
    });
  }

  private void update(String sql, String text, long sourceId) {
    jdbc.prepareStatement(sql, ps -> {
      ps.setString(1, text);
      ps.setLong(2, sourceId);
      return ps.executeUpdate();
    });
  }

  private static Held map(ResultSet rs) throws SQLException {
    Subscription s = new Subscription(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs.getTimestamp(5)),
        instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), rs.getLong(9), rs.getString(10),
        instant(rs.getTimestamp(11)));
    return new Held(s, rs.getString(12), rs.getString(13));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
