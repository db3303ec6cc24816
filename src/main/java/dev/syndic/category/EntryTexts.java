package dev.syndic.category;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads stored entries for categorization: recent ones in keyset batches (to re-categorize or
 * preview), and the ones admins judged (to train).
 */
@Singleton
@Transactional(readOnly = true)
public class EntryTexts {

  /** Where a batch ended; the next batch starts after it. */
  public record Position(Instant sortAt, long id) {

    static Position after(EntryText e) {
      return new Position(e.sortAt(), e.id());
    }
  }

  private static final String COLUMNS = "e.id, e.title, COALESCE(t.body, '') AS clean_text, e.feed_tags, s.default_category, e.sort_at";

  /** The entries with their source and their normalized text (kept in entry_text, see V11). */
  private static final String FROM = " FROM entry e JOIN source s ON s.id = e.source_id LEFT JOIN entry_text t ON t.entry_id = e.id\n";

  /** A page newest first after a position: bound by {@link #bindAfter}. */
  private static final String AFTER = """
      WHERE (?::timestamptz IS NULL OR (e.sort_at, e.id) < (?, ?))
      ORDER BY e.sort_at DESC, e.id DESC LIMIT ?
      """;

  private final JdbcOperations jdbc;

  EntryTexts(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** Entries newest first, after the given position (null: from the newest). */
  public List<EntryText> recent(@Nullable Position after, int limit) {
    return jdbc.prepareStatement("SELECT " + COLUMNS + FROM + AFTER, ps -> {
      bindAfter(ps, after, limit);
      List<EntryText> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(map(rs, Map.of()));
        }
      }
      return out;
    });
  }

  /**
   * Where the entries after {@code after} (null: from the newest) stand, newest first: the
   * positions of a batch, whose texts {@link #current} reads where they are decided.
   */
  public List<Position> positions(@Nullable Position after, int limit) {
    return jdbc.prepareStatement("SELECT e.sort_at, e.id FROM entry e\n" + AFTER, ps -> {
      bindAfter(ps, after, limit);
      List<Position> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Position(rs.getTimestamp(1).toInstant(), rs.getLong(2)));
        }
      }
      return out;
    });
  }

  /** How many entries a run over {@link #positions} reads: the stored entries, at most {@code limit} (counted no further). */
  public long countUpTo(int limit) {
    return jdbc.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM entry LIMIT ?) e", ps -> {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private static void bindAfter(java.sql.PreparedStatement ps, @Nullable Position after, int limit) throws java.sql.SQLException {
    Timestamp t = after == null ? null : Timestamp.from(after.sortAt());
    ps.setTimestamp(1, t);
    ps.setTimestamp(2, t);
    ps.setLong(3, after == null ? 0 : after.id());
    ps.setInt(4, limit);
  }

  /** The entries of {@code ids} as they are now, newest first; deleted ones are left out. */
  public List<EntryText> current(List<Long> ids) {
    return jdbc.prepareStatement("SELECT " + COLUMNS + FROM + "WHERE e.id = ANY (?) ORDER BY e.sort_at DESC, e.id DESC", ps -> {
      ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray(Long[]::new)));
      List<EntryText> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(map(rs, Map.of()));
        }
      }
      return out;
    });
  }

  /**
   * Of {@code ids}, the entries whose place in category {@code slug} an admin decided (a final
   * correction of the entry, or an example posted for it in this category), each with whether it
   * is in the category. The machine leaves these as they are ({@code CategoryAssignments}).
   */
  public Map<Long, Boolean> decidedFor(List<Long> ids, String slug) {
    return jdbc.prepareStatement(
        """
        SELECT e.id, EXISTS (SELECT 1 FROM entry_category ec WHERE ec.entry_id = e.id AND ec.category_id = c.id AND ec.origin = 'admin')
        FROM entry e JOIN category c ON c.slug = ?
        WHERE e.id = ANY (?)
          AND (e.categories_final OR EXISTS (SELECT 1 FROM category_example ce WHERE ce.entry_id = e.id AND ce.category_id = c.id))
        """,
        ps -> {
          ps.setString(1, slug);
          ps.setArray(2, ps.getConnection().createArrayOf("bigint", ids.toArray(Long[]::new)));
          Map<Long, Boolean> out = new HashMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getLong(1), rs.getBoolean(2));
            }
          }
          return out;
        });
  }

  /** What an admin decided of an entry: all its categories (a correction), or its place in some (examples posted). */
  public record AdminDecided(boolean whole, Set<String> examples) {

    /** Whether the machine leaves the entry's place in {@code slug} as it is. */
    public boolean covers(String slug) {
      return whole || examples.contains(slug);
    }
  }

  /** Of {@code ids}, the entries an admin decided anything of, and what ({@link AdminDecided}). */
  public Map<Long, AdminDecided> adminDecided(List<Long> ids) {
    return jdbc.prepareStatement(
        """
        SELECT e.id, e.categories_final,
          ARRAY(SELECT c.slug FROM category_example ce JOIN category c ON c.id = ce.category_id WHERE ce.entry_id = e.id) AS examples
        FROM entry e WHERE e.id = ANY (?) AND
        """ + JUDGED,
        ps -> {
          ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray(Long[]::new)));
          Map<Long, AdminDecided> out = new HashMap<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getLong(1), new AdminDecided(rs.getBoolean(2), Set.copyOf(strings(rs.getArray(3)))));
            }
          }
          return out;
        });
  }

  /**
   * Entry {@code e} was judged by an admin (an example posted for it, its categories set): what
   * training learns from ({@link #judged}), and so what retention keeps.
   */
  public static final String JUDGED = "(e.categories_final OR EXISTS (SELECT 1 FROM category_example ce WHERE ce.entry_id = e.id))";

  /** Every entry an admin judged, with its labels: posted examples, and final admin categories. */
  public List<EntryText> judged(List<String> slugs) {
    return jdbc.prepareStatement(
        "SELECT " + COLUMNS + """
        , e.categories_final,
          ARRAY(SELECT c.slug FROM entry_category ec JOIN category c ON c.id = ec.category_id
                WHERE ec.entry_id = e.id AND ec.origin = 'admin') AS admin_slugs,
          ARRAY(SELECT c.slug || ':' || ce.positive FROM category_example ce JOIN category c ON c.id = ce.category_id
                WHERE ce.entry_id = e.id) AS examples
        """ + FROM + "WHERE " + JUDGED + " ORDER BY e.id",
        ps -> {
          List<EntryText> out = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              Map<String, Boolean> labels = new HashMap<>();
              if (rs.getBoolean("categories_final")) {
                List<String> admin = strings(rs.getArray("admin_slugs"));
                slugs.forEach(s -> labels.put(s, admin.contains(s)));
              }
              for (String example : strings(rs.getArray("examples"))) {
                int colon = example.lastIndexOf(':');
                labels.put(example.substring(0, colon), Boolean.parseBoolean(example.substring(colon + 1)));
              }
              out.add(map(rs, labels));
            }
          }
          return out;
        });
  }

  private static EntryText map(ResultSet rs, Map<String, Boolean> labels) throws SQLException {
    return new EntryText(rs.getLong("id"), rs.getString("title"), rs.getString("clean_text"), strings(rs.getArray("feed_tags")),
        rs.getString("default_category"), rs.getTimestamp("sort_at").toInstant(), labels);
  }

  private static List<String> strings(@Nullable Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
