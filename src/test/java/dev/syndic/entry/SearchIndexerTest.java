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
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Search finds text whether it is indexed yet or still queued, and never finds replaced text. */
@MicronautTest(transactional = false)
class SearchIndexerTest {

  /** Common Simplified characters, which normalizing keeps as they are. */
  private static final String COMMON =
      "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表";

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  @Inject
  SearchIndexer indexer;

  @Inject
  EntryQueries queries;

  @Inject
  EntryStore store;

  private long source;

  private long count(String sql) {
    return tx.executeRead(s -> jdbc.prepareStatement(sql, ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }));
  }

  private void write(String sql, Object... args) {
    tx.executeWrite(s -> jdbc.prepareStatement(sql, ps -> {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    }));
  }

  /** Stores (or changes) an entry as ingest does, through {@link EntryStore}. */
  private long entry(String key, String title, String text) {
    EntryDraft draft = new EntryDraft(key, null, null, title, null, "<p>" + text + "</p>", text, text, "zh", List.of(), null, null,
        key + ":" + title + ":" + text, "source:" + key + ":" + title + ":" + text, List.of());
    return tx.executeWrite(s -> store.upsertAll(source, List.of(draft), Instant.now())).get(0).orElseThrow().entryId();
  }

  private List<String> search(String q) {
    List<String> titles = new ArrayList<>();
    for (EntryRow row : tx.executeRead(s -> queries.list(new EntryFilter(source, null, null, 50, true, false, q, null, null, null, false)))) {
      titles.add(row.title());
    }
    return titles;
  }

  /** {@link #search}, with the trigram index as the only way to the indexed texts. */
  private List<String> searchThroughIndex(String q) {
    List<String> titles = new ArrayList<>();
    tx.executeRead(s -> {
      jdbc.prepareStatement("SET LOCAL enable_seqscan = off", ps -> ps.execute());
      for (EntryRow row : queries.list(new EntryFilter(source, null, null, 50, true, false, q, null, null, null, false))) {
        titles.add(row.title());
      }
      return null;
    });
    return titles;
  }

  @Test
  void queuedAndIndexedTextAreBothFoundAndReplacedTextIsNot() {
    write("INSERT INTO source (url, next_poll_at) VALUES ('http://search-indexer.test/feed', now() + interval '10 days')");
    source = count("SELECT id FROM source WHERE url = 'http://search-indexer.test/feed'");
    long wheat = entry("a", "秋收", "今年小麦丰收,农民在田间抢收");
    long chips = entry("b", "Chips", "a new accelerator for training language models");
    assertEquals(2, count("SELECT count(*) FROM entry_text WHERE entry_id IN (" + wheat + "," + chips + ")"),
        "an entry's text is stored with it (the background indexer may have indexed it already)");

    // Queued or already indexed by the background job: found either way.
    assertEquals(List.of("秋收"), search("小麦丰收"));
    assertEquals(List.of("Chips"), search("ACCELERATOR"));

    indexer.indexAll();
    assertEquals(0, count("SELECT count(*) FROM entry_text WHERE NOT searchable"));
    assertEquals(2, count("SELECT count(*) FROM entry_text WHERE entry_id IN (" + wheat + "," + chips + ")"));
    assertEquals(List.of("秋收"), search("小麦丰收"));
    assertEquals(List.of("秋收"), search("田间"), "two characters: scanned");
    assertEquals(List.of("Chips"), search("language model"));

    // A changed text is queued again; its old words stop matching at once, its new ones match.
    assertEquals(wheat, entry("a", "秋收", "玉米价格上涨"));
    assertEquals(1, count("SELECT count(*) FROM entry_text WHERE entry_id = " + wheat + " AND body = '玉米价格上涨'"));
    assertEquals(List.of(), search("小麦丰收"), "replaced text is not found, indexed or not");
    assertEquals(List.of("秋收"), search("玉米价格"));
    indexer.indexAll();
    assertEquals(List.of(), search("小麦丰收"));
    assertEquals(List.of("秋收"), search("玉米价格"));

    write("DELETE FROM entry WHERE id = ?", chips);
    assertEquals(0, count("SELECT count(*) FROM entry_text WHERE entry_id = " + chips), "deleting an entry drops its text");
  }

  /**
   * Texts go into the trigram index's pending list until it holds 16 MB (V50), and are found as
   * they were while they wait there and once merged: 120 texts of 700 characters drawn from 100
   * (about 700 trigrams each, some 2.5 pages of the list) fill some 300 pages, where at 1 MB a
   * merge ran as the list passed 128.
   */
  @Test
  void indexedTextsWaitInThePendingListAndAreFoundThereAndOnceMerged() {
    write("INSERT INTO source (url, next_poll_at) VALUES ('http://search-indexer.test/pending', now() + interval '10 days')");
    source = count("SELECT id FROM source WHERE url = 'http://search-indexer.test/pending'");
    SplittableRandom random = new SplittableRandom(7);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      StringBuilder text = new StringBuilder();
      random.ints(700, 0, COMMON.length()).forEach(k -> text.append(COMMON.charAt(k)));
      texts.add(text.toString());
      entry("pending-" + i, "长文" + i, text.toString());
    }
    indexer.indexAll();
    String inText = texts.get(57).substring(300, 305);
    String absent = texts.get(57).substring(300, 303) + texts.get(91).substring(10, 12);
    assertEquals(List.of("长文57"), searchThroughIndex(inText), "found in the pending list");
    assertEquals(List.of(), searchThroughIndex(absent));

    long merged = count("SELECT gin_clean_pending_list('entry_text_body_trgm_idx')");
    assertTrue(merged > 200, "the pending list held " + merged + " pages; at 1 MB it is merged past 128");
    assertEquals(List.of("长文57"), searchThroughIndex(inText), "found once merged");
    assertEquals(List.of(), searchThroughIndex(absent));
  }

  @Test
  void aRunThatOverranItsBudgetRestsFourTimesItsWork() {
    long second = 1_000_000_000L;
    assertEquals(second / 4, SearchIndexer.restUntil(0, second / 4), "within the budget: the scheduler's second is the rest");
    assertEquals(5 * second + 19 * second, SearchIndexer.restUntil(0, 5 * second), "a merge of 5 s: 20 s of rest with the scheduler's");
    assertEquals(100 + 4 * second, SearchIndexer.restUntil(100, 100 + second), "1 s of work: 4 s of rest, the scheduler's among them");
  }

  @Test
  void aBatchFitsWhatIsLeftOfTheBudget() {
    assertEquals(125, SearchIndexer.batchSize(250_000_000L, 2e6));
    assertEquals(SearchIndexer.MAX_BATCH, SearchIndexer.batchSize(250_000_000L, 1e3), "cheap texts: a full batch");
    assertEquals(0, SearchIndexer.batchSize(1_000_000L, 2e6), "less than one text's cost left: the run ends");
    assertEquals(0, SearchIndexer.batchSize(0, 2e6));
    assertEquals(0, SearchIndexer.batchSize(-5, 2e6));
    assertEquals(SearchIndexer.MAX_BATCH, SearchIndexer.batchSize(250_000_000L, 0), "no cost measured is no division by zero");
  }

  @Test
  void scheduledRunsIndexEveryQueuedText() throws InterruptedException {
    write("INSERT INTO source (url, next_poll_at) VALUES ('http://search-indexer.test/runs', now() + interval '10 days')");
    source = count("SELECT id FROM source WHERE url = 'http://search-indexer.test/runs'");
    for (int i = 0; i < 40; i++) {
      entry("run-" + i, "标题" + i, "第" + i + "篇关于春耕和水稻育秧的报道");
    }
    String queued = "SELECT count(*) FROM entry_text t JOIN entry e ON e.id = t.entry_id WHERE e.source_id = " + source + " AND NOT t.searchable";
    // A run that overran its budget (a merge, a loaded machine) rests before the next one works.
    for (long deadline = System.nanoTime() + 30_000_000_000L; count(queued) > 0 && System.nanoTime() < deadline; ) {
      indexer.run();
      Thread.sleep(20);
    }
    assertEquals(0, count(queued), "runs keep taking batches until the queue is empty");
    assertEquals(List.of("标题7"), search("第7篇"));
  }
}
