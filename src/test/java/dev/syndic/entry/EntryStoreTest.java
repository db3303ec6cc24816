package dev.syndic.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A source's batch is stored in one statement with the same outcomes entry by entry. */
@MicronautTest(transactional = false)
class EntryStoreTest {

  @Inject
  EntryStore store;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

  private static EntryDraft draft(String key, String text, List<String> tags, Instant published) {
    return new EntryDraft(key, "guid-" + key, "https://example.com/" + key, "Title " + key, null,
        "<p>" + text + "</p>", text, text, "en", tags, published, null, "hash-" + text, "source-" + key + "-" + text, List.of());
  }

  private List<Optional<StoredChange>> upsert(long source, List<EntryDraft> drafts) {
    return tx.executeWrite(s -> store.upsertAll(source, drafts, NOW));
  }

  private <T> T one(String sql, Class<T> type) {
    return tx.executeRead(s -> jdbc.prepareStatement(sql, ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return type.cast(rs.getObject(1));
      }
    }));
  }

  @Test
  void createsUpdatesSkipsAndKeepsTombstonesAndTags() {
    tx.executeWrite(s -> jdbc.prepareStatement("INSERT INTO source (url, next_poll_at) VALUES ('http://entry-store.test/', now())",
        ps -> ps.executeUpdate()));
    long source = one("SELECT id FROM source WHERE url = 'http://entry-store.test/'", Long.class);

    List<String> oddTags = List.of("AI \"models\"", "back\\slash", "line\nbreak", "中文");
    List<Optional<StoredChange>> first = upsert(source, List.of(
        draft("a", "one", oddTags, null),
        draft("b", "two", List.of(), NOW.minusSeconds(3600)),
        draft("a", "one again", List.of(), null)));
    assertTrue(first.get(0).orElseThrow().created());
    assertTrue(first.get(1).orElseThrow().created());
    assertTrue(first.get(2).isEmpty(), "a second draft with the same identity in one batch is left out");
    long a = first.get(0).get().entryId();
    assertEquals(String.join("|", oddTags),
        one("SELECT array_to_string(feed_tags, '|') FROM entry WHERE id = " + a, String.class), "tags survive as written");
    assertEquals(NOW, one("SELECT sort_at FROM entry WHERE id = " + a, java.sql.Timestamp.class).toInstant(), "undated: first seen");
    assertEquals(NOW.minusSeconds(3600),
        one("SELECT sort_at FROM entry WHERE id = " + first.get(1).get().entryId(), java.sql.Timestamp.class).toInstant(), "dated");

    tx.executeWrite(s -> jdbc.prepareStatement("INSERT INTO entry_tombstone (source_id, identity_key) VALUES (" + source + ", 'c')",
        ps -> ps.executeUpdate()));
    List<Optional<StoredChange>> second = upsert(source, List.of(
        draft("a", "one", oddTags, null),
        draft("b", "two, edited", List.of(), NOW.minusSeconds(3600)),
        draft("c", "deleted by an admin", List.of(), null),
        draft("d", "four", List.of(), null)));
    assertTrue(second.get(0).isEmpty(), "unchanged");
    assertFalse(second.get(1).orElseThrow().created(), "changed: an update");
    assertEquals(first.get(1).get().entryId(), second.get(1).get().entryId());
    assertTrue(second.get(2).isEmpty(), "tombstoned identities are not stored again");
    assertTrue(second.get(3).orElseThrow().created());
    assertEquals(2, one("SELECT revision FROM entry WHERE id = " + second.get(1).get().entryId(), Integer.class));
    assertEquals(3L, one("SELECT count(*) FROM entry WHERE source_id = " + source, Long.class));
    assertEquals(List.of(), new ArrayList<>(upsert(source, List.of())));
  }

  /**
   * The batch's columns travel as arrays (in binary since they are typed): texts made of what an
   * array literal quotes or escapes, the word NULL, an empty author and a missing one come back as
   * written.
   */
  @Test
  void textsWithArraySyntaxAreStoredAsWritten() {
    tx.executeWrite(s -> jdbc.prepareStatement("INSERT INTO source (url, next_poll_at) VALUES ('http://entry-store-arrays.test/', now())",
        ps -> ps.executeUpdate()));
    long source = one("SELECT id FROM source WHERE url = 'http://entry-store-arrays.test/'", Long.class);
    String odd = "{a,b} \"quoted\" back\\slash NULL, 中文 \uD83D\uDCF0";
    EntryDraft plain = draft("plain", "text", List.of(), null);
    EntryDraft withOdd = new EntryDraft("{key, \"NULL\"}", null, null, odd, "", "<p>" + odd + "</p>", odd, odd, "zh",
        List.of(), null, null, "hash-odd", "source-odd", List.of());

    List<Optional<StoredChange>> stored = upsert(source, List.of(plain, withOdd));
    long id = stored.get(1).orElseThrow().entryId();

    assertEquals("{key, \"NULL\"}", one("SELECT identity_key FROM entry WHERE id = " + id, String.class));
    assertEquals(odd, one("SELECT title FROM entry WHERE id = " + id, String.class));
    assertEquals(odd, one("SELECT core_text FROM entry WHERE id = " + id, String.class));
    assertEquals(odd, one("SELECT body FROM entry_text WHERE entry_id = " + id, String.class));
    assertEquals("", one("SELECT author FROM entry WHERE id = " + id, String.class), "an empty author is not a missing one");
    assertEquals(true, one("SELECT guid IS NULL AND link IS NULL FROM entry WHERE id = " + id, Boolean.class), "missing stays missing");
    assertEquals(true, one("SELECT author IS NULL FROM entry WHERE id = " + stored.get(0).orElseThrow().entryId(), Boolean.class));
  }

  /**
   * An entry's HTML and core text are stored as written (V40): PostgreSQL's compression of every
   * text of a few kilobytes cost more CPU than anything else the batch's statement did, and gave up
   * on half of them.
   */
  @Test
  void textsAreStoredUncompressed() {
    tx.executeWrite(s -> jdbc.prepareStatement("INSERT INTO source (url, next_poll_at) VALUES ('http://entry-store-plain.test/', now())",
        ps -> ps.executeUpdate()));
    long source = one("SELECT id FROM source WHERE url = 'http://entry-store-plain.test/'", Long.class);
    String story = "农民在春耕时节播种玉米和小麦，天气良好。".repeat(200);
    long id = upsert(source, List.of(draft("long", story, List.of(), null))).get(0).orElseThrow().entryId();

    assertEquals(true, one("SELECT pg_column_compression(clean_html) IS NULL AND pg_column_compression(core_text) IS NULL FROM entry WHERE id = " + id,
        Boolean.class), "stored as written, not compressed");
    assertEquals("<p>" + story + "</p>", one("SELECT clean_html FROM entry WHERE id = " + id, String.class));
    assertEquals(story.substring(0, 600), one("SELECT left(core_text, 600) FROM entry WHERE id = " + id, String.class));
  }

  /**
   * An entry's search text is stored as written up to about half a page (V53): compressing every
   * body past 2 kB cost the batch's statement about a tenth of its CPU. Longer ones are still
   * compressed. Either way the text reads back as written.
   */
  @Test
  void searchTextsUpToHalfAPageAreStoredUncompressed() {
    tx.executeWrite(s -> jdbc.prepareStatement("INSERT INTO source (url, next_poll_at) VALUES ('http://entry-store-bodies.test/', now())",
        ps -> ps.executeUpdate()));
    long source = one("SELECT id FROM source WHERE url = 'http://entry-store-bodies.test/'", Long.class);
    String medium = "farmers sow maize and wheat in spring. ".repeat(90);
    String longer = "farmers sow maize and wheat in spring. ".repeat(400);
    List<Optional<StoredChange>> stored = upsert(source, List.of(draft("medium", medium, List.of(), null), draft("longer", longer, List.of(), null)));
    long mediumId = stored.get(0).orElseThrow().entryId();
    long longerId = stored.get(1).orElseThrow().entryId();

    assertTrue(medium.length() > 3000, "past the 2 kB at which PostgreSQL compresses by default");
    assertEquals(true, one("SELECT pg_column_compression(body) IS NULL FROM entry_text WHERE entry_id = " + mediumId, Boolean.class),
        "stored as written, not compressed");
    assertEquals("pglz", one("SELECT pg_column_compression(body) FROM entry_text WHERE entry_id = " + longerId, String.class),
        "past half a page: compressed as before");
    assertEquals(medium, one("SELECT body FROM entry_text WHERE entry_id = " + mediumId, String.class));
    assertEquals(longer, one("SELECT body FROM entry_text WHERE entry_id = " + longerId, String.class));
  }
}
