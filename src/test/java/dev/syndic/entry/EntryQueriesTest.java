package dev.syndic.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.SqlArrays;
import dev.syndic.support.Plans;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A category feed's first page, pinned entries first, reads the pins through their own index and
 * the rest in sort order up to the limit: the rendering of a category that holds thousands of
 * entries reads a page's worth of them, not all of them sorted (as one ORDER BY with the pins first
 * did, at every new rendering). A rare category or word is read from its own rows, not by walking
 * every entry until a page is found (as a "null or ..." condition on each entry did).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntryQueriesTest {

  private static final int IN_CATEGORY = 5_000;
  private static final int GERMAN = 3_000;

  @Inject
  EntryQueries queries;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  @Inject
  Plans plans;

  private long pinnedOld;
  private long pinnedOlder;
  private long pinnedHidden;
  private long pinnedElsewhere;
  private List<Long> newest;
  private List<Long> rare;
  private List<Long> rareFolded;

  @BeforeAll
  void store() {
    tx.executeWrite(s -> {
      long source = one("INSERT INTO source (url, next_poll_at) VALUES ('http://entry-queries.test/feed', now()) RETURNING id");
      long category = one("INSERT INTO category (slug, name_zh, name_en) VALUES ('eqt', '测试', 'Test') RETURNING id");
      long other = one("INSERT INTO category (slug, name_zh, name_en) VALUES ('eqt-other', '其他', 'Other') RETURNING id");
      // Entry g sorts g minutes ago: 1 is the newest.
      List<Long> ids = jdbc.prepareStatement(
          """
          INSERT INTO entry (source_id, identity_key, title, sort_at, first_seen_at, updated_at, content_hash)
          SELECT ?, 'eqt-' || g, 'entry ' || g, now() - g * interval '1 minute', now(), now(), 'h'
          FROM generate_series(1, ?) g ORDER BY g RETURNING id
          """, ps -> {
            ps.setLong(1, source);
            ps.setInt(2, IN_CATEGORY + 1000);
            return SqlArrays.longs(ps.executeQuery());
          });
      List<Long> inCategory = ids.subList(0, IN_CATEGORY);
      assign(inCategory, category);
      assign(ids.subList(IN_CATEGORY, ids.size()), other);
      pinnedOld = inCategory.get(2000);
      pinnedOlder = inCategory.get(2500);
      pinnedHidden = inCategory.get(1500);
      pinnedElsewhere = ids.get(IN_CATEGORY + 10);
      update("UPDATE entry SET pinned = true WHERE id = ANY(?::bigint[])", List.of(pinnedOld, pinnedOlder, pinnedHidden, pinnedElsewhere));
      update("UPDATE entry SET hidden = true WHERE id = ANY(?::bigint[])", List.of(pinnedHidden));
      newest = new ArrayList<>(inCategory.subList(0, 18));
      // Three entries spread over the list hold a word and a category no other has.
      rare = List.of(ids.get(700), ids.get(3_200), ids.get(IN_CATEGORY + 600));
      long rareCategory = one("INSERT INTO category (slug, name_zh, name_en) VALUES ('eqt-rare', '少见', 'Rare') RETURNING id");
      assign(rare, rareCategory);
      update("INSERT INTO entry_text (entry_id, body, searchable) SELECT unnest(?::bigint[]), 'a xylophone story', true", rare);
      // A German catalogue, older than the rest: every text has an ß. Three indexed ones and one
      // still queued name a street no other names.
      long german = one("INSERT INTO source (url, next_poll_at) VALUES ('http://entry-queries.test/de', now()) RETURNING id");
      List<Long> streets = jdbc.prepareStatement(
          """
          INSERT INTO entry (source_id, identity_key, title, sort_at, first_seen_at, updated_at, content_hash)
          SELECT ?, 'eqt-de-' || g, 'straße ' || g, now() - interval '30 days' - g * interval '1 second', now(), now(), 'h'
          FROM generate_series(1, ?) g ORDER BY g RETURNING id
          """, ps -> {
            ps.setLong(1, german);
            ps.setInt(2, GERMAN);
            return SqlArrays.longs(ps.executeQuery());
          });
      update("INSERT INTO entry_text (entry_id, body, searchable) SELECT id, 'die große straße nummer ' || id || repeat(' und eine weitere zeile', 40), true FROM unnest(?::bigint[]) id", streets);
      rareFolded = List.of(streets.get(100), streets.get(1_500), streets.get(2_900), streets.get(2_950));
      update("UPDATE entry_text SET body = 'ein haus in der zitherstraße' WHERE entry_id = ANY(?::bigint[])", rareFolded);
      update("UPDATE entry_text SET searchable = false WHERE entry_id = ANY(?::bigint[])", rareFolded.subList(3, 4));
      return null;
    });
    tx.executeWrite(s -> jdbc.prepareStatement("ANALYZE entry, entry_category, entry_text", ps -> ps.execute()));
  }

  private long one(String sql) {
    return jdbc.prepareStatement(sql, ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private void assign(List<Long> entries, long category) {
    jdbc.prepareStatement("INSERT INTO entry_category (entry_id, category_id, origin, score) SELECT unnest(?::bigint[]), ?, 'rule', 4", ps -> {
      ps.setArray(1, ps.getConnection().createArrayOf("bigint", entries.toArray()));
      ps.setLong(2, category);
      return ps.executeUpdate();
    });
  }

  private void update(String sql, List<Long> entries) {
    jdbc.prepareStatement(sql, ps -> {
      ps.setArray(1, ps.getConnection().createArrayOf("bigint", entries.toArray()));
      return ps.executeUpdate();
    });
  }

  private static EntryFilter feedPage(int limit) {
    return new EntryFilter(null, "eqt", null, limit, false, true).withPinnedFirst();
  }

  @Test
  void pinnedEntriesOfTheCategoryComeFirstThenTheNewest() {
    List<Long> page = queries.list(feedPage(20)).stream().map(EntryRow::id).toList();

    List<Long> expected = new ArrayList<>(List.of(pinnedOld, pinnedOlder));
    expected.addAll(newest);
    assertEquals(expected, page, "the two visible pins of the category, newest first, then the newest 18 others");
  }

  @Test
  void pinsBeyondTheLimitFillThePage() {
    List<Long> page = queries.list(feedPage(1)).stream().map(EntryRow::id).toList();

    assertEquals(List.of(pinnedOld), page);
  }

  @Test
  void aCursorPageIgnoresPins() {
    List<Long> page = queries.list(new EntryFilter(null, "eqt", null, 3, false, true)).stream().map(EntryRow::id).toList();

    assertEquals(newest.subList(0, 3), page, "an admin's or partner's list is in sort order only");
  }

  @Test
  void theFirstPageReadsAboutAPageOfEntriesNotTheWholeCategory() {
    for (boolean pinnedOnly : new boolean[] {false, true}) {
      long read = entriesRead(feedPage(20), pinnedOnly);

      assertTrue(read <= 200, (pinnedOnly ? "pins" : "the rest") + ": read " + read + " entries of " + IN_CATEGORY + " for a page of 20");
    }
  }

  @Test
  void aRareCategoryOrWordIsReadFromItsOwnRowsNotByWalkingEveryEntry() {
    EntryFilter rareCategory = new EntryFilter(null, "eqt-rare", null, 20, true, false);
    EntryFilter rareWord = new EntryFilter(null, null, null, 20, true, false).narrowed("xylophone", null, null, null);

    assertEquals(rare, queries.list(rareCategory).stream().map(EntryRow::id).toList());
    assertEquals(rare, queries.list(rareWord).stream().map(EntryRow::id).toList());
    for (EntryFilter f : List.of(rareCategory, rareWord)) {
      long read = entriesRead(f, false);
      assertTrue(read <= 50, "read " + read + " entries of " + (IN_CATEGORY + 1000) + " for the 3 that match " + f);
    }
  }

  /**
   * A word in texts spelt with ß, ς, İ or ı is looked up in their own trigram index (V39), over
   * their folded form: every query holding an i or ss read each such text with a regular
   * expression, and in a German catalogue that is nearly every text.
   */
  @ParameterizedTest
  @ValueSource(strings = {"Zitherstraße", "ZITHERSTRASSE", "zitherstrasse"})
  void aWordInTextsSpeltWithFoldsIsReadFromTheirOwnIndex(String query) {
    EntryFilter word = new EntryFilter(null, null, null, 20, true, false).narrowed(query, null, null, null);

    assertEquals(rareFolded, queries.list(word).stream().map(EntryRow::id).toList(), "three indexed and one queued");
    Map<?, ?> plan = plan(word, false);
    long read = Plans.read(plan, "f");
    assertTrue(read <= 50, "read " + read + " texts spelt with ß of " + GERMAN + " for the 3 indexed that match");
  }

  /** Entries the page's plan read (rows of {@code entry e}, all loops counted), run with EXPLAIN ANALYZE. */
  private long entriesRead(EntryFilter f, boolean pinnedOnly) {
    return Plans.rowsOf(plan(f, pinnedOnly), "e", "Actual Rows");
  }

  /** The top node of the page's plan, run with EXPLAIN ANALYZE. */
  private Map<?, ?> plan(EntryFilter f, boolean pinnedOnly) {
    Long category = f.category() == null ? null : tx.executeRead(s -> queries.categoryId(f.category())).orElseThrow();
    EntryQueries.Sql sql = EntryQueries.listing(f, category, pinnedOnly);
    return plans.explain(sql.text(), sql::bind);
  }
}
