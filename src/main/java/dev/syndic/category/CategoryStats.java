package dev.syndic.category;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a category received lately, for the editor who runs its feed: how many entries and by what
 * origin (rule, model, source, admin), per day, from which sources, and which rule terms brought
 * them (read off the stored evidence: a term that brings many stories the editor does not want
 * is the one to weaken).
 */
@Singleton
@Transactional(readOnly = true)
public class CategoryStats {

  /** The window: entries whose feed time ({@code sort_at}) is at or after {@code since}. */
  @Serdeable
  public record Stats(String slug, Instant since, long entries, Map<String, Long> byOrigin, List<Day> perDay, List<SourceCount> sources,
      List<TermCount> terms) {}

  @Serdeable
  public record Day(LocalDate day, long entries) {}

  @Serdeable
  public record SourceCount(long sourceId, @Nullable String title, String url, long entries) {}

  /**
   * A rule term or expression and the entries it counted for, in the window, among those the
   * rules assigned; {@code inTitle} of them matched it in the title.
   */
  @Serdeable
  public record TermCount(String term, long entries, long inTitle) {}

  static final int TOP = 20;

  private static final String WINDOW =
      " FROM entry_category ec JOIN entry e ON e.id = ec.entry_id WHERE ec.category_id = ? AND e.sort_at >= ? ";

  // Evidence as RuleClassifier writes it: "title:人工智能 +6.0", "body:AI x3 +4.5", "body:芯片 x3 +2.25", "tag:AI +4.0".
  private static final String TERM = "'^(title|body):(.+?)(?: x[0-9]+)? \\+[0-9]+\\.[0-9]{1,2}$'";

  private final JdbcOperations jdbc;

  CategoryStats(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  public Stats of(Category category, Instant since) {
    long id = category.id();
    Map<String, Long> byOrigin = new TreeMap<>();
    for (String origin : List.of("rule", "model", "source", "admin")) {
      byOrigin.put(origin, 0L);
    }
    query("SELECT ec.origin, count(*)" + WINDOW + "GROUP BY 1", id, since, rs -> byOrigin.put(rs.getString(1), rs.getLong(2)));
    List<Day> days = new ArrayList<>();
    query("SELECT (e.sort_at AT TIME ZONE 'UTC')::date, count(*)" + WINDOW + "GROUP BY 1 ORDER BY 1", id, since,
        rs -> days.add(new Day(rs.getObject(1, LocalDate.class), rs.getLong(2))));
    List<SourceCount> sources = new ArrayList<>();
    query("SELECT s.id, s.title, s.url, count(*) FROM entry_category ec JOIN entry e ON e.id = ec.entry_id JOIN source s ON s.id = e.source_id"
        + " WHERE ec.category_id = ? AND e.sort_at >= ? GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1 LIMIT " + TOP, id, since,
        rs -> sources.add(new SourceCount(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4))));
    List<TermCount> terms = new ArrayList<>();
    query("SELECT m[2], count(*), count(*) FILTER (WHERE m[1] = 'title')" + WINDOW.replace(" WHERE ",
            ", LATERAL jsonb_array_elements_text(ec.evidence) ev(t), LATERAL regexp_match(ev.t, " + TERM + ") m WHERE ")
            + "AND ec.origin = 'rule' AND m IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + TOP, id, since,
        rs -> terms.add(new TermCount(rs.getString(1), rs.getLong(2), rs.getLong(3))));
    long entries = byOrigin.values().stream().mapToLong(Long::longValue).sum();
    return new Stats(category.slug(), since, entries, byOrigin, days, sources, terms);
  }

  private interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  private void query(String sql, long categoryId, Instant since, Row row) {
    jdbc.prepareStatement(sql, (PreparedStatement ps) -> {
      ps.setLong(1, categoryId);
      ps.setTimestamp(2, Timestamp.from(since));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.read(rs);
        }
      }
      return null;
    });
  }
}
