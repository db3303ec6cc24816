package dev.syndic.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.SqlArrays;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The clustering log answers a batch the batches logged since the epoch it read that may share a
 * key with it, and logs the batch.
 */
@MicronautTest(transactional = false)
class ClusteringLogTest {

  @Inject
  ClusteringLog clusteringLog;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  private long source(String url) {
    return new ClusterRows(jdbc, tx).source(url);
  }

  private List<Long> entries(long source, String prefix, int n) {
    return new ClusterRows(jdbc, tx).entries(source, prefix, n);
  }

  @Test
  void theLogAnswersOnlyBatchesLoggedMeanwhileThatShareAKeyOrKeptNone() {
    long other = source("http://cluster-store.test/log-other");
    long mine = source("http://cluster-store.test/log-mine");
    long shared = 0x7000_0001_0000_0001L;
    long before = entries(other, "log-before-", 1).get(0);
    tx.executeWrite(s -> clusteringLog.logClustered(0, List.of(before), List.of(List.of(shared))));
    long epoch = tx.executeRead(s -> clusteringLog.clusteringEpoch());
    List<Long> meeting = entries(other, "log-meeting-", 2);
    List<Long> apart = entries(other, "log-apart-", 1);
    List<Long> sameHalf = entries(other, "log-same-half-", 1);
    List<Long> keyless = entries(other, "log-keyless-", 1);
    tx.executeWrite(s -> clusteringLog.logClustered(epoch, meeting, List.of(List.of(0x7000_0002_0000_0001L), List.of(shared))));
    tx.executeWrite(s -> clusteringLog.logClustered(epoch, apart, List.of(List.of(0x7000_0003_0000_0001L, -5L))));
    tx.executeWrite(s -> clusteringLog.logClustered(epoch, sameHalf, List.of(List.of(0x7000_0004_0000_0009L))));
    // As an instance of the version before V47 logs a batch: without its keys.
    tx.executeWrite(s -> jdbc.prepareStatement("INSERT INTO clustering_log (entry_ids) VALUES (?)", ps -> {
      ps.setArray(1, ps.getConnection().createArrayOf("bigint", keyless.toArray(Long[]::new)));
      return ps.executeUpdate();
    }));
    long fresh = entries(mine, "log-fresh-", 1).get(0);

    List<Long> meanwhile = tx.executeWrite(
        s -> clusteringLog.logClustered(epoch, List.of(fresh), List.of(List.of(shared, 0x7000_0004_0000_0001L, 12L))));

    List<Long> expected = new ArrayList<>(meeting);
    expected.addAll(sameHalf);
    expected.addAll(keyless);
    // Not the batch logged before the epoch, which shares a key too, nor the batch of other keys.
    assertEquals(expected, meanwhile, "the batches that share a key (or a key's high half), and the one logged without keys");
    assertEquals(List.of(fresh), tx.executeRead(s -> jdbc.prepareStatement(
        "SELECT unnest(entry_ids) FROM clustering_log WHERE epoch = (SELECT max(epoch) FROM clustering_log)",
        ps -> SqlArrays.longs(ps.executeQuery()))), "the batch is logged");
  }
}
