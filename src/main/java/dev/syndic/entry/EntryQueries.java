package dev.syndic.entry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.postgresql.PGStatement;

/**
 * Reads entries newest first with keyset paging (sort time, id), so a page is as cheap deep in the
 * list as at its start and stays stable while entries arrive. The SQL text is fixed; filters are
 * bound parameters, a null meaning "any". The arrival order is {@link ArrivalQueries}'.
 */
@Singleton
@Transactional(readOnly = true)
public class EntryQueries {

  static final String COLUMNS =
      """
      e.id, e.source_id, e.identity_key, e.guid, e.link, e.title, e.author, e.clean_html, e.language,
      e.published_at, e.modified_at, e.sort_at, e.updated_at, e.revision, e.hidden, e.pinned, e.cluster_id, e.canonical,
      s.title AS source_title, s.url AS source_url, s.site_url AS source_site_url,
      COALESCE(CASE WHEN e.cluster_id <> e.id THEN (
          SELECT COALESCE(fs.id_url, fs.url) || chr(10) || f.identity_key FROM entry f JOIN source fs ON fs.id = f.source_id
          WHERE f.id = e.cluster_id) END,
        COALESCE(s.id_url, s.url) || chr(10) || e.identity_key) AS story_key,
      (SELECT array_agg(ARRAY[x.f->>'url', x.f->>'type', x.f->>'length'] ORDER BY x.n)
       FROM jsonb_array_elements(e.enclosures) WITH ORDINALITY AS x(f, n)) AS enclosures
      """;

  /**
   * Whether a visible duplicate {@code e} stands for its cluster in the category of id {@code ?}: the
   * cluster is shown (its canonical entry is visible, as in the {@code all} feed) and {@code e} is
   * its first visible member in the category, the canonical one first, then in the order {@code
   * ClusterStore} elects by. Only rows that are not canonical get here; both lookups go through the
   * cluster index, and are scalar subqueries so that the planner cannot turn them into a hash of
   * every entry.
   */
  static final String STANDS_IN =
      """
      (SELECT NOT k.hidden FROM entry k WHERE k.cluster_id = e.cluster_id AND k.canonical LIMIT 1)
      AND e.id = (
          SELECT o.id FROM entry o JOIN entry_category oc ON oc.entry_id = o.id
          WHERE o.cluster_id = e.cluster_id AND NOT o.hidden AND oc.category_id = ?
          ORDER BY o.canonical DESC, COALESCE(o.published_at, o.first_seen_at), o.first_seen_at, o.id
          LIMIT 1)
      """;

  /** A statement and its parameters, in order. */
  record Sql(String text, List<Object> params) {

    /** Binds the parameters; the statement is planned for them, each time it runs. */
    void bind(PreparedStatement ps) throws SQLException {
      // Server-side statements end in one generic plan; a plan for these values can choose, for
      // a rare category or word, to start from it rather than walk every entry in sort order.
      ps.unwrap(PGStatement.class).setPrepareThreshold(0);
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
    }
  }

  private final JdbcOperations jdbc;

  EntryQueries(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A page of entries. With {@link EntryFilter#canonicalOnly()} each duplicate cluster whose
   * canonical entry is visible appears once: by that entry; in a category's list, by that entry if
   * it is in the category, else by the cluster's first visible member that is (a story the canonical
   * source filed elsewhere is still in the category's feed). The stand-in sorts by its own time, so
   * cursors page through it like any other entry.
   */
  public List<EntryRow> list(EntryFilter f) {
    Long categoryId = null;
    if (f.category() != null) {
      Optional<Long> id = categoryId(f.category());
      if (id.isEmpty()) {
        return List.of();
      }
      categoryId = id.get();
    }
    // An admin's list (hidden entries included) names every category of an entry, disabled ones
    // too: it was answered for ?category= of a disabled one with entries in no category.
    boolean disabledToo = f.includeHidden();
    if (!f.pinnedFirst()) {
      return withCategories(rows(f, categoryId, false), disabledToo);
    }
    // Pinned entries first: read apart (few, through their own index), so that the rest is read in
    // the index's order and stops at the limit. One ORDER BY with the pins first sorted every
    // entry of the category, at each new rendering.
    List<EntryRow> pinned = rows(f, categoryId, true);
    List<EntryRow> page = new ArrayList<>(pinned);
    Set<Long> ids = pinned.stream().map(EntryRow::id).collect(Collectors.toSet());
    for (EntryRow r : rows(f, categoryId, false)) {
      if (page.size() >= f.limit()) {
        break;
      }
      if (!ids.contains(r.id())) {
        page.add(r);
      }
    }
    return withCategories(page, disabledToo);
  }

  private List<EntryRow> rows(EntryFilter f, @Nullable Long categoryId, boolean pinnedOnly) {
    Sql sql = listing(f, categoryId, pinnedOnly);
    return jdbc.prepareStatement(sql.text(), ps -> {
      sql.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<EntryRow> out = new ArrayList<>();
        while (rs.next()) {
          out.add(map(rs));
        }
        return out;
      }
    });
  }

  /**
   * The id of a category: bound as a value, it lets PostgreSQL weigh how many entries the category
   * holds (its statistics of {@code entry_category.category_id}), and so choose between walking
   * the newest entries and starting from the category's own rows.
   */
  Optional<Long> categoryId(String slug) {
    return jdbc.prepareStatement("SELECT id FROM category WHERE slug = ?", ps -> {
      ps.setString(1, slug);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
      }
    });
  }

  /**
   * The query of a page: only the conditions the filter sets, so that PostgreSQL sees each one as
   * it is (a category or a search a join it can start from, not a test of "null or ..." it must
   * make on every entry it walks).
   */
  static Sql listing(EntryFilter f, @Nullable Long categoryId, boolean pinnedOnly) {
    StringBuilder where = new StringBuilder();
    List<Object> params = new ArrayList<>();
    if (f.sourceId() != null) {
      where.append(" AND e.source_id = ?");
      params.add(f.sourceId());
    }
    if (f.category() != null) {
      where.append(" AND EXISTS (SELECT 1 FROM entry_category ec WHERE ec.entry_id = e.id AND ec.category_id = ?)");
      params.add(categoryId);
    }
    if (f.after() != null) {
      where.append(" AND (e.sort_at, e.id) < (?, ?)");
      params.add(Timestamp.from(f.after().sortAt()));
      params.add(f.after().id());
    }
    if (!f.includeHidden()) {
      where.append(" AND NOT e.hidden");
    }
    if (f.canonicalOnly()) {
      if (f.category() == null) {
        // An entry whose every category is disabled is out of them all: its category's feed is a
        // 404 and partners are told it left, but the feed of every category and the home page
        // listed it still, untagged. One with no category at all stays (nothing withdrew it).
        where.append(" AND e.canonical AND COALESCE((SELECT bool_or(c.enabled) FROM entry_category ac"
            + " JOIN category c ON c.id = ac.category_id WHERE ac.entry_id = e.id), TRUE)");
      } else {
        where.append(" AND (e.canonical OR (" + STANDS_IN + "))");
        params.add(categoryId);
      }
    }
    String q = f.query() == null || f.query().isBlank() ? null : f.query().strip();
    if (q != null) {
      // The stored text starts with the normalized title, so one pattern finds title and body.
      // The trigram index of indexed texts (SearchIndexer; title and body) serves the pattern from
      // three characters on; a shorter query (two Chinese characters) still works, by scanning;
      // texts still queued for indexing are scanned.
      // Texts spelt with a letter case folding changes (ß, ς, İ, ı) are matched by a regular
      // expression (SearchPattern) that allows each spelling: indexed ones among those V39's
      // trigram index over their folded form lets through, queued ones with the rest of the queue;
      // textregexeq, not ~, so that the trigram index is not asked to serve the expression.
      SearchPattern pattern = SearchPattern.of(q);
      where.append(" " + """
           AND e.id IN (SELECT x.entry_id FROM entry_text x WHERE x.searchable AND x.body ILIKE ? ESCAPE '\\'
                        UNION ALL SELECT p.entry_id FROM entry_text p WHERE NOT p.searchable AND (p.body ILIKE ? ESCAPE '\\'""");
      params.add(pattern.folded());
      params.add(pattern.folded());
      if (pattern.regex() != null) {
        where.append(" OR textregexeq(p.body, ?))\n             UNION ALL SELECT f.entry_id FROM entry_text f WHERE f.searchable AND f.body ~ '"
            + SearchPattern.FOLDS_IN_TEXT + "' AND syndic_search_fold(f.body) ILIKE ? ESCAPE '\\' AND textregexeq(f.body, ?)");
        params.add(pattern.regex());
        params.add(pattern.folded());
        params.add(pattern.regex());
      } else {
        where.append(")");
      }
      where.append(")");
    }
    if (f.clusterId() != null) {
      where.append(" AND e.cluster_id = ?");
      params.add(f.clusterId());
    }
    if (f.from() != null) {
      where.append(" AND e.sort_at >= ?");
      params.add(Timestamp.from(f.from()));
    }
    if (f.to() != null) {
      where.append(" AND e.sort_at < ?");
      params.add(Timestamp.from(f.to()));
    }
    if (pinnedOnly && f.canonicalOnly()) {
      // A story is pinned by any of its visible entries: feeds show it by the entry that stands
      // for it, which need not be the one an admin found it by and pinned (a copy pinned put
      // nothing first). The pins are read through their own index, their stories' entries
      // through the cluster index.
      where.append(" AND e.cluster_id IN (SELECT p.cluster_id FROM entry p WHERE p.pinned AND NOT p.hidden)");
    } else if (pinnedOnly) {
      where.append(" AND e.pinned");
    }
    params.add(f.limit());
    String text = "SELECT " + COLUMNS + " FROM entry e JOIN source s ON s.id = e.source_id\nWHERE TRUE" + where
        + "\nORDER BY e.sort_at DESC, e.id DESC LIMIT ?";
    return new Sql(text, params);
  }

  /**
   * An entry as admins see it: hidden or not, with every category it is in, disabled ones too
   * (feeds leave those out). An admin's correction to a disabled category was answered with the
   * entry in none, as if it had been lost.
   */
  public Optional<EntryRow> byId(long id) {
    List<EntryRow> rows = jdbc.prepareStatement("SELECT " + COLUMNS + " FROM entry e JOIN source s ON s.id = e.source_id WHERE e.id = ?", ps -> {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? List.of(map(rs)) : List.<EntryRow>of();
      }
    });
    return withCategories(rows, true).stream().findFirst();
  }

  /** An entry of a duplicate cluster, as an entry's detail lists its copies. */
  public record ClusterMember(long id, long sourceId, @Nullable String sourceTitle, String title, @Nullable String link, boolean canonical) {}

  /**
   * The entries of a cluster, the canonical one first, then by id: one statement, where reading
   * each member whole took two per member (a wire story copied by a hundred sites, two hundred).
   */
  public List<ClusterMember> clusterMembers(long clusterId) {
    return jdbc.prepareStatement(
        """
        SELECT e.id, e.source_id, s.title AS source_title, e.title, e.link, e.canonical
        FROM entry e JOIN source s ON s.id = e.source_id WHERE e.cluster_id = ? ORDER BY e.canonical DESC, e.id
        """,
        ps -> {
          ps.setLong(1, clusterId);
          try (ResultSet rs = ps.executeQuery()) {
            List<ClusterMember> out = new ArrayList<>();
            while (rs.next()) {
              out.add(new ClusterMember(rs.getLong("id"), rs.getLong("source_id"), rs.getString("source_title"), rs.getString("title"),
                  rs.getString("link"), rs.getBoolean("canonical")));
            }
            return out;
          }
        });
  }

  /** The rows with the enabled categories each is in, as output names them. */
  List<EntryRow> withCategories(List<EntryRow> rows) {
    return withCategories(rows, false);
  }

  private List<EntryRow> withCategories(List<EntryRow> rows, boolean disabledToo) {
    if (rows.isEmpty()) {
      return rows;
    }
    Map<Long, List<EntryRow.AssignedCategory>> byEntry = new HashMap<>();
    jdbc.prepareStatement(
        """
        SELECT ec.entry_id, c.slug, ec.origin, ec.score, ec.evidence::text
        FROM entry_category ec JOIN category c ON c.id = ec.category_id
        WHERE ec.entry_id = ANY (?) AND (c.enabled OR ?)
        ORDER BY ec.score DESC, c.slug
        """,
        ps -> {
          Array ids = ps.getConnection().createArrayOf("bigint", rows.stream().map(EntryRow::id).toArray(Long[]::new));
          ps.setArray(1, ids);
          ps.setBoolean(2, disabledToo);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              byEntry.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                  .add(new EntryRow.AssignedCategory(rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getString(5)));
            }
          }
          return null;
        });
    return rows.stream().map(r -> r.withCategories(byEntry.getOrDefault(r.id(), List.of()))).toList();
  }

  static EntryRow map(ResultSet rs) throws SQLException {
    return new EntryRow(
        rs.getLong("id"),
        rs.getLong("source_id"),
        rs.getString("identity_key"),
        rs.getString("guid"),
        rs.getString("link"),
        rs.getString("title"),
        rs.getString("author"),
        rs.getString("clean_html"),
        rs.getString("language"),
        instant(rs.getTimestamp("published_at")),
        instant(rs.getTimestamp("modified_at")),
        instant(rs.getTimestamp("sort_at")),
        instant(rs.getTimestamp("updated_at")),
        rs.getInt("revision"),
        rs.getBoolean("hidden"),
        rs.getBoolean("pinned"),
        rs.getLong("cluster_id"),
        rs.getBoolean("canonical"),
        rs.getString("source_title"),
        rs.getString("source_url"),
        rs.getString("source_site_url"),
        rs.getString("story_key"),
        enclosures(rs),
        List.of());
  }

  /** The stored enclosures, in the feed's order: one row of address, type and length each. */
  private static List<Enclosure> enclosures(ResultSet rs) throws SQLException {
    java.sql.Array rows = rs.getArray("enclosures");
    if (rows == null) {
      return List.of();
    }
    List<Enclosure> out = new java.util.ArrayList<>();
    for (String[] f : (String[][]) rows.getArray()) {
      out.add(new Enclosure(f[0], f[1], f[2] == null ? null : Long.valueOf(f[2])));
    }
    return List.copyOf(out);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
