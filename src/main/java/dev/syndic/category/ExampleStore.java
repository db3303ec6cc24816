package dev.syndic.category;

import dev.syndic.entry.CategoryAssignments;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

  /** What became of an example an admin took back. */
  public enum Forgotten { FORGOTTEN, NO_EXAMPLE, NO_CATEGORY }

  /** An example as listed: the entry and its title, which way, when it was posted (or last changed). */
  @Serdeable
  public record Listed(long entryId, String title, boolean positive, Instant createdAt) {}

  private static final String CATEGORY = "SELECT EXISTS (SELECT 1 FROM category WHERE slug = ?)";
  private static final String CATEGORY_HELD = "SELECT EXISTS (SELECT 1 FROM category WHERE slug = ? FOR KEY SHARE)";

  private final JdbcOperations jdbc;
  private final CategoryAssignments assignments;
  private final Recategorizer recategorizer;

  ExampleStore(JdbcOperations jdbc, CategoryAssignments assignments, Recategorizer recategorizer) {
    this.jdbc = jdbc;
    this.assignments = assignments;
    this.recategorizer = recategorizer;
  }

  /**
   * A category's examples, newest entry first, those of entries with an id below {@code before};
   * {@code positive} null lists both kinds. Empty when there is no such category.
   */
  @Transactional(readOnly = true)
  public Optional<List<Listed>> list(String slug, @Nullable Boolean positive, long before, int limit) {
    if (!exists(CATEGORY, slug)) {
      return Optional.empty();
    }
    return Optional.of(jdbc.prepareStatement(
        """
        SELECT ce.entry_id, e.title, ce.positive, ce.created_at
        FROM category_example ce JOIN category c ON c.id = ce.category_id JOIN entry e ON e.id = ce.entry_id
        WHERE c.slug = ? AND ce.entry_id < ? AND (?::boolean IS NULL OR ce.positive = ?::boolean)
        ORDER BY ce.entry_id DESC
        LIMIT ?
        """,
        ps -> {
          ps.setString(1, slug);
          ps.setLong(2, before);
          ps.setObject(3, positive, java.sql.Types.BOOLEAN);
          ps.setObject(4, positive, java.sql.Types.BOOLEAN);
          ps.setInt(5, limit);
          List<Listed> out = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(new Listed(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getTimestamp(4).toInstant()));
            }
          }
          return out;
        }));
  }

  /**
   * Takes an example back: it no longer trains the model (from the next training), and the entry's
   * place in the category goes back to the machine, decided at once by the rules and model in
   * force, as if the example had never been posted. On an entry an admin corrected, the
   * correction stands: its categories stay as they are (a PATCH of the entry changes them).
   */
  public Forgotten forget(long entryId, String slug) {
    // The categories are held first (a deletion of one waits, or came before): its deletion's
    // cascade locks the entry's example and assignments in the opposite order to the statements below.
    holdCategories();
    if (!exists(CATEGORY, slug)) {
      return Forgotten.NO_CATEGORY;
    }
    if (!lock(entryId)) {
      return Forgotten.NO_EXAMPLE;
    }
    int deleted = jdbc.prepareStatement(
        "DELETE FROM category_example WHERE entry_id = ? AND category_id = (SELECT id FROM category WHERE slug = ?)", ps -> {
          ps.setLong(1, entryId);
          ps.setString(2, slug);
          return ps.executeUpdate();
        });
    if (deleted == 0) {
      return Forgotten.NO_EXAMPLE;
    }
    if (!isFinal(entryId)) {
      jdbc.prepareStatement(
          "DELETE FROM entry_category WHERE entry_id = ? AND origin = 'admin' AND category_id = (SELECT id FROM category WHERE slug = ?)", ps -> {
            ps.setLong(1, entryId);
            ps.setString(2, slug);
            return ps.executeUpdate();
          });
      recategorizer.decide(entryId);
    }
    return Forgotten.FORGOTTEN;
  }

  /**
   * Withdraws an admin's correction of an entry: its categories are the machine's again, decided at
   * once by the rules and model in force, save those an example posted since the correction holds
   * (a positive one keeps its category, a negative one keeps it out). False when there is no such
   * entry; an entry no admin corrected is left as it is.
   */
  public boolean withdrawCorrection(long entryId) {
    if (!lock(entryId)) {
      return false;
    }
    if (!isFinal(entryId)) {
      return true;
    }
    holdCategories();
    jdbc.prepareStatement("UPDATE entry SET categories_final = FALSE WHERE id = ?", ps -> {
      ps.setLong(1, entryId);
      return ps.executeUpdate();
    });
    jdbc.prepareStatement(
        """
        DELETE FROM entry_category WHERE entry_id = ? AND origin = 'admin'
          AND category_id NOT IN (SELECT category_id FROM category_example WHERE entry_id = ? AND positive)
        """,
        ps -> {
          ps.setLong(1, entryId);
          ps.setLong(2, entryId);
          return ps.executeUpdate();
        });
    recategorizer.decide(entryId);
    return true;
  }

  public Outcome record(long entryId, String slug, boolean positive) {
    // Held, not only looked up: a deletion of the category not yet committed made the lookup say
    // yes and the insert below fail on the foreign key once it committed, a 500; held, this waits
    // for that deletion and finds the category gone (or the deletion waits, and takes the example).
    if (!exists(CATEGORY_HELD, slug)) {
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

  /**
   * Holds every category until the transaction ends, before the entry's assignments are touched:
   * deciding the entry again takes out its assignment to a category the rules give it and files it
   * there again, whose foreign key waits for a deletion of that category under way, while the
   * deletion's cascade waits for the assignment taken out. The two deadlocked, and the editor's
   * request failed (500); held first, a deletion waits for this transaction, or came before.
   */
  private void holdCategories() {
    jdbc.prepareStatement("SELECT id FROM category ORDER BY id FOR KEY SHARE", ps -> {
      ps.executeQuery().close();
      return null;
    });
  }

  private boolean isFinal(long entryId) {
    return jdbc.prepareStatement("SELECT categories_final FROM entry WHERE id = ?", ps -> {
      ps.setLong(1, entryId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    });
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
