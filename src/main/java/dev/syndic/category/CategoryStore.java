package dev.syndic.category;

import dev.syndic.classify.CategoryRules;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Reads and writes categories. */
@Singleton
@Transactional
public class CategoryStore {

  private final JdbcOperations jdbc;
  private final ObjectMapper json;

  CategoryStore(JdbcOperations jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public List<Category> all() {
    return jdbc.prepareStatement("SELECT * FROM category ORDER BY slug", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        List<Category> out = new ArrayList<>();
        while (rs.next()) {
          out.add(map(rs));
        }
        return out;
      }
    });
  }

  public Optional<Category> bySlug(String slug) {
    return bySlug(slug, "");
  }

  private Optional<Category> bySlug(String slug, String lock) {
    return jdbc.prepareStatement("SELECT * FROM category WHERE slug = ?" + lock, ps -> {
      ps.setString(1, slug);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    });
  }

  /** Inserts or replaces the category with this slug (the catalogue's seeding). */
  public void save(Category c) {
    write(c, "ON CONFLICT (slug) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,"
        + " description = EXCLUDED.description, enabled = EXCLUDED.enabled, threshold = EXCLUDED.threshold, rules = EXCLUDED.rules,"
        + " updated_at = now()");
  }

  /**
   * Inserts the category; false, writing nothing, when its slug is taken. Checked by the insert
   * itself: a create that looked for the slug first and then upserted answered 201 to each of
   * several creates of one slug made at once, each overwriting the category another had created.
   */
  public boolean create(Category c) {
    return write(c, "ON CONFLICT (slug) DO NOTHING") == 1;
  }

  /**
   * Changes the category with this slug as {@code change} says, holding its row from the read to
   * the write; empty when there is none (deleted meanwhile: a change does not bring it back).
   * Read and written apart, two changes made at once each wrote back every field as it had read
   * it, so one editor's term or threshold was lost under the other's, both answered 200. Whatever
   * {@code change} throws (a refusal) leaves the category as it was.
   */
  public Optional<Category> change(String slug, UnaryOperator<Category> change) {
    Optional<Category> current = bySlug(slug, " FOR UPDATE");
    if (current.isEmpty()) {
      return current;
    }
    Category c = change.apply(current.get());
    jdbc.prepareStatement(
        """
        UPDATE category SET name_zh = ?, name_en = ?, description = ?, enabled = ?, threshold = ?, rules = ?::jsonb, updated_at = now()
        WHERE slug = ?
        """,
        ps -> {
          bind(ps, c);
          ps.setString(7, slug);
          return ps.executeUpdate();
        });
    return bySlug(slug);
  }

  private int write(Category c, String onConflict) {
    return jdbc.prepareStatement(
        """
        INSERT INTO category (name_zh, name_en, description, enabled, threshold, rules, slug)
        VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)
        """ + onConflict,
        ps -> {
          bind(ps, c);
          ps.setString(7, c.slug());
          return ps.executeUpdate();
        });
  }

  /** Binds the fields a write sets, in the order both statements name them (the slug, where it goes, is the caller's). */
  private void bind(PreparedStatement ps, Category c) throws SQLException {
    ps.setString(1, c.nameZh());
    ps.setString(2, c.nameEn());
    ps.setString(3, c.description());
    ps.setBoolean(4, c.enabled());
    ps.setDouble(5, c.threshold());
    ps.setString(6, write(c.rules()));
  }

  /**
   * Deletes a category; its assignments and examples go with it (foreign keys), sources that had
   * it as their default category lose that default, and partners granted it lose the grant (a
   * category created later under the same slug is not granted to them by accident); its
   * disclaimer templates go too, for the same reason, and so does its trained model: learnt from
   * examples that go with the category, it decided a category created again under the slug
   * (assigning it with origin "model") until the next training.
   *
   * <p>The row goes first, the grants after, in one transaction: the deletion records the
   * partners granted the category (V63), which its entries' removals go to, and a grant already
   * stripped of the slug would name none of them. The partners it will change are locked before
   * the row is deleted, in id order: a PATCH narrowing a grant locks its partner, then (its V64
   * record's foreign key) the category; deleting the category first and then waiting for that
   * partner deadlocked with it.
   */
  public boolean delete(String slug) {
    jdbc.prepareStatement("SELECT id FROM partner WHERE ? = ANY (categories) OR 'all' = ANY (categories) ORDER BY id FOR NO KEY UPDATE",
        ps -> {
          ps.setString(1, slug);
          ps.executeQuery().close();
          return null;
        });
    boolean deleted = jdbc.prepareStatement("DELETE FROM category WHERE slug = ?", ps -> {
      ps.setString(1, slug);
      return ps.executeUpdate();
    }) > 0;
    jdbc.prepareStatement(
        """
        UPDATE classifier_model SET model = jsonb_set(model, '{categories}',
          (SELECT coalesce(jsonb_agg(m ORDER BY n), '[]'::jsonb) FROM jsonb_array_elements(model->'categories') WITH ORDINALITY AS c(m, n)
           WHERE m->>'slug' IS DISTINCT FROM ?))
        WHERE jsonb_typeof(model->'categories') = 'array' AND model->'categories' @> jsonb_build_array(jsonb_build_object('slug', ?::text))
        """,
        ps -> {
          ps.setString(1, slug);
          ps.setString(2, slug);
          return ps.executeUpdate();
        });
    jdbc.prepareStatement("DELETE FROM disclaimer WHERE scope = 'category' AND scope_key = ?", ps -> {
      ps.setString(1, slug);
      return ps.executeUpdate();
    });
    jdbc.prepareStatement("UPDATE source SET default_category = NULL WHERE default_category = ?", ps -> {
      ps.setString(1, slug);
      return ps.executeUpdate();
    });
    jdbc.prepareStatement("UPDATE partner SET categories = array_remove(categories, ?), updated_at = now() WHERE ? = ANY (categories)", ps -> {
      ps.setString(1, slug);
      ps.setString(2, slug);
      return ps.executeUpdate();
    });
    return deleted;
  }

  /**
   * A fingerprint that changes whenever any category changes: of every row's id and time of
   * change, not of the count and the newest time (a save stamps the start of its transaction, so
   * one that commits after a later-started one left the newest time as it was, and its change went
   * unseen until the next).
   */
  public String version() {
    return jdbc.prepareStatement("SELECT count(*) || ':' || coalesce(md5(string_agg(id || '@' || updated_at, ',' ORDER BY id)), '') FROM category", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    });
  }

  private Category map(ResultSet rs) throws SQLException {
    return new Category(
        rs.getLong("id"),
        rs.getString("slug"),
        rs.getString("name_zh"),
        rs.getString("name_en"),
        rs.getString("description"),
        rs.getBoolean("enabled"),
        rs.getDouble("threshold"),
        read(rs.getString("rules")),
        rs.getTimestamp("updated_at").toInstant());
  }

  private CategoryRules read(String rules) {
    try {
      return json.readValue(rules, CategoryRules.class);
    } catch (IOException e) {
      throw new UncheckedIOException("stored category rules are not valid JSON", e);
    }
  }

  private String write(CategoryRules rules) {
    try {
      return json.writeValueAsString(rules);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
