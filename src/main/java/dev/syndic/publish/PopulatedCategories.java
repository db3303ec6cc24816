package dev.syndic.publish;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;

/** The categories that have at least one visible entry, read again when the feed version moves. */
@Singleton
public class PopulatedCategories {

  private record Snapshot(long version, Set<String> slugs) {}

  private final JdbcOperations jdbc;
  private final FeedVersion version;
  private volatile Snapshot snapshot;

  PopulatedCategories(JdbcOperations jdbc, FeedVersion version) {
    this.jdbc = jdbc;
    this.version = version;
  }

  public boolean has(String slug) {
    long v = version.current();
    Snapshot s = snapshot;
    if (s == null || s.version() != v) {
      s = new Snapshot(v, load());
      snapshot = s;
    }
    return s.slugs().contains(slug);
  }

  @Transactional(readOnly = true)
  Set<String> load() {
    return jdbc.prepareStatement(
        """
        SELECT c.slug FROM category c
        WHERE EXISTS (SELECT 1 FROM entry_category ec JOIN entry e ON e.id = ec.entry_id
                      WHERE ec.category_id = c.id AND NOT e.hidden)
        """,
        ps -> {
          try (ResultSet rs = ps.executeQuery()) {
            Set<String> out = new HashSet<>();
            while (rs.next()) {
              out.add(rs.getString(1));
            }
            return out;
          }
        });
  }
}
