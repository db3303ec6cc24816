package dev.syndic.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.SqlArrays;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What storing a batch costs in triggers (V38, V42): one feed version bump queued per transaction,
 * not one per row written, and no foreign key check of the entry a text or a category belongs to;
 * what they did is still done (the version moves once per committed change, texts and categories
 * leave with their entries).
 */
@MicronautTest(transactional = false)
class EntryTriggersTest {

  @Inject
  EntryStore store;

  @Inject
  CategoryAssignments assignments;

  @Inject
  EntryRemoval removal;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

  private static EntryDraft draft(String key) {
    String text = "story " + key;
    return new EntryDraft(key, "guid-" + key, "https://example.com/" + key, "Title " + key, null,
        "<p>" + text + "</p>", text, text, "en", List.of(), null, null, "hash-" + key, "source-" + key, List.of());
  }

  private long source(String url) {
    tx.executeWrite(s -> jdbc.prepareStatement("INSERT INTO source (url, next_poll_at) VALUES (?, now())", ps -> {
      ps.setString(1, url);
      return ps.executeUpdate();
    }));
    return read("SELECT id FROM source WHERE url = '" + url + "'");
  }

  private long number(String sql) {
    return jdbc.prepareStatement(sql, ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private long read(String sql) {
    return tx.executeRead(s -> number(sql));
  }

  private void execute(String sql) {
    jdbc.prepareStatement(sql, ps -> ps.execute());
  }

  @Test
  void aBatchWithItsCategoriesQueuesOneFeedVersionBump() {
    long source = source("http://entry-triggers-bump.test/");
    long before = read("SELECT version FROM feed_version");
    long calls = tx.<Long>executeWrite(s -> {
      // Deferred triggers run at the end of each statement here, inside the transaction, where
      // the transaction's own function statistics count them.
      execute("SET LOCAL track_functions = 'pl'");
      execute("SET CONSTRAINTS ALL IMMEDIATE");
      storeCategorized(source, draft("a"), draft("b"), draft("c"), draft("d"));
      return number("SELECT COALESCE(pg_stat_get_xact_function_calls('syndic_bump_feed_version'::regproc), 0)");
    });
    assertEquals(1, calls, "four entries and eight categories: one call of the bump");
    assertEquals(before + 1, read("SELECT version FROM feed_version"), "the change is seen once");

    long unchanged = read("SELECT version FROM feed_version");
    tx.executeWrite(s -> store.upsertAll(source, List.of(draft("a"), draft("b")), NOW));
    assertEquals(unchanged, read("SELECT version FROM feed_version"), "nothing written, nothing bumped");
  }

  /**
   * The mark that a bump is queued is undone with a rolled-back savepoint, as the event it queued
   * is: a write after that rollback queues the bump again, and the committed change is seen.
   */
  @Test
  void aWriteAfterARolledBackSavepointStillBumpsTheFeedVersion() {
    long source = source("http://entry-triggers-savepoint.test/");
    long before = read("SELECT version FROM feed_version");
    tx.executeWrite(s -> {
      execute("SAVEPOINT first_try");
      store.upsertAll(source, List.of(draft("a")), NOW);
      execute("ROLLBACK TO SAVEPOINT first_try");
      return store.upsertAll(source, List.of(draft("b")), NOW);
    });
    assertEquals(1, read("SELECT count(*) FROM entry WHERE source_id = " + source), "the rolled-back entry is gone");
    assertEquals(before + 1, read("SELECT version FROM feed_version"), "the entry written after the rollback moves the version");
  }

  @Test
  void textsAreWrittenWithoutLockingTheirEntriesAndLeaveWithThem() {
    long source = source("http://entry-triggers-text.test/");
    long locked = tx.<Long>executeWrite(s -> {
      store.upsertAll(source, List.of(draft("a"), draft("b"), draft("c")), NOW);
      return writtenTwice(source);
    });
    assertEquals(0, locked, "the statement that writes an entry writes its row once");
    String texts = "SELECT count(*) FROM entry_text t WHERE t.entry_id IN (SELECT id FROM entry WHERE source_id = " + source + ")";
    assertEquals(3, read(texts));

    rowsLeaveWithTheirEntries(source, "entry_text", 2);
  }

  @Test
  void categoriesAreWrittenWithoutLockingTheirEntriesAndLeaveWithThem() {
    long source = source("http://entry-triggers-category.test/");
    long locked = tx.<Long>executeWrite(s -> {
      storeCategorized(source, draft("a"), draft("b"), draft("c"));
      return writtenTwice(source);
    });
    assertEquals(0, locked, "the categories of a new entry leave its row as the upsert wrote it");
    String categories = "SELECT count(*) FROM entry_category c WHERE c.entry_id IN (SELECT id FROM entry WHERE source_id = " + source + ")";
    assertEquals(6, read(categories));

    rowsLeaveWithTheirEntries(source, "entry_category", 4);
  }

  /**
   * Deletes the source's first entry, then the source: {@code table}'s rows of the entry go with
   * it ({@code othersKeep} rows of the other entries stay), then those of the whole source.
   */
  private void rowsLeaveWithTheirEntries(long source, String table, long othersKeep) {
    long one = read("SELECT min(id) FROM entry WHERE source_id = " + source);
    String ids = idsOf(source);
    assertTrue(removal.delete(one));
    assertEquals(0, read("SELECT count(*) FROM " + table + " WHERE entry_id = " + one), "an entry's rows of " + table + " go with it");
    assertEquals(othersKeep, read("SELECT count(*) FROM " + table + " WHERE entry_id = ANY (" + ids + ")"), "the other entries keep theirs");
    assertTrue(removal.deleteSource(source));
    assertEquals(0, read("SELECT count(*) FROM " + table + " WHERE entry_id = ANY (" + ids + ")"), "a source's rows of " + table + " go with it");
  }

  /** Stores new entries of the source, each with two categories (ai and agriculture), as ingest does. */
  private void storeCategorized(long source, EntryDraft... drafts) {
    Map<Long, List<CategoryAssignments.Decision>> decided = new LinkedHashMap<>();
    for (Optional<StoredChange> change : store.upsertAll(source, List.of(drafts), NOW)) {
      decided.put(change.orElseThrow().entryId(), List.of(
          new CategoryAssignments.Decision("ai", "rule", 3.0, List.of("term")),
          new CategoryAssignments.Decision("agriculture", "rule", 2.5, List.of("term"))));
    }
    assignments.addToNewEntries(decided);
  }

  /** The ids of the source's entries, as an SQL array to read them by once they are gone. */
  private String idsOf(long source) {
    List<Long> ids = tx.executeRead(s -> jdbc.prepareStatement("SELECT id FROM entry WHERE source_id = " + source,
        ps -> SqlArrays.longs(ps.executeQuery())));
    return "'{" + String.join(",", ids.stream().map(String::valueOf).toList()) + "}'::bigint[]";
  }

  /**
   * The source's entry rows written a second time in this transaction: a foreign key check locks
   * the row it finds, which marks it.
   */
  private long writtenTwice(long source) {
    return number("SELECT count(*) FROM entry WHERE source_id = " + source + " AND xmax::text <> '0'");
  }
}
