package dev.syndic.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two candidate lookups production runs (the batch's keys stored and looked up in one
 * statement, and the lookup under the clustering lock among the entries clustered meanwhile) find
 * each key's newest entries of other sources, newest first, at most {@code limit} per entry. A
 * key's lookup reads at most {@link DedupeKeyStore#SCANNED_PER_KEY} of its newest index entries: a
 * key one source floods (a feed of thousands of copies of one item) costs no more than a rare one,
 * and hides that key's older entries of other sources, which a rarer key still finds.
 */
@MicronautTest(transactional = false)
class DedupeKeyStoreTest {

  @Inject
  DedupeKeyStore dedupeKeys;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  @Inject
  Plans plans;

  private long source(String url) {
    return new ClusterRows(jdbc, tx).source(url);
  }

  private List<Long> entries(long source, String prefix, int n) {
    return new ClusterRows(jdbc, tx).entries(source, prefix, n);
  }

  private void index(List<Long> ids, long key) {
    index(ids, Collections.nCopies(ids.size(), List.of(key)));
  }

  /** Stores these keys of these entries (the lookup that comes with it answers nothing: limit 0). */
  private void index(List<Long> ids, List<List<Long>> keys) {
    dedupeKeys.indexAndFindCandidates(0, ids, keys, 0);
  }

  @Test
  void aKeyOneSourceFloodsIsReadOnlyAsFarAsTheScanBound() {
    long other = source("http://cluster-store.test/other");
    long flood = source("http://cluster-store.test/flood");
    long older = entries(other, "older-", 1).get(0);
    List<Long> copies = entries(flood, "copy-", DedupeKeyStore.SCANNED_PER_KEY + 50);
    List<Long> fresh = entries(flood, "fresh-", 2);
    List<Long> flooded = new ArrayList<>(copies);
    flooded.add(older);
    index(flooded, 7L);
    List<Long> few = new ArrayList<>(copies.subList(0, 10));
    few.add(older);
    index(few, 8L);

    Map<Long, List<DedupeKeyStore.Candidate>> floodedKey = dedupeKeys.indexAndFindCandidates(flood, fresh.subList(0, 1), List.of(List.of(7L)), 50);
    Map<Long, List<DedupeKeyStore.Candidate>> rareKey = dedupeKeys.indexAndFindCandidates(flood, fresh.subList(1, 2), List.of(List.of(8L)), 50);

    assertEquals(Map.of(), floodedKey, "the other source's entry lies past the newest " + DedupeKeyStore.SCANNED_PER_KEY);
    assertEquals(List.of(older), ids(rareKey.get(fresh.get(1))), "a key fewer entries share still finds it");
    // Under the lock the bound holds among the entries clustered meanwhile: the newest of those.
    assertEquals(Map.of(), dedupeKeys.candidates(flood, fresh.subList(0, 1), List.of(List.of(7L)), 50, flooded),
        "among the flood, the other source's entry lies past the newest " + DedupeKeyStore.SCANNED_PER_KEY + " of them too");
    assertEquals(List.of(older), ids(dedupeKeys.candidates(flood, fresh.subList(0, 1), List.of(List.of(7L)), 50, few).get(fresh.get(0))),
        "among fewer entries that have the key it is within the bound");
  }

  @Test
  void aBatchFindsEachKeysNewestEntriesOfOtherSourcesAndStoresItsKeys() {
    long other = source("http://cluster-store.test/store-find-other");
    long mine = source("http://cluster-store.test/store-find-mine");
    List<Long> copies = entries(other, "store-find-copy-", DedupeKeyStore.SCANNED_PER_KEY + 10);
    index(copies, 700_001L);
    long rare = entries(other, "store-find-rare-", 1).get(0);
    long own = entries(mine, "store-find-own-", 1).get(0);
    index(List.of(rare, own), 700_002L);
    List<Long> batch = entries(mine, "store-find-", 3);
    List<List<Long>> keys = List.of(List.of(700_001L, 700_002L), List.of(700_002L, 700_003L, 700_003L), List.of(700_004L));

    Map<Long, List<DedupeKeyStore.Candidate>> found = dedupeKeys.indexAndFindCandidates(mine, batch, keys, 50);

    List<Long> expected = new ArrayList<>(List.of(rare));
    expected.addAll(newestFirst(copies).subList(0, DedupeKeyStore.PER_KEY));
    assertEquals(expected, ids(found.get(batch.get(0))), "the rare key's entry and the flooded key's " + DedupeKeyStore.PER_KEY
        + " newest, newest first");
    assertEquals(List.of(rare), ids(found.get(batch.get(1))), "the other source's entry of the key, not the source's own");
    assertFalse(found.containsKey(batch.get(2)), "a key no other entry has finds nothing");
    assertEquals(List.of(700_002L, 700_003L), keysOf(batch.get(1)), "the keys are stored, a repeated one once");
    List<Long> stored = new ArrayList<>(copies);
    stored.addAll(List.of(rare, own));
    assertEquals(found, dedupeKeys.candidates(mine, batch, keys, 50, stored),
        "the lookup under the lock among every entry stored before finds the same, in the same order");
    long later = entries(other, "store-find-later-", 1).get(0);
    assertEquals(List.of(batch.get(1)), ids(dedupeKeys.indexAndFindCandidates(other, List.of(later), List.of(List.of(700_003L)), 50).get(later)),
        "a later batch of another source finds them");
  }

  @Test
  void eachEntryGetsAtMostLimitCandidatesTheNewest() {
    long other = source("http://cluster-store.test/limit-other");
    long mine = source("http://cluster-store.test/limit-mine");
    List<Long> stored = entries(other, "limit-", 12);
    index(stored.subList(0, 6), List.of(List.of(600_001L), List.of(600_001L), List.of(600_001L), List.of(600_002L), List.of(600_002L),
        List.of(600_002L)));
    index(stored.subList(6, 12), 600_003L);
    List<Long> batch = entries(mine, "limit-fresh-", 2);
    List<List<Long>> keys = List.of(List.of(600_001L, 600_002L, 600_003L), List.of(600_001L));

    Map<Long, List<DedupeKeyStore.Candidate>> found = dedupeKeys.indexAndFindCandidates(mine, batch, keys, 4);

    assertEquals(newestFirst(stored).subList(0, 4), ids(found.get(batch.get(0))), "the four newest of its keys' twelve");
    assertEquals(newestFirst(stored.subList(0, 3)), ids(found.get(batch.get(1))), "fewer than the limit: all three");
    assertEquals(found, dedupeKeys.candidates(mine, batch, keys, 4, stored), "the lookup under the lock bounds them alike");
  }

  @Test
  void aLookupAmongEntriesClusteredMeanwhileReadsOnlyTheKeysTheyHave() {
    long other = source("http://cluster-store.test/meanwhile-other");
    long mine = source("http://cluster-store.test/meanwhile-mine");
    long before = entries(other, "before-", 1).get(0);
    long meanwhile = entries(other, "meanwhile-", 1).get(0);
    long fresh = entries(mine, "fresh-", 1).get(0);
    index(List.of(before), 900_001L);
    index(List.of(meanwhile), 900_002L);
    List<Long> keys = new ArrayList<>(List.of(900_001L, 900_002L));
    for (long k = 900_003L; k < 900_016L; k++) {
      keys.add(k);
    }

    long[] scans = new long[1];
    Map<Long, List<DedupeKeyStore.Candidate>> found = tx.executeWrite(s -> {
      long start = keyTableScans();
      Map<Long, List<DedupeKeyStore.Candidate>> out = dedupeKeys.candidates(mine, List.of(fresh), List.of(keys), 50, List.of(meanwhile));
      scans[0] = keyTableScans() - start;
      return out;
    });

    assertEquals(List.of(meanwhile), found.get(fresh).stream().map(DedupeKeyStore.Candidate::entryId).toList(),
        "only the entry clustered meanwhile is looked at, through the key it shares");
    // The entries' keys once, then the one key of the batch they have: not a probe per key (15).
    assertTrue(scans[0] <= 2, "scans of entry_dedupe_key for " + keys.size() + " keys: " + scans[0]);
    assertEquals(Map.of(), dedupeKeys.candidates(mine, List.of(fresh), List.of(keys), 50, List.of()), "none clustered meanwhile");
    assertThrows(NullPointerException.class, () -> dedupeKeys.candidates(mine, List.of(fresh), List.of(keys), 50, null),
        "the lookup among every stored entry is indexAndFindCandidates");
  }

  /**
   * The batch's keys are tested against a hash of the keys of the entries clustered meanwhile,
   * never joined with them: as a semi-join, the generic plan PostgreSQL takes once pgjdbc prepares
   * the statement (at its fifth run) probed the key index for each of the batch's keys on a table
   * of 450,000 keys, which the small tables here do not show by the scans above.
   */
  @Test
  void theLookupAmongTestsTheBatchsKeysAgainstAHashNotByAJoin() {
    Long[] one = {1L};
    String plan = plans.explain(DedupeKeyStore.AMONG, ps -> {
      java.sql.Array ids = ps.getConnection().createArrayOf("bigint", one);
      ps.setArray(1, ids);
      ps.setArray(2, ids);
      ps.setArray(3, ids);
      ps.setInt(4, DedupeKeyStore.SCANNED_PER_KEY);
      ps.setLong(5, 0);
      ps.setInt(6, DedupeKeyStore.PER_KEY);
      ps.setArray(7, ids);
      ps.setInt(8, 50);
    }).toString();

    assertTrue(plan.contains("hashed SubPlan"), plan);
    assertFalse(plan.contains("Join Type=Semi"), plan);
  }

  @Test
  void rekeyingLeavesEachEntryExactlyItsNewKeysAndTheOthersTheirs() {
    long src = source("http://cluster-store.test/rekey");
    List<Long> ids = entries(src, "rekey-", 3);
    long edited = ids.get(0);
    long emptied = ids.get(1);
    long untouched = ids.get(2);
    index(ids, List.of(List.of(800_001L, 800_002L, 800_003L), List.of(800_004L, 800_005L), List.of(800_001L, 800_006L)));

    dedupeKeys.rekey(List.of(edited, emptied), List.of(List.of(800_003L, 800_002L, 800_007L, 800_007L), List.of()));

    assertEquals(List.of(800_002L, 800_003L, 800_007L), keysOf(edited), "two kept, one lost, one gained (given twice)");
    assertEquals(List.of(), keysOf(emptied), "an entry with no keys now keeps none");
    assertEquals(List.of(800_001L, 800_006L), keysOf(untouched), "another entry's keys, the same one among them, stay");
  }

  private static List<Long> ids(List<DedupeKeyStore.Candidate> candidates) {
    return candidates.stream().map(DedupeKeyStore.Candidate::entryId).toList();
  }

  private static List<Long> newestFirst(List<Long> ids) {
    List<Long> out = new ArrayList<>(ids);
    out.sort(Collections.reverseOrder());
    return out;
  }

  private List<Long> keysOf(long entryId) {
    return tx.executeRead(s -> jdbc.prepareStatement("SELECT key FROM entry_dedupe_key WHERE entry_id = ? ORDER BY key", ps -> {
      ps.setLong(1, entryId);
      return SqlArrays.longs(ps.executeQuery());
    }));
  }

  /** Scans of the key table (its indexes' and its own) begun in this transaction so far. */
  private long keyTableScans() {
    return jdbc.prepareStatement(
        "SELECT COALESCE(seq_scan, 0) + COALESCE(idx_scan, 0) FROM pg_stat_xact_user_tables WHERE relname = 'entry_dedupe_key'", ps -> {
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
