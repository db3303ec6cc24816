package dev.syndic.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.clean.CleanedEntry;
import dev.syndic.entry.ClusterStore;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two copies of one story whose transactions both look up candidates before either commits still
 * meet: the one that takes the clustering lock second looks again among what the first clustered
 * meanwhile (the clustering log).
 */
@MicronautTest(transactional = false)
class ConcurrentClusteringTest {

  private static final String BODY = "国家统计局今天发布数据显示今年全国粮食总产量再创新高比上年增加百分之一点六其中夏粮早稻和秋粮全面增产"
      + "专家表示良种良法配套和高标准农田建设是增产的主要原因各地在抗旱防汛方面也做了大量工作保障了粮食生产稳定";

  @Inject
  Deduplicator deduplicator;

  @Inject
  ClusterStore clusters;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  private long number(String sql) {
    return tx.executeRead(s -> jdbc.prepareStatement(sql, ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }));
  }

  private long source(String url) {
    tx.executeWrite(s -> jdbc.prepareStatement("INSERT INTO source (url, next_poll_at) VALUES ('" + url + "', now() + interval '10 days')",
        ps -> ps.executeUpdate()));
    return number("SELECT id FROM source WHERE url = '" + url + "'");
  }

  /** Stores one copy and clusters it, in one transaction, as ingest does. */
  private long ingest(long source, String link) {
    return tx.executeWrite(status -> {
      long id = jdbc.prepareStatement(
          "INSERT INTO entry (source_id, identity_key, link, title, core_text, sort_at, first_seen_at, updated_at, content_hash) "
              + "VALUES (?, 'story', ?, '全国粮食总产量再创新高', ?, now(), now(), now(), 'h') RETURNING id", ps -> {
            ps.setLong(1, source);
            ps.setString(2, link);
            ps.setString(3, BODY);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          });
      deduplicator.assign(source, List.of(new Deduplicator.NewEntry(id,
          new CleanedEntry("全国粮食总产量再创新高", "", BODY, BODY, BODY, "zh"), link)));
      return id;
    });
  }

  private long waitingForTheLock() {
    return number("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
  }

  @Test
  void copiesLookedUpAtTheSameTimeStillMeet() throws Exception {
    long first = source("http://clustering.test/a");
    long second = source("http://clustering.test/b");
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // Another ingest holds the clustering lock, so both copies do their first lookup, find
    // nothing, and queue for the lock.
    CompletableFuture<?> blocker = CompletableFuture.runAsync(() -> tx.executeWrite(status -> {
      clusters.lockForClustering();
      holding.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }));
    assertTrue(holding.await(30, TimeUnit.SECONDS));
    CompletableFuture<Long> a = CompletableFuture.supplyAsync(() -> ingest(first, "https://a.example.com/grain"));
    CompletableFuture<Long> b = CompletableFuture.supplyAsync(() -> ingest(second, "https://b.example.com/news/1"));
    for (int i = 0; i < 300 && waitingForTheLock() < 2; i++) {
      Thread.sleep(50);
    }
    assertEquals(2, waitingForTheLock(), "both copies looked up their candidates and wait for the lock");
    release.countDown();
    blocker.get(30, TimeUnit.SECONDS);
    long idA = a.get(30, TimeUnit.SECONDS);
    long idB = b.get(30, TimeUnit.SECONDS);

    long clusterA = number("SELECT cluster_id FROM entry WHERE id = " + idA);
    long clusterB = number("SELECT cluster_id FROM entry WHERE id = " + idB);
    assertEquals(clusterA, clusterB, "the copies share a cluster");
    assertEquals(1, number("SELECT count(*) FROM entry WHERE canonical AND id IN (" + idA + "," + idB + ")"), "one of them is canonical");
  }
}
