package dev.syndic.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Await;
import dev.syndic.support.RawSql;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The arrival order follows commit order: whatever commits late, and however many sequencers run,
 * a reader that reads on after the last position it saw never misses an entry. The scheduled
 * sequencer is held off (an hour's tick), so each test runs the sequencing it means to.
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.arrival.tick", value = "1h")
class ArrivalSequencerTest {

  @Inject
  ArrivalSequencer sequencer;

  @Inject
  EntryStore store;

  @Inject
  CategoryAssignments assignments;

  @Inject
  TransactionOperations<Connection> tx;

  @Inject
  RawSql raw;

  private long source;

  @BeforeEach
  void newSource() {
    source = raw.number("INSERT INTO source (url, next_poll_at) VALUES (?, now() + interval '10 days') RETURNING id",
        "http://arrival.test/" + UUID.randomUUID());
  }

  @Test
  void eachQueuedEntryIsNumberedOnceInIdOrder() {
    List<Long> ids = new ArrayList<>();
    tx.executeWrite(s -> {
      for (String key : List.of("a", "b", "c")) {
        ids.add(store(key, "first words of " + key));
      }
      return null;
    });
    ids.add(store("d", "first words of d"));
    ids.add(store("a", "other words of a")); // an update: a is queued twice before any numbering
    sequencer.sequenceAll();
    Map<Long, Long> at = positions();
    assertEquals(Set.of(ids.get(0), ids.get(1), ids.get(2), ids.get(3)), at.keySet(), "each entry once, however often queued");
    List<Long> byPosition = at.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
    assertEquals(ids.subList(0, 4), byPosition, "committed before one run: numbered in id order");
    assertEquals(0, queuedRows());
    assertFalse(sequencer.queued(), "nothing else is queued");
  }

  @Test
  void aTransactionThatCommitsLateIsNumberedAfterEverythingCommittedBeforeIt() throws Exception {
    CountDownLatch inserted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    CompletableFuture<Long> late = CompletableFuture.supplyAsync(() -> tx.executeWrite(s -> {
      long id = store("late", "stored first, committed last");
      inserted.countDown();
      await(release);
      return id;
    }), thread);
    thread.shutdown();
    assertTrue(inserted.await(20, TimeUnit.SECONDS));
    long early = store("early", "stored second, committed first");
    sequencer.sequenceAll();
    long reached = raw.number("SELECT COALESCE(max(arrival), 0) FROM entry_arrival");
    assertEquals(Set.of(early), positions().keySet(), "the open transaction's entry has no position yet");

    release.countDown();
    long lateId = late.get(20, TimeUnit.SECONDS);
    assertTrue(lateId < early, "the late entry has the lower id: paging by id would skip it");
    sequencer.sequenceAll();
    assertTrue(positions().get(lateId) > reached, "a reader who had read up to " + reached + " reads it next");
  }

  @Test
  void aSequencerLeavesTheQueueAloneWhileAnotherHoldsTheLock() throws Exception {
    long id = store("locked", "waits for the other sequencer");
    try (Connection other = raw.connection()) {
      other.setAutoCommit(false);
      try (PreparedStatement ps = other.prepareStatement("SELECT pg_try_advisory_xact_lock(?), nextval('entry_arrival_seq')")) {
        ps.setLong(1, ArrivalSequencer.LOCK);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertTrue(rs.getBoolean(1));
        }
      }
      // The other one drew a number and has not committed it: numbering anything now could let a
      // reader pass that number before it becomes visible.
      ArrivalSequencer.Run run = sequencer.sequence(ArrivalSequencer.BATCH);
      assertFalse(run.ran());
      assertEquals(1, queuedRows(id));
      assertFalse(positions().containsKey(id));
      other.commit();
    }
    assertTrue(sequencer.sequence(ArrivalSequencer.BATCH).ran());
    assertTrue(positions().containsKey(id));
  }

  /**
   * Writers commit in an order of their own, two sequencers race, a reader reads on after the
   * last position it saw: at the end the reader has seen every entry, and each has one position.
   */
  @Test
  void racingSequencersNeverLetAReaderSkipAnEntry() throws Exception {
    Set<Long> stored = ConcurrentHashMap.newKeySet();
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicBoolean reading = new AtomicBoolean(true);
    AtomicInteger ran = new AtomicInteger();
    AtomicInteger busy = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      // The sequencers start while a third party holds the lock, so that they are seen to find it
      // taken whatever the scheduling; then they race each other and the writers.
      List<CompletableFuture<Void>> sequencers = new ArrayList<>();
      try (Connection other = raw.connection()) {
        other.setAutoCommit(false);
        try (PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          ps.setLong(1, ArrivalSequencer.LOCK);
          ps.execute();
        }
        for (int q = 0; q < 2; q++) {
          sequencers.add(CompletableFuture.runAsync(() -> {
            while (writing.get()) {
              (sequencer.sequence(3).ran() ? ran : busy).incrementAndGet();
            }
          }, threads));
        }
        Await.until("both sequencers found the lock taken", Duration.ofSeconds(10), () -> busy.get() >= 2);
        other.commit();
      }
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        int writer = w;
        writers.add(CompletableFuture.runAsync(() -> {
          for (int i = 0; i < 40; i++) {
            String key = "race-" + writer + "-" + i;
            stored.add(tx.executeWrite(s -> {
              long id = store(key, "words of " + key);
              Await.pause(ThreadLocalRandom.current().nextInt(4)); // commits late now and then
              return id;
            }));
          }
        }, threads));
      }
      CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
        for (long last = 0; reading.get(); Await.pause(1)) {
          last = readAfter(last, seen);
        }
      }, threads);
      CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      writing.set(false);
      CompletableFuture.allOf(sequencers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      sequencer.sequenceAll();
      try {
        Await.until("the reader has seen every entry", Duration.ofSeconds(10), () -> seen.containsAll(stored), reader::isDone, () -> {
          Set<Long> missed = new HashSet<>(stored);
          missed.removeAll(seen);
          return "; skipped for good: " + positions(missed);
        });
      } finally {
        reading.set(false);
      }
      reader.get(10, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }
    assertEquals(120, stored.size());
    assertEquals(stored, seen);
    assertEquals(stored, positions().keySet());
    assertEquals(120, raw.number("SELECT count(*) FROM entry_arrival a JOIN entry e ON e.id = a.entry_id WHERE e.source_id = ?", source),
        "one position each");
    assertTrue(ran.get() > 0 && busy.get() > 0, () -> "the sequencers raced: " + ran + " ran, " + busy + " found the lock taken");
  }

  @Test
  void anEntryBeingDeletedWaitsInTheQueueAndADeletedOneIsDropped() throws Exception {
    long id = store("doomed", "deleted soon");
    try (Connection deleter = raw.connection()) {
      deleter.setAutoCommit(false);
      execute(deleter, "DELETE FROM entry WHERE id = " + id);
      sequencer.sequence(ArrivalSequencer.BATCH); // does not wait for the deleter
      assertFalse(positions().containsKey(id));
      assertEquals(1, queuedRows(id), "queued again for the next run");
      deleter.rollback();
    }
    sequencer.sequenceAll();
    assertTrue(positions().containsKey(id), "the delete was rolled back: numbered on the next run");

    store("doomed", "changed, queued again");
    sql("DELETE FROM entry WHERE id = ?", id);
    assertFalse(positions().containsKey(id), "a deleted entry leaves the arrival order");
    sequencer.sequenceAll();
    assertEquals(0, queuedRows(id), "its queued id is dropped");
    assertFalse(positions().containsKey(id));
  }

  @Test
  void anEntryComesAgainWhenChangedShownAgainMadeCanonicalOrFiledByAnAdmin() {
    long id = store("again", "the first words");
    sequencer.sequenceAll();
    long first = positions().get(id);
    store("again", "the first words");
    assertEquals(0, queuedRows(id), "stored again unchanged: not queued");
    store("again", "corrected words");
    assertEquals(1, queuedRows(id), "changed: queued");
    sequencer.sequenceAll();
    long second = positions().get(id);
    assertTrue(second > first, "moved to a new position, and only that one");

    sql("UPDATE entry SET hidden = TRUE WHERE id = ?", id);
    sql("UPDATE entry SET pinned = TRUE, hidden = hidden WHERE id = ?", id);
    assertEquals(0, queuedRows(id), "hiding (or pinning a hidden entry) does not queue it");
    sql("UPDATE entry SET hidden = FALSE WHERE id = ?", id);
    assertEquals(1, queuedRows(id), "shown again: queued");
    sequencer.sequenceAll();

    sql("UPDATE entry SET canonical = FALSE WHERE id = ?", id);
    assertEquals(0, queuedRows(id));
    sql("UPDATE entry SET canonical = TRUE WHERE id = ?", id);
    assertEquals(1, queuedRows(id), "chosen as its story's canonical entry: queued");
    sequencer.sequenceAll();

    sql("INSERT INTO entry_category (entry_id, category_id, origin, score) SELECT ?, id, 'rule', 3 FROM category WHERE slug = 'ai'", id);
    assertEquals(0, queuedRows(id), "the machine's categories come with ingest, which queued the entry already");
    tx.executeWrite(s -> {
      assignments.setByAdmin(id, List.of("agriculture"));
      return null;
    });
    assertEquals(1, queuedRows(id), "filed by an admin: queued");
    sequencer.sequenceAll();
    assertTrue(positions().get(id) > second);
  }

  /**
   * A category switched off is gone through a batch of its entries per run, each run numbering
   * the removals of its batch (a hidden entry had left already: none for it); switched on, its
   * entries come again a batch per run, but only once a re-categorizing begun after the switch has
   * ended (V60). No other category's entries are touched.
   */
  @Test
  void aSwitchedCategoryIsGoneThroughABatchPerRun() {
    long category = raw.number("INSERT INTO category (slug, name_zh, name_en) VALUES (?, 'x', 'x') RETURNING id",
        "switch-" + UUID.randomUUID().toString().substring(0, 8));
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long id = store("switched-" + i, "words of switched entry " + i);
      sql("INSERT INTO entry_category (entry_id, category_id, origin, score) VALUES (?, ?, 'source', 1)", id, category);
      ids.add(id);
    }
    long other = store("switched-other", "words of an entry in another category");
    sql("INSERT INTO entry_category (entry_id, category_id, origin, score) SELECT ?, id, 'source', 1 FROM category WHERE slug = 'ai'", other);
    sql("UPDATE entry SET hidden = TRUE WHERE id = ?", ids.get(2));
    sequencer.sequenceAll();
    Map<Long, Long> before = positions();

    sql("UPDATE category SET enabled = FALSE WHERE id = ?", category);
    sql("UPDATE category SET name_en = 'y' WHERE id = ?", category);
    assertEquals(1, raw.number("SELECT count(*) FROM category_switch WHERE category_id = ?", category), "recorded once: a change of name is no switch");
    List<Long> batches = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      sequencer.sequence(2);
      batches.add(raw.number("SELECT count(*) FROM entry_departure WHERE ? = ANY (category_ids) AND entry_id = ANY (?)", category,
          ids.toArray(Long[]::new)));
    }
    assertEquals(List.of(2L, 3L, 4L), batches, "two entries a run, the hidden one without a removal");
    assertEquals(0, raw.number("SELECT count(*) FROM category_switch WHERE category_id = ?", category), "done after the last batch");

    sql("UPDATE category SET enabled = TRUE WHERE id = ?", category);
    sequencer.sequenceAll();
    assertEquals(before, positions(), "waits for the re-categorizing its switch asked for");
    sql("UPDATE recategorize_request SET requested = requested + 1, completed = requested + 1");
    assertEquals(2 + 2, sequencer.sequence(2).numbered(), "two entries gone through, and numbered in the same run");
    sequencer.sequenceAll();
    Map<Long, Long> after = positions();
    for (long id : ids) {
      assertEquals(id != ids.get(2), after.get(id) > before.get(id), "entry " + id + " comes again unless hidden");
    }
    assertEquals(before.get(other), after.get(other), "another category's entry stays where it was");
  }

  private long store(String key, String text) {
    EntryDraft draft = new EntryDraft(key, null, null, "Title " + key, null, "<p>" + text + "</p>", text, text, "en", List.of(), null, null,
        key + ":" + text, "source:" + key + ":" + text, List.of());
    return tx.executeWrite(s -> store.upsertAll(source, List.of(draft), Instant.now())).get(0).map(StoredChange::entryId)
        .orElseGet(() -> raw.number("SELECT id FROM entry WHERE source_id = ? AND identity_key = ?", source, key));
  }

  /** Reads the positions after {@code last} as a partner would, adding this source's entries to {@code seen}; the new last position. */
  private long readAfter(long last, Set<Long> seen) {
    try (Connection c = raw.connection(); PreparedStatement ps = c.prepareStatement(
        "SELECT a.arrival, a.entry_id FROM entry_arrival a JOIN entry e ON e.id = a.entry_id WHERE a.arrival > ? AND e.source_id = ? ORDER BY a.arrival")) {
      ps.setLong(1, last);
      ps.setLong(2, source);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          last = rs.getLong(1);
          seen.add(rs.getLong(2));
        }
      }
      return last;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** This source's entries and their positions. */
  private Map<Long, Long> positions() {
    Map<Long, Long> out = new HashMap<>();
    try (Connection c = raw.connection(); PreparedStatement ps = c.prepareStatement(
        "SELECT a.entry_id, a.arrival FROM entry_arrival a JOIN entry e ON e.id = a.entry_id WHERE e.source_id = ?")) {
      ps.setLong(1, source);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), rs.getLong(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private Map<Long, Long> positions(Set<Long> ids) {
    Map<Long, Long> all = positions();
    all.keySet().retainAll(ids);
    return all;
  }

  private long queuedRows(long entryId) {
    return raw.number("SELECT count(*) FROM entry_arrival_queue WHERE entry_id = ?", entryId);
  }

  private long queuedRows() {
    return raw.number("SELECT count(*) FROM entry_arrival_queue q JOIN entry e ON e.id = q.entry_id WHERE e.source_id = ?", source);
  }


  private void sql(String sql, Object... args) {
    try (Connection c = raw.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.execute();
    }
  }


  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released within 20 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
