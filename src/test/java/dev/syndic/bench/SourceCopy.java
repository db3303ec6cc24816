package dev.syndic.bench;

import dev.syndic.source.SourceRepository;
import io.micronaut.data.annotation.Query;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The references of {@link SourcesAtScaleBench}: the bare work under each API call, over plain JDBC
 * on a connection of Syndic's own pool, with no HTTP, no JSON or XML, no checks. Reads go to the
 * table Syndic reads ({@code source}); writes go to {@value #TABLE}, a copy of its shape ({@code
 * LIKE source INCLUDING ALL}: columns, defaults, checks, the unique key on {@code url} and every
 * index; not the foreign keys other tables hold on {@code source}, nor its trigger on a change of
 * address) filled with the same rows in the same states, so each write changes as many rows there
 * as the API does in {@code source}.
 */
final class SourceCopy {

  static final String TABLE = "bench_source_copy";
  /** Rows per {@code executeBatch} and per lookup, as the import stores and looks up a thousand at a time. */
  private static final int CHUNK = 1_000;
  private static final Pattern NAMED = Pattern.compile("(?<!:):([A-Za-z]\\w*)");

  private final SyndicUnderTest syndic;
  private final String pageSql;
  private final List<String> pageParameters = new ArrayList<>();

  SourceCopy(SyndicUnderTest syndic) {
    this.syndic = syndic;
    // The list's statement as the repository declares it, named parameters made positional: the
    // reference runs the very SELECT Syndic runs.
    String declared;
    try {
      declared = SourceRepository.class.getMethod("page", long.class, String.class, Boolean.class, String.class, String.class, int.class,
          Instant.class, Instant.class, int.class).getAnnotation(Query.class).value();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("SourceRepository.page changed: update the benchmark's reference", e);
    }
    Matcher m = NAMED.matcher(declared);
    StringBuilder sql = new StringBuilder();
    while (m.find()) {
      pageParameters.add(m.group(1));
      m.appendReplacement(sql, "?");
    }
    m.appendTail(sql);
    this.pageSql = sql.toString();
    syndic.execute("CREATE TABLE " + TABLE + " (LIKE source INCLUDING ALL)");
  }

  /** Inserts subscriptions {@code from} to {@code to} - 1 as the import stores them, a JDBC batch of a thousand rows at a time, in one transaction. */
  long insert(SyntheticCatalogue catalogue, int from, int to, Instant now) throws SQLException {
    try (Connection c = syndic.connection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (url, title, site_url, default_category, enabled, status,"
            + " status_reason, next_poll_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      c.setAutoCommit(false);
      Timestamp at = Timestamp.from(now);
      for (int i = from; i < to; i++) {
        SyntheticCatalogue.Feed f = catalogue.feed(i);
        ps.setString(1, f.url());
        ps.setString(2, f.title());
        ps.setString(3, f.site());
        ps.setString(4, f.folder() == null ? null : f.folder().slug());
        ps.setBoolean(5, f.enabled());
        ps.setString(6, f.paused() ? "paused" : "active");
        ps.setString(7, f.paused() ? "paused when exported" : null);
        ps.setTimestamp(8, at);
        ps.setTimestamp(9, at);
        ps.setTimestamp(10, at);
        ps.addBatch();
        if ((i - from + 1) % CHUNK == 0 || i == to - 1) {
          ps.executeBatch();
        }
      }
      c.commit();
      return to - from;
    }
  }

  /** Looks up every subscription's address in {@code source}, a thousand at a time; answers how many are there. */
  long lookup(SyntheticCatalogue catalogue) throws SQLException {
    long found = 0;
    try (Connection c = syndic.connection(); PreparedStatement ps = c.prepareStatement("SELECT url FROM source WHERE url = ANY(?)")) {
      for (int from = 0; from < catalogue.size(); from += CHUNK) {
        String[] urls = new String[Math.min(CHUNK, catalogue.size() - from)];
        for (int k = 0; k < urls.length; k++) {
          urls[k] = catalogue.feed(from + k).url();
        }
        ps.setArray(1, c.createArrayOf("text", urls));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found++;
          }
        }
      }
    }
    return found;
  }

  /**
   * Writes on {@code table} what polling would have left on the rows of the subscriptions it
   * polls (enabled, not paused): the failing ones in error with their consecutive errors, the
   * others polled fine ten minutes ago with their last new entry some days ago.
   */
  static void markPolled(SyndicUnderTest syndic, String table, SyntheticCatalogue catalogue) throws SQLException {
    List<String> urls = new ArrayList<>();
    List<Integer> errors = new ArrayList<>();
    List<Integer> quiet = new ArrayList<>();
    for (int i = 0; i < catalogue.size(); i++) {
      SyntheticCatalogue.Feed f = catalogue.feed(i);
      if (f.enabled() && !f.paused()) {
        urls.add(f.url());
        errors.add(f.errors());
        quiet.add(f.quietDays());
      }
    }
    try (Connection c = syndic.connection();
        PreparedStatement ps = c.prepareStatement("""
            UPDATE %s t SET
              status = CASE WHEN p.errors > 0 THEN 'error' ELSE 'active' END,
              consecutive_errors = p.errors,
              last_error = CASE WHEN p.errors > 0 THEN 'HTTP 500 Internal Server Error' END,
              last_polled_at = now() - interval '10 minutes',
              last_success_at = now() - interval '10 minutes' - p.errors * interval '1 day',
              last_new_entry_at = now() - p.quiet * interval '1 day'
            FROM unnest(?::text[], ?::integer[], ?::integer[]) AS p(url, errors, quiet)
            WHERE t.url = p.url""".formatted(table))) {
      ps.setArray(1, c.createArrayOf("text", urls.toArray(String[]::new)));
      ps.setArray(2, c.createArrayOf("integer", errors.toArray(Integer[]::new)));
      ps.setArray(3, c.createArrayOf("integer", quiet.toArray(Integer[]::new)));
      ps.executeUpdate();
    }
  }

  /** How the rows of {@code table} stand: count by category, enabled and status, one line. */
  static String standing(SyndicUnderTest syndic, String table) {
    StringBuilder out = new StringBuilder();
    syndic.query("SELECT coalesce(default_category, '-'), enabled, status, count(*) FROM " + table + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        rs -> out.append(rs.getString(1)).append('/').append(rs.getBoolean(2)).append('/').append(rs.getString(3)).append('=')
            .append(rs.getLong(4)).append(' '));
    return out.toString();
  }

  /**
   * The list's page over JDBC: {@code SourceRepository.page}'s statement with the same
   * parameters (a filter left out is null, {@code minErrors} 0), every column of every row read.
   * Answers the rows read, {@code limit} at most.
   */
  long page(long afterId, Map<String, Object> filters, int limit) throws SQLException {
    try (Connection c = syndic.connection(); PreparedStatement ps = c.prepareStatement(pageSql)) {
      for (int i = 0; i < pageParameters.size(); i++) {
        String name = pageParameters.get(i);
        Object value = switch (name) {
          case "afterId" -> afterId;
          case "limit" -> limit;
          case "minErrors" -> filters.getOrDefault(name, 0);
          default -> filters.get(name) instanceof Instant t ? Timestamp.from(t) : filters.get(name);
        };
        ps.setObject(i + 1, value);
      }
      long rows = 0;
      try (ResultSet rs = ps.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int k = 1; k <= columns; k++) {
            rs.getObject(k);
          }
          rows++;
        }
      }
      return rows;
    }
  }

  /** Runs a change of {@value #TABLE} ({@code %s} in {@code sql} names it); answers the rows it changed. */
  long update(String sql) throws SQLException {
    try (Connection c = syndic.connection(); PreparedStatement ps = c.prepareStatement(sql.formatted(TABLE))) {
      return ps.executeUpdate();
    }
  }

  /** The ids the copy gave to the sources at {@code urls}, in no order. */
  List<Long> ids(List<String> urls) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection c = syndic.connection(); PreparedStatement ps = c.prepareStatement("SELECT id FROM " + TABLE + " WHERE url = ANY(?)")) {
      ps.setArray(1, c.createArrayOf("text", urls.toArray(String[]::new)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  /** Deletes each row of {@code ids} by its primary key, a transaction each; answers the rows deleted. */
  long deleteEach(List<Long> ids) throws SQLException {
    long deleted = 0;
    try (Connection c = syndic.connection(); PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE id = ?")) {
      for (long id : ids) {
        ps.setLong(1, id);
        deleted += ps.executeUpdate();
      }
    }
    return deleted;
  }

  /**
   * Every source's exported columns (those {@code SourceRepository.exported} reads) in the file's
   * order (no category first, then by category, by id within), read through one cursor a thousand
   * rows at a time, their text written as UTF-8 into {@code sink}, a tab after each column and a
   * line feed after each row; answers the bytes written.
   */
  long stream(OutputStream sink) throws Exception {
    long bytes = 0;
    try (Connection c = syndic.connection();
        PreparedStatement ps = c.prepareStatement("SELECT id, url, title, site_url, default_category, enabled, status, id_url FROM source"
            + " ORDER BY default_category NULLS FIRST, id")) {
      c.setAutoCommit(false); // or the driver reads every row before the first is handed over
      ps.setFetchSize(CHUNK);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          for (int k = 1; k <= 8; k++) {
            String value = rs.getString(k);
            if (value != null) {
              byte[] text = value.getBytes(StandardCharsets.UTF_8);
              sink.write(text);
              bytes += text.length;
            }
            sink.write('\t');
          }
          sink.write('\n');
          bytes += 9;
        }
      }
      c.commit();
    }
    return bytes;
  }
}
