package dev.syndic.category;

import dev.syndic.classify.CategoryPolicy;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Why an entry is, or is not, in each category: what an editor asks of an entry missing from a
 * feed ("why is this not agriculture?"), which the entry's own categories and their evidence do
 * not answer. Every category the rules matched, a model scored, the source names as its default
 * or the entry is in now, with the machine's reading as {@link CategoryPolicy#explain} gives it
 * and, above it, what admins decided (a correction of the entry, an example for the category).
 */
@Singleton
public class EntryExplanation {

  /**
   * One category, for one entry.
   *
   * @param in whether the entry is in the category now
   * @param origin who put it there ({@code rule}, {@code model}, {@code source}, {@code admin}), or null
   * @param machine whether the rules and model in force would put it there
   * @param reasons what decided, admins' decisions first
   */
  @Serdeable
  public record Category(String slug, boolean in, @Nullable String origin, boolean machine, double ruleScore, @Nullable Double threshold,
                         List<String> evidence, List<String> reasons) {}

  /**
   * @param corrected whether an admin's correction decides the entry's categories (the machine's
   *     reading is then shown, not applied)
   */
  @Serdeable
  public record Explanation(long entryId, boolean corrected, List<Category> categories) {}

  private final JdbcOperations jdbc;
  private final EntryTexts texts;
  private final CategoryCatalog catalog;

  EntryExplanation(JdbcOperations jdbc, EntryTexts texts, CategoryCatalog catalog) {
    this.jdbc = jdbc;
    this.texts = texts;
    this.catalog = catalog;
  }

  /** The entry's explanation; empty when there is no such entry. */
  @Transactional(readOnly = true)
  public Optional<Explanation> explain(long entryId) {
    List<EntryText> found = texts.current(List.of(entryId));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    EntryText e = found.get(0);
    boolean corrected = bool("SELECT categories_final FROM entry WHERE id = ?", entryId);
    Map<String, String> now = new LinkedHashMap<>(); // slug to origin
    Map<String, Boolean> examples = new LinkedHashMap<>();
    Set<String> disabled = new HashSet<>();
    jdbc.prepareStatement(
        """
        SELECT c.slug, ec.origin, NULL::boolean, c.enabled FROM entry_category ec JOIN category c ON c.id = ec.category_id WHERE ec.entry_id = ?
        UNION ALL
        SELECT c.slug, NULL, ce.positive, c.enabled FROM category_example ce JOIN category c ON c.id = ce.category_id WHERE ce.entry_id = ?
        """,
        ps -> {
          ps.setLong(1, entryId);
          ps.setLong(2, entryId);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              if (!rs.getBoolean(4)) {
                disabled.add(rs.getString(1));
              }
              if (rs.getString(2) != null) {
                now.put(rs.getString(1), rs.getString(2));
              } else {
                examples.put(rs.getString(1), rs.getBoolean(3));
              }
            }
          }
          return null;
        });
    List<Category> out = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (CategoryPolicy.Explained x : catalog.policy().explain(e.title(), e.text(), e.tags(), e.sourceDefault())) {
      seen.add(x.slug());
      out.add(category(x.slug(), x, now, examples, corrected, disabled));
    }
    List<String> others = new ArrayList<>(now.keySet());
    others.addAll(examples.keySet());
    for (String slug : others) {
      if (!seen.contains(slug)) {
        seen.add(slug);
        out.add(category(slug, null, now, examples, corrected, disabled));
      }
    }
    out.sort((a, b) -> Boolean.compare(b.in(), a.in()));
    return Optional.of(new Explanation(entryId, corrected, out));
  }

  private static Category category(String slug, @Nullable CategoryPolicy.Explained machine, Map<String, String> now,
      Map<String, Boolean> examples, boolean corrected, Set<String> disabled) {
    List<String> reasons = new ArrayList<>();
    if (corrected) {
      reasons.add(now.containsKey(slug) ? "an admin's correction put the entry here" : "an admin's correction left the entry out");
    }
    Boolean example = examples.get(slug);
    if (example != null) {
      reasons.add(example ? "an admin's example says the entry belongs here" : "an admin's example says the entry does not belong here");
    }
    if (disabled.contains(slug)) {
      reasons.add("the category is disabled: its rules and a model put no entry in it");
    }
    if (machine != null) {
      reasons.addAll(machine.reasons());
    } else if (!disabled.contains(slug)) {
      reasons.add("rules: nothing matched");
    }
    String origin = now.get(slug);
    return new Category(slug, origin != null, origin, machine != null && machine.assigned(),
        machine == null ? 0 : machine.ruleScore(), machine == null || Double.isInfinite(machine.threshold()) ? null : machine.threshold(),
        machine == null ? List.of() : machine.evidence(), reasons);
  }

  private boolean bool(String sql, long id) {
    return jdbc.prepareStatement(sql, ps -> {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    });
  }
}
