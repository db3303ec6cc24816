package dev.syndic.entry;

import dev.syndic.Like;
import dev.syndic.clean.TextNormalizer;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads entries newest first with keyset paging (sort time, id), so a page is as cheap deep in the
 * list as at its start and stays stable while entries arrive. The SQL text is fixed; filters are
 * bound parameters, a null meaning "any".
 */
@Singleton
@Transactional(readOnly = true)
public class EntryQueries {

  private static final String COLUMNS =
      """
      e.id, e.source_id, e.identity_key, e.guid, e.link, e.title, e.author, e.clean_html, e.language,
      e.published_at, e.modified_at, e.sort_at, e.updated_at, e.revision, e.hidden, e.pinned, e.cluster_id, e.canonical,
      s.title AS source_title, s.url AS source_url, s.site_url AS source_site_url
      """;

  private static final String LIST =
      "SELECT " + COLUMNS
          + """
          FROM entry e JOIN source s ON s.id = e.source_id
          WHERE (?::bigint IS NULL OR e.source_id = ?)
            AND (?::text IS NULL OR EXISTS (
                  SELECT 1 FROM entry_category ec JOIN category c ON c.id = ec.category_id
                  WHERE ec.entry_id = e.id AND c.slug = ?))
            AND (?::timestamptz IS NULL OR (e.sort_at, e.id) < (?, ?))
            AND (? OR NOT e.hidden)
            AND (? OR e.canonical)
            AND (?::text IS NULL OR e.id IN (
                  SELECT x.entry_id FROM entry_text x WHERE x.searchable AND x.body ILIKE ? ESCAPE '\\'
                  UNION ALL SELECT p.entry_id FROM entry_text p WHERE NOT p.searchable AND p.body ILIKE ? ESCAPE '\\'))
            AND (?::bigint IS NULL OR e.cluster_id = ?)
            AND (?::timestamptz IS NULL OR e.sort_at >= ?)
            AND (?::timestamptz IS NULL OR e.sort_at < ?)
          ORDER BY (? AND e.pinned) DESC, e.sort_at DESC, e.id DESC
          LIMIT ?
          """;

  private final JdbcOperations jdbc;

  EntryQueries(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  public List<EntryRow> list(EntryFilter f) {
    List<EntryRow> rows = jdbc.prepareStatement(LIST, ps -> {
      Timestamp after = f.after() == null ? null : Timestamp.from(f.after().sortAt());
      ps.setObject(1, f.sourceId());
      ps.setObject(2, f.sourceId());
      ps.setString(3, f.category());
      ps.setString(4, f.category());
      ps.setTimestamp(5, after);
      ps.setTimestamp(6, after);
      ps.setLong(7, f.after() == null ? 0 : f.after().id());
      ps.setBoolean(8, f.includeHidden());
      ps.setBoolean(9, !f.canonicalOnly());
      String q = f.query() == null || f.query().isBlank() ? null : f.query().strip();
      // The stored text starts with the normalized title, so one pattern finds title and body.
      // The trigram index of indexed texts (SearchIndexer; title and body) serves the pattern from
      // three characters on; a shorter query (two Chinese characters) still works, by scanning;
      // texts still queued for indexing are scanned.
      String inText = q == null ? null : Like.contains(TextNormalizer.normalize(q));
      ps.setString(10, inText);
      ps.setString(11, inText);
      ps.setString(12, inText);
      ps.setObject(13, f.clusterId());
      ps.setObject(14, f.clusterId());
      Timestamp from = f.from() == null ? null : Timestamp.from(f.from());
      Timestamp to = f.to() == null ? null : Timestamp.from(f.to());
      ps.setTimestamp(15, from);
      ps.setTimestamp(16, from);
      ps.setTimestamp(17, to);
      ps.setTimestamp(18, to);
      ps.setBoolean(19, f.pinnedFirst());
      ps.setInt(20, f.limit());
      try (ResultSet rs = ps.executeQuery()) {
        List<EntryRow> out = new ArrayList<>();
        while (rs.next()) {
          out.add(map(rs));
        }
        return out;
      }
    });
    return withCategories(rows);
  }


  public Optional<EntryRow> byId(long id) {
    List<EntryRow> rows = jdbc.prepareStatement("SELECT " + COLUMNS + " FROM entry e JOIN source s ON s.id = e.source_id WHERE e.id = ?", ps -> {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? List.of(map(rs)) : List.<EntryRow>of();
      }
    });
    return withCategories(rows).stream().findFirst();
  }

  private List<EntryRow> withCategories(List<EntryRow> rows) {
    if (rows.isEmpty()) {
      return rows;
    }
    Map<Long, List<EntryRow.AssignedCategory>> byEntry = new HashMap<>();
    jdbc.prepareStatement(
        """
        SELECT ec.entry_id, c.slug, ec.origin, ec.score, ec.evidence::text
        FROM entry_category ec JOIN category c ON c.id = ec.category_id
        WHERE ec.entry_id = ANY (?) AND c.enabled
        ORDER BY ec.score DESC, c.slug
        """,
        ps -> {
          Array ids = ps.getConnection().createArrayOf("bigint", rows.stream().map(EntryRow::id).toArray());
          ps.setArray(1, ids);
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

  private static EntryRow map(ResultSet rs) throws SQLException {
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
        List.of());
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
