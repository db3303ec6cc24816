package dev.syndic.partner;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Partners and their usage in PostgreSQL. Keys arrive here already hashed. */
@Singleton
@Transactional
public class PartnerStore {

  /**
   * Fields of a partner an admin sets.
   *
   * @param categories the grant; null in a change keeps the partner's grant as it is then
   */
  @Serdeable
  public record Settings(String name, @Nullable List<String> categories, int ratePerMinute, boolean fullContent, boolean related,
      String disclaimerVariant, boolean enabled) {}

  /** A grant names what is not, or no longer, an enabled category (deleted or disabled meanwhile, maybe by another instance). */
  public static final class NotACategory extends RuntimeException {
    NotACategory(String slug) {
      super("categories: no enabled category '" + slug + "'");
    }
  }

  /** Requests, entries served and requests refused over the rate, on one day. */
  @Serdeable
  public record Usage(LocalDate day, long requests, long entries, long limited) {}

  private static final String COLUMNS =
      "id, name, categories, rate_per_minute, full_content, related, disclaimer_variant, enabled, key_hint, key_rotated_at, created_at, updated_at";

  private final JdbcOperations jdbc;

  private final PartnerChanges changes;
  private final TransactionOperations<Connection> tx;

  PartnerStore(JdbcOperations jdbc, PartnerChanges changes, TransactionOperations<Connection> tx) {
    this.jdbc = jdbc;
    this.changes = changes;
    this.tx = tx;
  }

  /**
   * Tells this instance's key cache of a change now and again once the transaction has ended: a
   * request authenticated between the two read the row as it was and may have cached the old key
   * (a rotated or deleted partner's), which the second drops.
   */
  private void announceChange() {
    changes.changed();
    tx.findTransactionStatus().ifPresent(status -> status.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCompletion(Status completion) {
        changes.changed();
      }
    }));
  }

  @Transactional(readOnly = true)
  public List<Partner> page(long afterId, int limit) {
    return query("SELECT " + COLUMNS + " FROM partner WHERE id > ? ORDER BY id LIMIT ?", afterId, limit);
  }

  @Transactional(readOnly = true)
  public Optional<Partner> byId(long id) {
    return query("SELECT " + COLUMNS + " FROM partner WHERE id = ?", id).stream().findFirst();
  }

  @Transactional(readOnly = true)
  public Optional<Partner> byName(String name) {
    return query("SELECT " + COLUMNS + " FROM partner WHERE name = ?", name).stream().findFirst();
  }

  /** The enabled partner whose key has this hash. */
  @Transactional(readOnly = true)
  public Optional<Partner> byKeyHash(String hash) {
    return query("SELECT " + COLUMNS + " FROM partner WHERE key_hash = ? AND enabled", hash).stream().findFirst();
  }

  /** The new partner; empty when a partner of that name exists (one created meanwhile included). */
  public Optional<Partner> create(Settings s, String keyHash, String keyHint) {
    holdGrant(s.categories());
    return jdbc.prepareStatement(
        "INSERT INTO partner (name, categories, rate_per_minute, full_content, related, disclaimer_variant, enabled, key_hash, key_hint) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING " + COLUMNS,
        ps -> {
          bind(ps, s);
          ps.setString(8, keyHash);
          ps.setString(9, keyHint);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(map(rs)) : Optional.empty();
          }
        });
  }

  public Optional<Partner> update(long id, Settings s) {
    announceChange();
    // The partner first, then the categories: a category's deletion takes them in this order.
    boolean exists = jdbc.prepareStatement("SELECT 1 FROM partner WHERE id = ? FOR NO KEY UPDATE", ps -> {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    });
    if (!exists) {
      return Optional.empty();
    }
    if (s.categories() != null) {
      holdGrant(s.categories());
    }
    return jdbc.prepareStatement(
        "UPDATE partner SET name = ?, categories = coalesce(?, categories), rate_per_minute = ?, full_content = ?, related = ?, "
            + "disclaimer_variant = ?, enabled = ?, updated_at = now() WHERE id = ? RETURNING " + COLUMNS,
        ps -> {
          bind(ps, s);
          ps.setLong(8, id);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(map(rs)) : Optional.<Partner>empty();
          }
        });
  }

  public Optional<Partner> rotateKey(long id, String keyHash, String keyHint) {
    announceChange();
    return jdbc.prepareStatement(
        "UPDATE partner SET key_hash = ?, key_hint = ?, key_rotated_at = now(), updated_at = now() WHERE id = ? RETURNING " + COLUMNS,
        ps -> {
          ps.setString(1, keyHash);
          ps.setString(2, keyHint);
          ps.setLong(3, id);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(map(rs)) : Optional.<Partner>empty();
          }
        });
  }

  public boolean delete(long id) {
    announceChange();
    return jdbc.prepareStatement("DELETE FROM partner WHERE id = ?", ps -> {
      ps.setLong(1, id);
      return ps.executeUpdate() > 0;
    });
  }

  /**
   * Adds counts to a partner's usage of a day ({@link PartnerUsage} gathers them); nothing for a
   * partner deleted meanwhile.
   */
  public void addUsage(long partnerId, LocalDate day, long requests, long entries, long limited) {
    jdbc.prepareStatement(
        """
        INSERT INTO partner_usage (partner_id, day, requests, entries, limited)
        SELECT id, ?, ?, ?, ? FROM partner WHERE id = ?
        ON CONFLICT (partner_id, day) DO UPDATE SET requests = partner_usage.requests + EXCLUDED.requests,
          entries = partner_usage.entries + EXCLUDED.entries, limited = partner_usage.limited + EXCLUDED.limited
        """,
        ps -> {
          ps.setDate(1, Date.valueOf(day));
          ps.setLong(2, requests);
          ps.setLong(3, entries);
          ps.setLong(4, limited);
          ps.setLong(5, partnerId);
          return ps.executeUpdate();
        });
  }

  @Transactional(readOnly = true)
  public List<Usage> usage(long partnerId, @Nullable LocalDate from) {
    return jdbc.prepareStatement(
        "SELECT day, requests, entries, limited FROM partner_usage WHERE partner_id = ? AND day >= ? ORDER BY day DESC", ps -> {
          ps.setLong(1, partnerId);
          ps.setDate(2, Date.valueOf(from == null ? LocalDate.of(1970, 1, 1) : from));
          try (ResultSet rs = ps.executeQuery()) {
            List<Usage> out = new ArrayList<>();
            while (rs.next()) {
              out.add(new Usage(rs.getDate(1).toLocalDate(), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
            return out;
          }
        });
  }

  /**
   * Holds the grant's categories until the transaction ends, each an enabled category (or {@code
   * all}), or refuses the grant. Checked against this instance's catalogue alone, a grant written
   * just after another instance deleted one of its categories kept the deleted slug, and so granted
   * a category created later under that slug. Held, a deletion under way ends first (the slug is
   * then refused) or waits for this transaction, and its removal of the slug from the grants then
   * finds this one.
   */
  private void holdGrant(List<String> categories) {
    String[] named = categories.stream().filter(c -> !c.equals(Partner.ALL)).distinct().toArray(String[]::new);
    if (named.length == 0) {
      return;
    }
    List<String> held = jdbc.prepareStatement("SELECT slug FROM category WHERE slug = ANY (?) AND enabled ORDER BY id FOR KEY SHARE", ps -> {
      ps.setArray(1, ps.getConnection().createArrayOf("text", named));
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
    for (String slug : named) {
      if (!held.contains(slug)) {
        throw new NotACategory(slug);
      }
    }
  }

  private static void bind(java.sql.PreparedStatement ps, Settings s) throws SQLException {
    ps.setString(1, s.name());
    ps.setArray(2, s.categories() == null ? null : ps.getConnection().createArrayOf("text", s.categories().toArray(String[]::new)));
    ps.setInt(3, s.ratePerMinute());
    ps.setBoolean(4, s.fullContent());
    ps.setBoolean(5, s.related());
    ps.setString(6, s.disclaimerVariant());
    ps.setBoolean(7, s.enabled());
  }

  private List<Partner> query(String sql, Object... args) {
    return jdbc.prepareStatement(sql, ps -> {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<Partner> out = new ArrayList<>();
        while (rs.next()) {
          out.add(map(rs));
        }
        return out;
      }
    });
  }

  private static Partner map(ResultSet rs) throws SQLException {
    Array categories = rs.getArray("categories");
    return new Partner(rs.getLong("id"), rs.getString("name"), Arrays.asList((String[]) categories.getArray()), rs.getInt("rate_per_minute"),
        rs.getBoolean("full_content"), rs.getBoolean("related"), rs.getString("disclaimer_variant"), rs.getBoolean("enabled"),
        rs.getString("key_hint"), rs.getTimestamp("key_rotated_at").toInstant(), rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
