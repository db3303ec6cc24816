package dev.syndic.publish;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stored disclaimer templates. Input is checked by the caller; the table's checks back it up.
 * Callers call {@link FeedVersion#refresh()} after a change commits so feeds show it at once.
 */
@Singleton
@Transactional
public class DisclaimerStore {

  private static final String COLUMNS = "id, scope, scope_key, language, variant, template, created_at, updated_at";

  private final JdbcOperations jdbc;

  DisclaimerStore(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(readOnly = true)
  public List<DisclaimerTemplate> all() {
    return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM disclaimer ORDER BY id", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        List<DisclaimerTemplate> out = new ArrayList<>();
        while (rs.next()) {
          out.add(map(rs));
        }
        return out;
      }
    });
  }

  @Transactional(readOnly = true)
  public Optional<DisclaimerTemplate> byId(long id) {
    return all().stream().filter(d -> d.id() == id).findFirst();
  }

  /** Inserts, or empty when a template for the same scope, key, language and variant exists. */
  public Optional<DisclaimerTemplate> create(String scope, String scopeKey, String language, String variant, String template) {
    return jdbc.prepareStatement(
        "INSERT INTO disclaimer (scope, scope_key, language, variant, template) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT ON CONSTRAINT disclaimer_unique DO NOTHING RETURNING " + COLUMNS,
        ps -> {
          ps.setString(1, scope);
          ps.setString(2, scopeKey);
          ps.setString(3, language);
          ps.setString(4, variant);
          ps.setString(5, template);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(map(rs)) : Optional.<DisclaimerTemplate>empty();
          }
        });
  }

  public Optional<DisclaimerTemplate> updateTemplate(long id, String template) {
    return jdbc.prepareStatement(
        "UPDATE disclaimer SET template = ?, updated_at = now() WHERE id = ? RETURNING " + COLUMNS, ps -> {
          ps.setString(1, template);
          ps.setLong(2, id);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(map(rs)) : Optional.<DisclaimerTemplate>empty();
          }
        });
  }

  public boolean delete(long id) {
    return jdbc.prepareStatement("DELETE FROM disclaimer WHERE id = ?", ps -> {
      ps.setLong(1, id);
      return ps.executeUpdate() > 0;
    });
  }

  private static DisclaimerTemplate map(ResultSet rs) throws SQLException {
    return new DisclaimerTemplate(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
        rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant());
  }
}
