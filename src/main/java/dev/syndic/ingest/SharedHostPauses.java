package dev.syndic.ingest;

import dev.syndic.SqlArrays;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hosts that asked to be left alone (429), shared by every instance through PostgreSQL: an
 * instance notes a pause when it is asked for one, and every few seconds ({@link #refresh}) writes
 * the pauses it noted and reads the others', so that N instances polling one host's feeds stop
 * together (within two refreshes) instead of each earning its own 429. Fetches never wait for the
 * database: they note a pause and read the copy in memory.
 */
@Singleton
public class SharedHostPauses implements HostPauseBoard {

  private static final Logger LOG = LoggerFactory.getLogger(SharedHostPauses.class);

  private final JdbcOperations jdbc;
  private final Clock clock;
  /** The running pauses read at the last refresh, this instance's own included. */
  private volatile Map<String, Instant> known = Map.of();
  /** The pauses this instance was asked for, until they end; written at every refresh. */
  private final ConcurrentHashMap<String, Instant> posted = new ConcurrentHashMap<>();

  SharedHostPauses(JdbcOperations jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void post(String host, Instant until) {
    posted.merge(key(host), until, HostPauseBoard::later);
  }

  @Override
  public Instant pausedUntil(String host, Instant now) {
    String key = key(host);
    Instant until = HostPauseBoard.later(known.get(key), posted.get(key));
    return until != null && until.isAfter(now) ? until : null;
  }

  /**
   * Writes the pauses this instance was asked for that are still running, reads every running
   * pause, and forgets ended ones. A database that cannot be reached costs a warning: the pauses
   * stay noted and are written at a later refresh.
   */
  @Scheduled(fixedDelay = "${syndic.poll.host-pause-refresh:5s}", initialDelay = "1s")
  void refresh() {
    Instant now = clock.instant();
    posted.forEach((host, until) -> {
      if (!until.isAfter(now)) {
        posted.remove(host, until);
      }
    });
    try {
      known = Map.copyOf(exchange(Map.copyOf(posted)));
    } catch (RuntimeException e) {
      LOG.warn("could not share host pauses with other instances, will retry: {}", e.getMessage());
    }
  }

  @Transactional
  Map<String, Instant> exchange(Map<String, Instant> mine) {
    if (!mine.isEmpty()) {
      List<Map.Entry<String, Instant>> pauses = List.copyOf(mine.entrySet());
      jdbc.prepareStatement(
          """
          INSERT INTO host_pause (host, until) SELECT * FROM unnest(?::text[], ?::timestamptz[])
          ON CONFLICT (host) DO UPDATE SET until = GREATEST(host_pause.until, EXCLUDED.until)
          """, ps -> {
            ps.setArray(1, SqlArrays.column(ps.getConnection(), "text", pauses, Map.Entry::getKey));
            ps.setArray(2, SqlArrays.column(ps.getConnection(), "timestamptz", pauses, Map.Entry::getValue));
            return ps.executeUpdate();
          });
    }
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

  private static String key(String host) {
    return host == null ? "" : host.toLowerCase(Locale.ROOT);
  }
}
