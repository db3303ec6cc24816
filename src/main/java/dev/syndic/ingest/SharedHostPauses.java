package dev.syndic.ingest;

import dev.syndic.fetch.HostPauseBoard;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hosts that asked to be left alone (429), shared by every instance through PostgreSQL: an
 * instance posts a pause when it is asked for one, and reads the others' every few seconds
 * ({@link #refresh}), so that N instances polling one host's feeds stop together instead of each
 * earning its own 429. Fetches read the copy in memory, never the database.
 */
@Singleton
public class SharedHostPauses implements HostPauseBoard {

  private static final Logger LOG = LoggerFactory.getLogger(SharedHostPauses.class);

  private final JdbcOperations jdbc;
  private final Clock clock;
  private volatile Map<String, Instant> known = Map.of();
  private final ConcurrentHashMap<String, Instant> posted = new ConcurrentHashMap<>();

  SharedHostPauses(JdbcOperations jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void post(String host, Instant until) {
    String key = key(host);
    posted.merge(key, until, (a, b) -> a.isAfter(b) ? a : b);
    try {
      write(key, until);
    } catch (RuntimeException e) {
      // This instance keeps the pause itself (FeedFetcher); the others learn of it only when it can be written.
      LOG.warn("could not share the pause of {} with other instances: {}", host, e.getMessage());
    }
  }

  @Override
  public Instant pausedUntil(String host, Instant now) {
    Instant until = known.get(key(host));
    return until != null && until.isAfter(now) ? until : null;
  }

  /** Reads every pause still running, this instance's own included, and forgets ended ones. */
  @Scheduled(fixedDelay = "${syndic.poll.host-pause-refresh:5s}", initialDelay = "1s")
  void refresh() {
    try {
      Map<String, Instant> running = read();
      Instant now = clock.instant();
      posted.forEach((host, until) -> {
        if (until.isAfter(now)) {
          running.merge(host, until, (a, b) -> a.isAfter(b) ? a : b);
        } else {
          posted.remove(host, until);
        }
      });
      known = Map.copyOf(running);
    } catch (RuntimeException e) {
      LOG.warn("could not read the hosts other instances paused, will retry: {}", e.getMessage());
    }
  }

  @Transactional
  void write(String host, Instant until) {
    jdbc.prepareStatement(
        "INSERT INTO host_pause (host, until) VALUES (?, ?) ON CONFLICT (host) DO UPDATE SET until = GREATEST(host_pause.until, EXCLUDED.until)",
        ps -> {
          ps.setString(1, host);
          ps.setTimestamp(2, Timestamp.from(until));
          return ps.executeUpdate();
        });
    known = with(known, host, until);
  }

  @Transactional
  Map<String, Instant> read() {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.prepareStatement("DELETE FROM host_pause WHERE until < ?::timestamptz - interval '1 day'", ps -> {
      ps.setTimestamp(1, now);
      return ps.executeUpdate();
    });
    return jdbc.prepareStatement("SELECT host, until FROM host_pause WHERE until > ?", ps -> {
      ps.setTimestamp(1, now);
      try (ResultSet rs = ps.executeQuery()) {
        Map<String, Instant> out = new HashMap<>();
        while (rs.next()) {
          out.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        }
        return out;
      }
    });
  }

  private static Map<String, Instant> with(Map<String, Instant> map, String host, Instant until) {
    Map<String, Instant> copy = new HashMap<>(map);
    copy.merge(host, until, (a, b) -> a.isAfter(b) ? a : b);
    return Map.copyOf(copy);
  }

  private static String key(String host) {
    return host == null ? "" : host.toLowerCase(Locale.ROOT);
  }
}
