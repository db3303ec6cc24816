package dev.syndic.publish;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Whether a category's public feed carries the related-reading block, and how many entries it lists. */
@Singleton
public class RelatedSettings {

  /** The setting of one category. */
  @Serdeable
  public record Setting(String category, boolean enabled, int size) {}

  static final int DEFAULT_SIZE = 3;

  private record Snapshot(long version, Map<String, Setting> byCategory) {}

  private final JdbcOperations jdbc;
  private final FeedVersion version;
  private volatile Snapshot snapshot;

  RelatedSettings(JdbcOperations jdbc, FeedVersion version) {
    this.jdbc = jdbc;
    this.version = version;
  }

  /**
   * The setting of a category; off when none is stored. Read from a snapshot taken at the current
   * feed version: no connection is borrowed unless the version moved (it is asked per item).
   */
  public Setting of(String category) {
    long v = version.current();
    Snapshot s = snapshot;
    if (s == null || s.version() != v) {
      s = new Snapshot(v, all());
      snapshot = s;
    }
    return Optional.ofNullable(category).map(s.byCategory()::get).orElse(new Setting(category, false, DEFAULT_SIZE));
  }

  @Transactional(readOnly = true)
  public Map<String, Setting> all() {
    return jdbc.prepareStatement("SELECT category_slug, enabled, size FROM related_setting ORDER BY category_slug", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        Map<String, Setting> out = new HashMap<>();
        while (rs.next()) {
          out.put(rs.getString(1), new Setting(rs.getString(1), rs.getBoolean(2), rs.getInt(3)));
        }
        return out;
      }
    });
  }

  /** Stores a category's setting; false when there is no such category. */
  @Transactional
  public boolean put(Setting s) {
    return jdbc.prepareStatement(
        """
        INSERT INTO related_setting (category_slug, enabled, size)
        SELECT slug, ?, ? FROM category WHERE slug = ?
        ON CONFLICT (category_slug) DO UPDATE SET enabled = EXCLUDED.enabled, size = EXCLUDED.size
        """,
        ps -> {
          ps.setBoolean(1, s.enabled());
          ps.setInt(2, s.size());
          ps.setString(3, s.category());
          return ps.executeUpdate() > 0;
        });
  }
}
