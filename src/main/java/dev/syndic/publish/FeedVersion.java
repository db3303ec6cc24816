package dev.syndic.publish;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The version of what feeds show, kept in PostgreSQL ({@code feed_version}, bumped by triggers on
 * every committed change of entries, categories, sources' names, disclaimers and related
 * settings). Any instance, whoever made the change, sees it at its next check; checks happen at
 * most every {@link PublishConfig#versionCheck()}, so serving a cached feed costs no query.
 */
@Singleton
public class FeedVersion {

  /** A version and when it was made (the commit that bumped it, by the database's clock). */
  public record Stamp(long number, Instant changedAt) {}

  private record Seen(Stamp stamp, Instant checkedAt) {}

  private final JdbcOperations jdbc;
  private final Clock clock;
  private final PublishConfig config;
  private static final Seen NONE = new Seen(new Stamp(-1, Instant.EPOCH), Instant.EPOCH);

  private volatile Seen seen = NONE;
  private final AtomicBoolean reading = new AtomicBoolean();

  FeedVersion(JdbcOperations jdbc, Clock clock, PublishConfig config) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.config = config;
  }

  /**
   * The current version, read from the database when the last read is older than the check
   * interval. One caller reads while the others keep the version already known, so a busy
   * instance does not send every request to the database when the interval runs out.
   */
  public long current() {
    return stamp().number();
  }

  /** The current version with its time, read as {@link #current()} is. */
  public Stamp stamp() {
    Seen s = seen;
    Instant now = clock.instant();
    boolean known = s.stamp().number() >= 0;
    // Not fresh either when the clock was stepped back since: the feeds froze for the whole step.
    if (known && !now.isBefore(s.checkedAt()) && s.checkedAt().plus(config.versionCheck()).isAfter(now)) {
      return s.stamp();
    }
    boolean mine = reading.compareAndSet(false, true);
    if (!mine && known) {
      return s.stamp();
    }
    try {
      Stamp v = read();
      seen = new Seen(v, now);
      return v;
    } finally {
      if (mine) {
        reading.set(false);
      }
    }
  }

  /** Forgets the last read, so a change made by this instance shows at once. */
  public void refresh() {
    seen = NONE;
  }

  @Transactional(readOnly = true)
  Stamp read() {
    return jdbc.prepareStatement("SELECT version, changed_at FROM feed_version WHERE id = 1", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Stamp(rs.getLong(1), rs.getTimestamp(2).toInstant()) : new Stamp(0, Instant.EPOCH);
      }
    });
  }
}
