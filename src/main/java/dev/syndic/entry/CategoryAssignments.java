package dev.syndic.entry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * An entry's categories. Machine assignments (rule, model, source) are replaced as a whole when
 * the entry is categorized again; an admin's assignments are final and never touched by the
 * machine.
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
public class CategoryAssignments {

  /** One category decided for an entry by the machine. */
  public record Decision(String slug, String origin, double score, List<String> evidence) {}

  private final JdbcOperations jdbc;
  private final ObjectMapper json;

  CategoryAssignments(JdbcOperations jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Replaces the machine's categories of an entry, unless an admin has decided them. */
  public void replaceMachineDecisions(long entryId, List<Decision> decisions) {
    boolean adminDecided = jdbc.prepareStatement(
        "SELECT EXISTS (SELECT 1 FROM entry_category WHERE entry_id = ? AND origin = 'admin')",
        ps -> {
          ps.setLong(1, entryId);
          try (var rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
          }
        });
    if (adminDecided) {
      return;
    }
    jdbc.prepareStatement("DELETE FROM entry_category WHERE entry_id = ? AND origin <> 'admin'", ps -> {
      ps.setLong(1, entryId);
      return ps.executeUpdate();
    });
    for (Decision d : decisions) {
      insert(entryId, d);
    }
  }

  private void insert(long entryId, Decision d) {
    jdbc.prepareStatement(
        """
        INSERT INTO entry_category (entry_id, category_id, origin, score, evidence)
        SELECT ?, id, ?, ?, ?::jsonb FROM category WHERE slug = ?
        ON CONFLICT (entry_id, category_id) DO NOTHING
        """,
        ps -> {
          ps.setLong(1, entryId);
          ps.setString(2, d.origin());
          ps.setDouble(3, d.score());
          ps.setString(4, toJson(d.evidence()));
          ps.setString(5, d.slug());
          return ps.executeUpdate();
        });
  }

  private String toJson(@Nullable List<String> evidence) {
    try {
      return json.writeValueAsString(evidence == null ? List.of() : evidence);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
