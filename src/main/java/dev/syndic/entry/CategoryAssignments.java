package dev.syndic.entry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An entry's categories. Machine assignments (rule, model, source) are replaced as a whole when
 * the entry is categorized again; an admin's assignments are never touched by the machine: a
 * correction of the whole entry is final for all its categories, and an example posted for one
 * category holds for that category (a positive one assigns it with origin {@code admin}, a
 * negative one removes it and keeps the machine from assigning it again).
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
public class CategoryAssignments {

  /** One category decided for an entry by the machine. */
  public record Decision(String slug, String origin, double score, List<String> evidence) {}

  private final JdbcOperations jdbc;

  CategoryAssignments(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Replaces the machine's categories of many entries in four statements; entries an admin
   * decided are skipped, and so is a category an admin said an entry is not in.
   */
  public void replaceMachineDecisions(Map<Long, List<Decision>> byEntry) {
    if (byEntry.isEmpty()) {
      return;
    }
    // Held to commit: an admin's decision (which updates the entry row) waits for this write or
    // is seen by the check below, never lands between the check and the write (then the
    // machine's categories would join the admin's).
    lockForDeciding(byEntry.keySet());
    Set<Long> decided = new HashSet<>();
    jdbc.prepareStatement(
        """
        SELECT e.id FROM entry e WHERE e.id = ANY (?) AND e.categories_final
        """,
        ps -> {
          ps.setArray(1, ps.getConnection().createArrayOf("bigint", byEntry.keySet().toArray(Long[]::new)));
          try (var rs = ps.executeQuery()) {
            while (rs.next()) {
              decided.add(rs.getLong(1));
            }
          }
          return null;
        });
    Long[] ids = byEntry.keySet().stream().filter(id -> !decided.contains(id)).toArray(Long[]::new);
    jdbc.prepareStatement("DELETE FROM entry_category WHERE entry_id = ANY (?) AND origin <> 'admin'", ps -> {
      ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids));
      return ps.executeUpdate();
    });
    Set<String> refused = new HashSet<>();
    jdbc.prepareStatement(
        "SELECT ce.entry_id, c.slug FROM category_example ce JOIN category c ON c.id = ce.category_id WHERE ce.entry_id = ANY (?) AND NOT ce.positive",
        ps -> {
          ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids));
          try (var rs = ps.executeQuery()) {
            while (rs.next()) {
              refused.add(rs.getLong(1) + ":" + rs.getString(2));
            }
          }
          return null;
        });
    Map<Long, List<Decision>> undecided = new LinkedHashMap<>();
    for (Long id : ids) {
      undecided.put(id, byEntry.get(id).stream().filter(d -> !refused.contains(id + ":" + d.slug())).toList());
    }
    addToNewEntries(undecided);
  }

  /**
   * Locks entries to be categorized again until the caller's transaction ends: a poll changing
   * one, an admin's decision or a deletion then waits for this transaction, or came before, so
   * what the caller reads of them next is what its decisions replace.
   */
  public void lockForDeciding(Collection<Long> ids) {
    jdbc.prepareStatement("SELECT id FROM entry WHERE id = ANY (?) ORDER BY id FOR SHARE", ps -> {
      ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray(Long[]::new)));
      ps.executeQuery().close();
      return null;
    });
  }

  /**
   * Stores the machine's categories of entries created in the caller's transaction, in one
   * statement: nobody (admin or machine) can have categorized them yet, so there is nothing to
   * check or replace.
   */
  public void addToNewEntries(Map<Long, List<Decision>> byEntry) {
    List<Long> ids = new ArrayList<>();
    List<String> slugs = new ArrayList<>();
    List<String> origins = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    byEntry.forEach((id, decisions) -> decisions.forEach(d -> {
      ids.add(id);
      slugs.add(d.slug());
      origins.add(d.origin());
      scores.add(d.score());
      evidence.add(toJson(d.evidence()));
    }));
    if (ids.isEmpty()) {
      return;
    }
    jdbc.prepareStatement(
        """
        INSERT INTO entry_category (entry_id, category_id, origin, score, evidence)
        SELECT d.entry_id, c.id, d.origin, d.score, d.evidence::jsonb
        FROM unnest(?::bigint[], ?::text[], ?::text[], ?::float8[], ?::text[]) AS d(entry_id, slug, origin, score, evidence)
        JOIN category c ON c.slug = d.slug
        ON CONFLICT (entry_id, category_id) DO NOTHING
        """,
        ps -> {
          var c = ps.getConnection();
          ps.setArray(1, c.createArrayOf("bigint", ids.toArray(Long[]::new)));
          ps.setArray(2, c.createArrayOf("text", slugs.toArray(String[]::new)));
          ps.setArray(3, c.createArrayOf("text", origins.toArray(String[]::new)));
          ps.setArray(4, c.createArrayOf("float8", scores.toArray(Double[]::new)));
          ps.setArray(5, c.createArrayOf("text", evidence.toArray(String[]::new)));
          return ps.executeUpdate();
        });
  }

  /**
   * Sets an entry's categories as an admin decided them: final, never changed by the machine
   * again. An empty list means "in no category".
   */
  public void setByAdmin(long entryId, List<String> slugs) {
    jdbc.prepareStatement("UPDATE entry SET categories_final = TRUE WHERE id = ?", ps -> {
      ps.setLong(1, entryId);
      return ps.executeUpdate();
    });
    // Only the categories it leaves: one it keeps is made the admin's in place (upsertAdmin).
    jdbc.prepareStatement("DELETE FROM entry_category WHERE entry_id = ? AND category_id NOT IN (SELECT id FROM category WHERE slug = ANY (?))",
        ps -> {
          ps.setLong(1, entryId);
          ps.setArray(2, ps.getConnection().createArrayOf("text", slugs.toArray(String[]::new)));
          return ps.executeUpdate();
        });
    for (String slug : slugs) {
      upsertAdmin(entryId, slug, "set by an admin");
    }
  }

  /**
   * Applies an example an admin posted: the entry is in the category (origin {@code admin}) or is
   * not, whoever assigned it; its other categories stay as they are. The caller holds the entry's
   * row ({@code ExampleStore} locks it before it writes the example), as an entry's re-categorizing
   * takes it before reading examples.
   */
  public void setExample(long entryId, String slug, boolean positive) {
    if (positive) {
      upsertAdmin(entryId, slug, "example posted by an admin");
      return;
    }
    jdbc.prepareStatement("DELETE FROM entry_category WHERE entry_id = ? AND category_id = (SELECT id FROM category WHERE slug = ?)", ps -> {
      ps.setLong(1, entryId);
      ps.setString(2, slug);
      return ps.executeUpdate();
    });
  }

  /**
   * Makes the entry's assignment to {@code slug} the admin's: inserted when the entry was not in
   * the category, updated in place when it was. Deleted and inserted again, an assignment the
   * admin only confirmed (an example posted twice, a correction saved unchanged, a category the
   * rules had already given) counted as newly filed, and brought the entry again to every partner
   * syncing in arrival order; one already the admin's with the same evidence is not written at all.
   */
  private void upsertAdmin(long entryId, String slug, String why) {
    jdbc.prepareStatement(
        """
        INSERT INTO entry_category (entry_id, category_id, origin, score, evidence)
        SELECT ?, id, 'admin', 1.0, ?::jsonb FROM category WHERE slug = ?
        ON CONFLICT (entry_id, category_id) DO UPDATE SET origin = 'admin', score = 1.0, evidence = EXCLUDED.evidence
        WHERE entry_category.origin <> 'admin' OR entry_category.evidence <> EXCLUDED.evidence
        """,
        ps -> {
          ps.setLong(1, entryId);
          ps.setString(2, toJson(List.of(why)));
          ps.setString(3, slug);
          return ps.executeUpdate();
        });
  }

  /**
   * The evidence as the JSON array the column holds, written as the entry's tags are ({@link
   * EntryStore#jsonArray}): the serde mapper took about 1 % of a poller thread's CPU for a list of
   * a few strings, and the stored jsonb is the same.
   */
  private static String toJson(@Nullable List<String> evidence) {
    return EntryStore.jsonArray(evidence == null ? List.of() : evidence);
  }
}
