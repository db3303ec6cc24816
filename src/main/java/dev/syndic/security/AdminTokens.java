package dev.syndic.security;

import dev.syndic.SqlArrays;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The admin tokens in force. Their hashes are kept in memory and reloaded every few seconds, so
 * a check never blocks on the database; a token revoked here stops working at once, one revoked
 * on another instance within {@link #RELOAD}. Only SHA-256 hashes are stored; a secret is shown
 * once, to whoever created it, and never logged.
 */
@Singleton
public class AdminTokens {

  static final Duration RELOAD = Duration.ofSeconds(10);

  /** A token as admins see it: never its secret nor its hash. */
  @Serdeable
  public record Token(long id, String name, Instant createdAt, @Nullable Instant revokedAt) {}

  /** A token just created, with its secret (shown once). */
  public record Created(Token token, String secret) {}

  private record Snapshot(List<String> hashes, Instant loadedAt) {}

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private final Clock clock;
  private final AtomicLong generation = new AtomicLong();
  private volatile Snapshot snapshot;

  AdminTokens(JdbcOperations jdbc, TransactionOperations<Connection> transactions, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
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
    forget();
    return added > 0;
  }

  /**
   * Revokes the tokens stored under {@code name} with another secret, when {@code secret}'s token
   * is in force: a configured token replaced by a new value. Nothing when that token is revoked (a
   * start with a value revoked before, which stays revoked), so a start with an old value cannot
   * retire the one in use. Returns how many were revoked.
   */
  @Transactional
  public int retireOthers(String name, String secret) {
    String hash = TokenHash.hash(secret);
    int revoked = jdbc.prepareStatement("""
        UPDATE admin_token SET revoked_at = ? WHERE name = ? AND token_hash <> ? AND revoked_at IS NULL
          AND EXISTS (SELECT FROM admin_token WHERE token_hash = ? AND revoked_at IS NULL)
        """, ps -> {
          ps.setTimestamp(1, Timestamp.from(clock.instant()));
          ps.setString(2, name);
          ps.setString(3, hash);
          ps.setString(4, hash);
          return ps.executeUpdate();
        });
    forget();
    return revoked;
  }

  /** Creates a token with a fresh 256-bit secret. */
  @Transactional
  public Created create(String name) {
    String secret = TokenHash.newSecret("syn_admin_");
    Token token = jdbc.prepareStatement(
        "INSERT INTO admin_token (name, token_hash) VALUES (?, ?) RETURNING id, name, created_at, revoked_at", ps -> {
          ps.setString(1, name);
          ps.setString(2, TokenHash.hash(secret));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return token(rs);
          }
        });
    forget();
    return new Created(token, secret);
  }

  /** Every token, revoked ones included, oldest first. */
  @Transactional(readOnly = true)
  public List<Token> list() {
    return jdbc.prepareStatement("SELECT id, name, created_at, revoked_at FROM admin_token ORDER BY id", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        List<Token> out = new ArrayList<>();
        while (rs.next()) {
          out.add(token(rs));
        }
        return out;
      }
    });
  }

  /** The outcome of a revocation. */
  public enum Revocation { REVOKED, NOT_FOUND, LAST_TOKEN }

  /**
   * Revokes a token; refused for the last token in force, which would lock every admin out.
   * Effective at once on this instance.
   */
  public Revocation revoke(long id) {
    Revocation outcome = transactions.executeWrite(status -> revokeInTransaction(id));
    // After the commit, so no check can reload the token as still in force.
    forget();
    return outcome;
  }

  private Revocation revokeInTransaction(long id) {
    // Lock the active tokens so two concurrent revocations cannot both leave none.
    List<Long> active = jdbc.prepareStatement("SELECT id FROM admin_token WHERE revoked_at IS NULL ORDER BY id FOR UPDATE", ps -> {
      return SqlArrays.longs(ps.executeQuery());
    });
    if (!active.contains(id)) {
      return Revocation.NOT_FOUND;
    }
    if (active.size() == 1) {
      return Revocation.LAST_TOKEN;
    }
    jdbc.prepareStatement("UPDATE admin_token SET revoked_at = ? WHERE id = ?", ps -> {
      ps.setTimestamp(1, Timestamp.from(clock.instant()));
      ps.setLong(2, id);
      return ps.executeUpdate();
    });
    return Revocation.REVOKED;
  }

  private static Token token(ResultSet rs) throws SQLException {
    Timestamp revoked = rs.getTimestamp("revoked_at");
    return new Token(rs.getLong("id"), rs.getString("name"), rs.getTimestamp("created_at").toInstant(), revoked == null ? null : revoked.toInstant());
  }

  @Transactional
  public boolean anyActive() {
    return !load().isEmpty();
  }

  private List<String> hashes() {
    Snapshot s = snapshot;
    Instant now = clock.instant();
    // A clock stepped back since the load makes it due too: else a revocation made elsewhere waited for the whole step.
    if (s == null || now.isBefore(s.loadedAt()) || s.loadedAt().plus(RELOAD).isBefore(now)) {
      long seen = generation.get();
      s = new Snapshot(load(), now);
      // A revocation during the load may have been read as in force: use it once, keep nothing.
      if (generation.get() == seen) {
        snapshot = s;
      }
    }
    return s.hashes();
  }

  private void forget() {
    generation.incrementAndGet();
    snapshot = null;
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
