package dev.syndic.security;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin tokens in force. Their hashes are kept in memory and reloaded every few seconds, so
 * a check never blocks on the database and a token revoked on another instance stops working
 * soon after.
 */
@Singleton
public class AdminTokens {

  private static final Duration RELOAD = Duration.ofSeconds(10);

  private record Snapshot(List<String> hashes, Instant loadedAt) {}

  private final JdbcOperations jdbc;
  private final Clock clock;
  private volatile Snapshot snapshot;

  AdminTokens(JdbcOperations jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** True when the secret is an admin token in force. Compares against every hash, in constant time. */
  public boolean accepts(String secret) {
    String hash = TokenHash.hash(secret);
    boolean match = false;
    for (String h : hashes()) {
      match |= TokenHash.same(h, hash);
    }
    return match;
  }

  /** Stores a token's hash under a name; returns false when that token already exists. */
  @Transactional
  public boolean add(String name, String secret) {
    int added = jdbc.prepareStatement("INSERT INTO admin_token (name, token_hash) VALUES (?, ?) ON CONFLICT (token_hash) DO NOTHING", ps -> {
      ps.setString(1, name);
      ps.setString(2, TokenHash.hash(secret));
      return ps.executeUpdate();
    });
    snapshot = null;
    return added > 0;
  }

  @Transactional
  public boolean anyActive() {
    return !load().isEmpty();
  }

  private List<String> hashes() {
    Snapshot s = snapshot;
    Instant now = clock.instant();
    if (s == null || s.loadedAt().plus(RELOAD).isBefore(now)) {
      s = new Snapshot(load(), now);
      snapshot = s;
    }
    return s.hashes();
  }

  @Transactional(readOnly = true)
  List<String> load() {
    return jdbc.prepareStatement("SELECT token_hash FROM admin_token WHERE revoked_at IS NULL", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
          out.add(rs.getString(1));
        }
        return out;
      }
    });
  }
}
