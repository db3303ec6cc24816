package dev.syndic.category;

import dev.syndic.entry.CategoryAssignments;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.List;

/**
 * What admins teach: single examples ("entry E is / is not in category C"), which hold for that
 * entry and category at once and train the model, and whole category corrections of an entry,
 * which are final for that entry and count as examples for every category.
 */
@Singleton
@Transactional
public class ExampleStore {

  /** What became of a posted example. */
  public enum Outcome { CREATED, UPDATED, NO_ENTRY, NO_CATEGORY }

  private final JdbcOperations jdbc;
  private final CategoryAssignments assignments;

  ExampleStore(JdbcOperations jdbc, CategoryAssignments assignments) {
    this.jdbc = jdbc;
    this.assignments = assignments;
  }

  public Outcome record(long entryId, String slug, boolean positive) {
    if (!exists("SELECT EXISTS (SELECT 1 FROM category WHERE slug = ?)", slug)) {
      return Outcome.NO_CATEGORY;
    }
    // Locked, not only looked up: a deletion of the entry (an admin, retention, its source's) not
    // yet committed made the lookup say yes and the insert below fail on the foreign key, a 500;
    // locked, this waits for that deletion and finds the entry gone.
    if (!lock(entryId)) {
      return Outcome.NO_ENTRY;
    }
    boolean created = jdbc.prepareStatement(
        """
        INSERT INTO category_example (entry_id, category_id, positive)
        SELECT ?, id, ? FROM category WHERE slug = ?
        ON CONFLICT (entry_id, category_id) DO UPDATE SET positive = EXCLUDED.positive, created_at = now()
        RETURNING (xmax = 0)
        """,
        ps -> {
          ps.setLong(1, entryId);
          ps.setBoolean(2, positive);
          ps.setString(3, slug);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
          }
        });
    assignments.setExample(entryId, slug, positive);
    return created ? Outcome.CREATED : Outcome.UPDATED;
  }

  /**
   * Sets an entry's categories as an admin decided; false when there is no such entry. The
   * correction is the admin's whole and latest word on the entry, so the examples posted for it
   * before go: training read them over the correction, and an entry posted as an example of ai and
   * then corrected to business alone went on teaching the model that it is ai. Examples posted
   * after the correction change it, as they change any entry.
   */
  public boolean correct(long entryId, List<String> slugs) {
    if (!lock(entryId)) {
      return false; // as for an example: a deletion under way is waited for, not a foreign-key error
    }
    assignments.setByAdmin(entryId, slugs);
    jdbc.prepareStatement("DELETE FROM category_example WHERE entry_id = ?", ps -> {
      ps.setLong(1, entryId);
      return ps.executeUpdate();
    });
    return true;
  }

  /** Locks the entry for this transaction; false when there is no such entry (or no longer). */
  private boolean lock(long entryId) {
    return jdbc.prepareStatement("SELECT id FROM entry WHERE id = ? FOR UPDATE", ps -> {
      ps.setLong(1, entryId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    });
  }

  private boolean exists(String sql, String value) {
    return jdbc.prepareStatement(sql, ps -> {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    });
  }
}
