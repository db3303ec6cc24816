package dev.syndic.source;

import dev.syndic.SqlArrays;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims sources for polling and records how each poll ended. A claim is a lease in PostgreSQL
 * ({@code FOR UPDATE SKIP LOCKED} plus {@code claimed_until}): instances sharing one database
 * never poll a source twice at once, and a claim dies with its instance when the lease runs out.
 */
@Singleton
public class SourceSchedule {

  private static final Logger LOG = LoggerFactory.getLogger(SourceSchedule.class);

  // Read through source_due_idx (V45), which holds only the sources this may take (enabled, not
  // paused): its predicate must stay the index's, or each claim reads every paused source again.
  static final String CLAIM_DUE =
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

  private static final String RENEW = "UPDATE source SET claimed_until = ? WHERE id = ? AND claimed_by = ? AND claimed_until = ? RETURNING *";

  private final JdbcOperations jdbc;
  private final Clock clock;

  SourceSchedule(JdbcOperations jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
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
   * Each released source is due now at the latest: its poll did not end here (finished polls are
   * recorded before), and an admin's poll of a source due later was otherwise dropped unrecorded.
   *
   * @return the ids of the sources released
   */
  @Transactional
  public List<Long> releaseClaims(String owner) {
    return jdbc.prepareStatement("UPDATE source SET claimed_by = NULL, claimed_until = NULL, next_poll_at = LEAST(next_poll_at, ?)"
        + " WHERE claimed_by = ? RETURNING id", ps -> {
      ps.setTimestamp(1, Timestamp.from(clock.instant()));
      ps.setString(2, owner);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    });
  }

  /**
   * How the sources stand, all instances together.
   *
   * @param byState enabled sources by status ({@code active}, {@code error}, {@code paused}) and
   *     {@code disabled} ones
   * @param due sources waiting to be polled: due and claimed by nobody (what {@link #claimDue}
   *     would take)
   * @param oldestDue when the longest-waiting of them fell due, or null when none waits
   */
  public record Standing(Map<String, Long> byState, long due, @Nullable Instant oldestDue) {}

  /** How the sources stand now: one query (a pass over {@code source}). */
  @Transactional(readOnly = true)
  public Standing standing() {
    Instant now = clock.instant();
    return jdbc.prepareStatement(STANDING, ps -> {
      for (int i = 1; i <= 4; i++) {
        ps.setTimestamp(i, Timestamp.from(now));
      }
      try (ResultSet rs = ps.executeQuery()) {
        Map<String, Long> byState = new java.util.TreeMap<>();
        for (String state : List.of(Source.ACTIVE, Source.ERROR, Source.PAUSED, "disabled")) {
          byState.put(state, 0L);
        }
        long due = 0;
        Instant oldest = null;
        while (rs.next()) {
          byState.put(rs.getString(1), rs.getLong(2));
          due += rs.getLong(3);
          Timestamp t = rs.getTimestamp(4);
          if (t != null && (oldest == null || t.toInstant().isBefore(oldest))) {
            oldest = t.toInstant();
          }
        }
        return new Standing(byState, due, oldest);
      }
    });
  }

  // The due predicate is CLAIM_DUE's.
  private static final String STANDING =
      """
      SELECT CASE WHEN enabled THEN status ELSE 'disabled' END AS state, count(*),
             count(*) FILTER (WHERE enabled AND status <> 'paused' AND next_poll_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)),
             min(next_poll_at) FILTER (WHERE enabled AND status <> 'paused' AND next_poll_at <= ? AND (claimed_until IS NULL OR claimed_until < ?))
      FROM source GROUP BY 1
      """;

  // The last entry of source_last_success_idx (V45): /health is public and asked often.
  static final String LAST_SUCCESS = "SELECT max(last_success_at) FROM source";

  /** When any source last polled successfully, on any instance; empty if none ever did. */
  @Transactional(readOnly = true)
  public Optional<Instant> lastSuccessfulPoll() {
    return jdbc.prepareStatement(LAST_SUCCESS, ps -> {
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

  /**
   * Extends a claim this instance still holds as {@code claimed} holds it to {@code lease} from
   * now; empty when the claim was lost (its lease ran out and another poll claimed the source).
   */
  @Transactional
  public Optional<Source> renew(Source claimed, Duration lease) {
    return jdbc.prepareStatement(RENEW, ps -> {
      ps.setTimestamp(1, Timestamp.from(clock.instant().plus(lease)));
      ps.setLong(2, claimed.id());
      ps.setString(3, claimed.claimedBy());
      ps.setTimestamp(4, Timestamp.from(claimed.claimedUntil()));
      return sources(ps).stream().findFirst();
    });
  }

  /**
   * Whether the claim a poll was made under ({@code claimed} as claimed: owner and lease end) still
   * holds; if so the source's row is locked until the caller's transaction ends, so that no other
   * poll claims the source before what this one stores is committed. False once the lease ran out
   * and another poll (or an admin's new address) took the source over.
   */
  @Transactional
  public boolean holdClaim(Source claimed) {
    return jdbc.prepareStatement(
        "SELECT 1 FROM source WHERE id = ? AND claimed_by IS NOT DISTINCT FROM ? AND claimed_until IS NOT DISTINCT FROM ? FOR SHARE", ps -> {
          ps.setLong(1, claimed.id());
          ps.setString(2, claimed.claimedBy());
          ps.setTimestamp(3, claimed.claimedUntil() == null ? null : Timestamp.from(claimed.claimedUntil()));
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
          }
        });
  }

  /**
   * Releases the claim without polling: the source is due again at {@code at}, or at its stored
   * time when that is later (an admin's poll that found the host busy leaves a backoff, a
   * Retry-After or a long ttl as it was).
   */
  @Transactional
  public void defer(long id, Instant at) {
    jdbc.prepareStatement("UPDATE source SET claimed_by = NULL, claimed_until = NULL, next_poll_at = GREATEST(next_poll_at, ?) WHERE id = ?", ps -> {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setLong(2, id);
      return ps.executeUpdate();
    });
  }

  /**
   * A finished poll to record: its history row, the claim it was polled under (as claimed: owner
   * and lease end) and how to compute the source's next schedule.
   */
  public record Completion(FetchRecord record, Source claimed, @Nullable Instant countSince, Function<Recent, ScheduleUpdate> update) {}

  /**
   * What a successful poll's next schedule is computed from, read where the poll is recorded.
   *
   * @param lastWeek the entries the source published (or was first seen with) since the
   *     completion's count start
   * @param pushed the source's WebSub subscription while its hub's notices are relied on (active,
   *     and no poll since the hub's last notice found entries it had not announced); null otherwise
   * @param noticedDuring whether the hub's signed notice came after the poll started: the poll may
   *     have read the feed before the change announced, and the notice could not make the source
   *     due (it was being polled)
   */
  public record Recent(int lastWeek, @Nullable Pushed pushed, boolean noticedDuring) {
    static final Recent NONE = new Recent(0, null);

    public Recent(int lastWeek, @Nullable Pushed pushed) {
      this(lastWeek, pushed, false);
    }
  }

  /** A subscription whose notices are relied on: when the hub last verified it, and its lease's end. */
  public record Pushed(Instant verifiedAt, Instant leaseUntil) {}

  /**
   * Records a finished poll in one transaction: its fetch history row, then the source's next
   * schedule, computed by the completion's {@code update} from the number of entries the source
   * published since {@code countSince} and its relied-on subscription ({@link Recent#NONE} when
   * {@code countSince} is null: they are only read for the interval of a successful poll), with
   * the claim released. Answers the stored history row.
   */
  @Transactional
  public FetchRecord complete(Completion completion) {
    return completeAll(List.of(completion)).get(0);
  }

  /**
   * Records many finished polls, of different sources, as {@link #complete} does for one, in one
   * transaction of three statements whatever their number (and one more per source that moved):
   * a busy poller spends its database time on the polls, not on round trips. A source's schedule
   * is only written while the claim its poll ran under still holds: a poll recorded after its
   * lease ran out (and another poll took the source over) leaves the newer claim alone.
   */
  @Transactional
  public List<FetchRecord> completeAll(List<Completion> batch) {
    // The sources' rows first, as a source's deletion takes them before its subscription's.
    lockInIdOrder(batch.stream().map(c -> c.record().sourceId()).toList());
    missedNotices(batch);
    Map<Long, Recent> recent = recent(batch.stream().filter(c -> c.countSince() != null).toList());
    List<Done> done = new ArrayList<>(batch.size());
    for (Completion c : batch) {
      long id = c.record().sourceId();
      done.add(new Done(id, c.claimed().claimedBy(), c.claimed().claimedUntil(), c.update().apply(recent.getOrDefault(id, Recent.NONE)),
          c.record().newEntries() > 0));
    }
    done = blockedMoves(done);
    List<FetchRecord> saved = insertRecords(batch.stream().map(Completion::record).toList());
    updateSources(done);
    for (Done d : done) {
      if (d.update().newUrl() != null) {
        move(d.id(), d.update().newUrl(), d.update().polledAt());
      }
    }
    return saved;
  }

  private record Done(long id, @Nullable String owner, @Nullable Instant leaseEnd, ScheduleUpdate update, boolean storedNew) {}

  /**
   * Takes the rows of the batch's sources in id order, as an admin's change of many sources does
   * ({@link SourceRepository#changeAll}): the update that follows took them in whatever order its
   * join gave, and a change of many sources made while polls were recorded deadlocked with it (4
   * of 24 such changes at 100,000 sources, each costing a batch of records or the admin's change).
   */
  private void lockInIdOrder(List<Long> ids) {
    jdbc.prepareStatement(LOCK_IN_ID_ORDER, ps -> {
      ps.setArray(1, SqlArrays.column(ps.getConnection(), "bigint", ids, id -> id));
      return SqlArrays.longs(ps.executeQuery());
    });
  }

  static final String LOCK_IN_ID_ORDER = "SELECT id FROM source WHERE id = ANY (?) ORDER BY id FOR NO KEY UPDATE";

  /** The source that has an address a permanent redirect leads another source to. */
  private record Holder(long id, boolean enabled, String status) {}

  /**
   * The polls with every move that cannot be stored dropped, and the reason shown on the source
   * (and logged): a move to an address another source already has (the two poll one feed, and
   * only an admin can tell which to keep), or to one longer than {@link Source#MAX_URL} (what an
   * admin may give; PostgreSQL's unique index on the address takes some 2700 bytes, and a longer
   * one failed this transaction, with the other polls of the batch, at every poll of the source).
   * The source is polled at its own address as before, which redirects there. (A move that loses a
   * race with another source's is still not stored: {@link #move}.)
   */
  private List<Done> blockedMoves(List<Done> done) {
    List<String> targets = done.stream().map(d -> d.update().newUrl()).filter(Objects::nonNull).toList();
    if (targets.isEmpty()) {
      return done;
    }
    Map<String, Holder> holders = jdbc.prepareStatement("SELECT url, id, enabled, status FROM source WHERE url = ANY(?)", ps -> {
      ps.setArray(1, SqlArrays.column(ps.getConnection(), "text", targets, t -> t));
      Map<String, Holder> found = new HashMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.put(rs.getString(1), new Holder(rs.getLong(2), rs.getBoolean(3), rs.getString(4)));
        }
      }
      return found;
    });
    List<Done> checked = new ArrayList<>(done.size());
    for (Done d : done) {
      String target = d.update().newUrl();
      Holder holder = target == null ? null : holders.get(target);
      String why = null;
      if (target != null && target.length() > Source.MAX_URL) {
        why = "the feed moved for good (a permanent redirect) to an address of " + target.length() + " characters, longer than a source's"
            + " address may be (" + Source.MAX_URL + "): it keeps this one and follows the redirect";
        LOG.warn("source_id={} not moved: a permanent redirect leads to an address of {} characters", d.id(), target.length());
      } else if (holder != null && holder.id() != d.id()) {
        why = "the feed moved for good (a permanent redirect) to " + target + ", " + Source.holding(holder.id(), holder.enabled(), holder.status())
            + (Source.polled(holder.enabled(), holder.status())
                ? ": both read the same feed; delete one of them (this one keeps its address and follows the redirect)"
                : ": this one keeps its own and follows the redirect; delete one of the two");
        LOG.warn("source_id={} not moved: a permanent redirect leads to {}, the address of source {}", d.id(), target, holder.id());
      }
      checked.add(why == null ? d : new Done(d.id(), d.owner(), d.leaseEnd(), d.update().notMoved(why), d.storedNew()));
    }
    return checked;
  }

  /**
   * Each source's entries published (or first seen) since its completion's count start, its
   * WebSub subscription where the hub's notices are relied on: active, verified, and no poll
   * since the hub's last notice found entries it had not announced ({@link #missedNotices}), and
   * whether a notice came while the poll ran (read after the source's row is locked: a notice
   * that comes later waits for this transaction, then makes the source due itself).
   */
  private Map<Long, Recent> recent(List<Completion> counted) {
    if (counted.isEmpty()) {
      return Map.of();
    }
    return jdbc.prepareStatement(
        """
        SELECT q.id, (SELECT count(*) FROM entry e WHERE e.source_id = q.id AND e.sort_at >= q.since), p.verified_at, p.lease_until,
            p.state = 'active' AND p.verified_at IS NOT NULL AND p.lease_until IS NOT NULL
                AND (p.missed_at IS NULL OR p.last_push_at > p.missed_at),
            p.last_push_at >= q.started
        FROM unnest(?::bigint[], ?::timestamptz[], ?::timestamptz[]) AS q(id, since, started)
        LEFT JOIN push_subscription p ON p.source_id = q.id
        """,
        ps -> {
          Connection c = ps.getConnection();
          ps.setArray(1, SqlArrays.column(c, "bigint", counted, k -> k.record().sourceId()));
          ps.setArray(2, SqlArrays.column(c, "timestamptz", counted, Completion::countSince));
          ps.setArray(3, SqlArrays.column(c, "timestamptz", counted, k -> k.record().startedAt()));
          Map<Long, Recent> recent = new HashMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              Pushed pushed = rs.getBoolean(5) ? new Pushed(rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()) : null;
              recent.put(rs.getLong(1), new Recent(rs.getInt(2), pushed, rs.getBoolean(6)));
            }
          }
          return recent;
        });
  }

  /**
   * Marks the subscriptions whose hub did not announce what a poll of the batch found: new entries,
   * and no notice since the poll before it. Their polls keep the source's own pace until the hub's
   * next notice. (A poll run between a publication and the hub's notice of it is counted too: the
   * notice that follows makes the hub relied on again.) "Since the poll before" is since it
   * started, as its history row says: a notice that came while it ran announced what this one
   * found (the poll it brought, {@link Recent#noticedDuring}).
   */
  private void missedNotices(List<Completion> batch) {
    List<Completion> found = batch.stream().filter(c -> c.record().newEntries() > 0 && c.claimed().lastPolledAt() != null).toList();
    if (found.isEmpty()) {
      return;
    }
    jdbc.prepareStatement(
        """
        UPDATE push_subscription p SET missed_at = q.started
        FROM unnest(?::bigint[], ?::timestamptz[], ?::timestamptz[]) AS q(id, polled_before, started)
        WHERE p.source_id = q.id AND p.state = 'active' AND (p.last_push_at IS NULL OR p.last_push_at <= COALESCE(
            (SELECT max(f.started_at) FROM fetch_log f WHERE f.source_id = q.id AND f.started_at < q.started), q.polled_before))
        """,
        ps -> {
          Connection c = ps.getConnection();
          ps.setArray(1, SqlArrays.column(c, "bigint", found, k -> k.record().sourceId()));
          ps.setArray(2, SqlArrays.column(c, "timestamptz", found, k -> k.claimed().lastPolledAt()));
          ps.setArray(3, SqlArrays.column(c, "timestamptz", found, k -> k.record().startedAt()));
          return ps.executeUpdate();
        });
  }

  private List<FetchRecord> insertRecords(List<FetchRecord> records) {
    return jdbc.prepareStatement(
        """
        INSERT INTO fetch_log (source_id, started_at, duration_ms, outcome, http_status, bytes,
                               entries_found, new_entries, updated_entries, error, repairs)
        SELECT * FROM unnest(?::bigint[], ?::timestamptz[], ?::bigint[], ?::text[], ?::integer[], ?::bigint[],
                             ?::integer[], ?::integer[], ?::integer[], ?::text[], ?::text[])
        RETURNING id, source_id
        """,
        ps -> {
          Connection c = ps.getConnection();
          ps.setArray(1, SqlArrays.column(c, "bigint", records, FetchRecord::sourceId));
          ps.setArray(2, SqlArrays.column(c, "timestamptz", records, FetchRecord::startedAt));
          ps.setArray(3, SqlArrays.column(c, "bigint", records, FetchRecord::durationMs));
          ps.setArray(4, SqlArrays.column(c, "text", records, FetchRecord::outcome));
          ps.setArray(5, SqlArrays.column(c, "integer", records, FetchRecord::httpStatus));
          ps.setArray(6, SqlArrays.column(c, "bigint", records, FetchRecord::bytes));
          ps.setArray(7, SqlArrays.column(c, "integer", records, FetchRecord::entriesFound));
          ps.setArray(8, SqlArrays.column(c, "integer", records, FetchRecord::newEntries));
          ps.setArray(9, SqlArrays.column(c, "integer", records, FetchRecord::updatedEntries));
          ps.setArray(10, SqlArrays.column(c, "text", records, FetchRecord::error));
          ps.setArray(11, SqlArrays.column(c, "text", records, FetchRecord::repairs));
          // A source is claimed by one poll at a time, so it appears once in a batch.
          Map<Long, Long> ids = new HashMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ids.put(rs.getLong(2), rs.getLong(1));
            }
          }
          return records.stream()
              .map(r -> new FetchRecord(ids.get(r.sourceId()), r.sourceId(), r.startedAt(), r.durationMs(), r.outcome(), r.httpStatus(),
                  r.bytes(), r.entriesFound(), r.newEntries(), r.updatedEntries(), r.error(), r.repairs()))
              .toList();
        });
  }

  /** Records the end of each poll and releases its claim. */
  // A source's title, once set, is an admin's or the feed's and stays; a title that is only the
  // source's URL is a placeholder (an OPML import from a reader that writes one), which the feed's
  // title replaces.
  // A paused source stays paused whatever its poll's outcome (an admin paused it while the poll ran,
  // or polled it by hand to see): only a PATCH resumes it; a 410 pauses any source.
  // The validators sent next are those of the last body received, none when it had none: a server
  // that stopped sending them (a new CMS, a feed moved elsewhere) is not sent the old ones for ever.
  // A poll brings a body hash only when it read a changed body entry by entry (ingest ran):
  // last_read_at is then the poll's time, which tombstone expiry relies on (entry.Tombstones).
  private void updateSources(List<Done> done) {
    jdbc.prepareStatement(
        """
        UPDATE source s SET claimed_by = NULL, claimed_until = NULL,
          last_polled_at = u.polled, next_poll_at = u.next,
          status = CASE WHEN s.status = 'paused' AND u.status <> 'paused' THEN s.status ELSE u.status END,
          status_reason = CASE WHEN s.status = 'paused' AND u.status <> 'paused' THEN s.status_reason ELSE u.reason END,
          consecutive_errors = u.errors, last_error = u.error,
          last_success_at = CASE WHEN u.success THEN u.polled ELSE s.last_success_at END,
          last_body_at = CASE WHEN u.body THEN u.polled ELSE s.last_body_at END,
          last_read_at = CASE WHEN u.hash IS NOT NULL THEN u.polled ELSE s.last_read_at END,
          last_new_entry_at = CASE WHEN u.fresh THEN u.polled ELSE s.last_new_entry_at END,
          etag = CASE WHEN u.body THEN u.etag ELSE s.etag END, last_modified = CASE WHEN u.body THEN u.modified ELSE s.last_modified END,
          body_hash = COALESCE(u.hash, s.body_hash),
          title = CASE WHEN s.title IS NULL OR s.title = s.url THEN COALESCE(u.title, s.title) ELSE s.title END, site_url = COALESCE(u.site, s.site_url),
          feed_ttl_seconds = CASE WHEN u.ttl IS NULL THEN s.feed_ttl_seconds ELSE NULLIF(u.ttl, 0) END,
          updated_at = u.polled
        FROM unnest(?::bigint[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::integer[], ?::text[], ?::boolean[],
                    ?::boolean[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::boolean[],
                    ?::integer[])
          AS u(id, polled, next, status, reason, errors, error, success, body, etag, modified, hash, title, site, owner, lease_end, fresh, ttl)
        WHERE s.id = u.id AND s.claimed_by IS NOT DISTINCT FROM u.owner AND s.claimed_until IS NOT DISTINCT FROM u.lease_end
        """,
        ps -> {
          Connection c = ps.getConnection();
          ps.setArray(1, SqlArrays.column(c, "bigint", done, Done::id));
          ps.setArray(2, SqlArrays.column(c, "timestamptz", done, d -> d.update().polledAt()));
          ps.setArray(3, SqlArrays.column(c, "timestamptz", done, d -> d.update().nextPollAt()));
          ps.setArray(4, SqlArrays.column(c, "text", done, d -> d.update().status()));
          ps.setArray(5, SqlArrays.column(c, "text", done, d -> d.update().statusReason()));
          ps.setArray(6, SqlArrays.column(c, "integer", done, d -> d.update().consecutiveErrors()));
          ps.setArray(7, SqlArrays.column(c, "text", done, d -> d.update().lastError()));
          ps.setArray(8, SqlArrays.column(c, "boolean", done, d -> d.update().success()));
          ps.setArray(9, SqlArrays.column(c, "boolean", done, d -> d.update().bodyReceived()));
          ps.setArray(10, SqlArrays.column(c, "text", done, d -> d.update().etag()));
          ps.setArray(11, SqlArrays.column(c, "text", done, d -> d.update().lastModified()));
          ps.setArray(12, SqlArrays.column(c, "text", done, d -> d.update().bodyHash()));
          ps.setArray(13, SqlArrays.column(c, "text", done, d -> d.update().title()));
          ps.setArray(14, SqlArrays.column(c, "text", done, d -> d.update().siteUrl()));
          ps.setArray(15, SqlArrays.column(c, "text", done, Done::owner));
          ps.setArray(16, SqlArrays.column(c, "timestamptz", done, Done::leaseEnd));
          ps.setArray(17, SqlArrays.column(c, "boolean", done, Done::storedNew));
          ps.setArray(18, SqlArrays.column(c, "integer", done, d -> d.update().feedTtlSeconds()));
          return ps.executeUpdate();
        });
  }

  /**
   * Stores a permanent redirect's address (unless another source already has it), when the poll's end was recorded (the source's last
   * poll is this one): an admin who gave the source a new address meanwhile took the claim away,
   * and their address stands.
   */
  private void move(long id, String newUrl, Instant polledAt) {
    // The poll's end is asked for as updateSources stored it, as text PostgreSQL rounds to
    // microseconds: a JDBC timestamp is rounded by the driver, half up, which for nanoseconds ending
    // in 500 now and then gave the next microsecond, and the move was silently not stored.
    jdbc.prepareStatement(
        "UPDATE source SET url = ? WHERE id = ? AND last_polled_at = ?::timestamptz AND NOT EXISTS (SELECT 1 FROM source WHERE url = ?)", ps -> {
          ps.setString(1, newUrl);
          ps.setLong(2, id);
          ps.setString(3, polledAt.toString());
          ps.setString(4, newUrl);
          return ps.executeUpdate();
        });
  }

  private List<Source> sources(PreparedStatement ps) throws java.sql.SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return jdbc.entityStream(rs, Source.class).toList();
    }
  }
}
