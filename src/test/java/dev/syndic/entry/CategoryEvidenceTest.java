package dev.syndic.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A category's evidence is stored as the JSON array of the very strings the machine gave, whatever they hold. */
@MicronautTest(transactional = false)
class CategoryEvidenceTest {

  @Inject
  CategoryAssignments assignments;

  @Inject
  EntryStore store;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  static Stream<Arguments> evidence() {
    return Stream.of(
        Arguments.of("terms", List.of("rule:ai", "term:大模型 x2", "score 0.87")),
        Arguments.of("quotes and backslashes", List.of("term:\"GPT\"", "path C:\\models\\", "\\\"")),
        Arguments.of("control characters", List.of("line\nbreak", "tab\there", "bell\u0007", "\r\b\f")),
        Arguments.of("beyond the BMP and markup", List.of("emoji 🤖", "</script><b>&amp;</b>", "\u2028\u2029")),
        Arguments.of("none", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("evidence")
  void storesTheEvidenceAsGiven(String name, List<String> evidence) {
    String url = "http://category-evidence.test/" + name.replace(' ', '-');
    tx.executeWrite(s -> jdbc.prepareStatement("INSERT INTO source (url, next_poll_at) VALUES (?, now())", ps -> {
      ps.setString(1, url);
      return ps.executeUpdate();
    }));
    long source = number("SELECT id FROM source WHERE url = ?", url);
    String slug = tx.executeRead(s -> jdbc.prepareStatement("SELECT slug FROM category ORDER BY id LIMIT 1", ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), "the shipped categories are there");
        return rs.getString(1);
      }
    }));
    EntryDraft draft = new EntryDraft("k", "g", "https://example.com/k", "Title", null, "<p>text</p>", "text", "text", "en", List.of(),
        null, null, "content", "words", List.of());
    long entry = tx.executeWrite(s -> {
      long id = store.upsertAll(source, List.of(draft), Instant.parse("2026-11-30T10:00:00Z")).get(0).orElseThrow().entryId();
      assignments.addToNewEntries(Map.of(id, List.of(new CategoryAssignments.Decision(slug, "rule", 0.5, evidence))));
      return id;
    });

    // Compared as jsonb with PostgreSQL's own JSON of the same strings, and element by element.
    assertEquals(1, number("SELECT count(*) FROM entry_category WHERE entry_id = ? AND evidence = to_jsonb(?::text[])", entry,
        evidence.toArray(String[]::new)));
    List<String> stored = tx.executeRead(s -> jdbc.prepareStatement(
        "SELECT jsonb_array_elements_text(evidence) FROM entry_category WHERE entry_id = ?", ps -> {
          ps.setLong(1, entry);
          List<String> out = new java.util.ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(rs.getString(1));
            }
          }
          return out;
        }));
    assertEquals(evidence, stored);
  }

  private long number(String sql, Object... params) {
    return tx.executeRead(s -> jdbc.prepareStatement(sql, ps -> {
      for (int i = 0; i < params.length; i++) {
        if (params[i] instanceof String[] array) {
          ps.setArray(i + 1, ps.getConnection().createArrayOf("text", array));
        } else {
          ps.setObject(i + 1, params[i]);
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }));
  }
}
