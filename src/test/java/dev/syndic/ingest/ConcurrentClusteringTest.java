package dev.syndic.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.clean.CleanedEntry;
import dev.syndic.entry.ClusteringLog;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Copies of one story whose transactions all look up candidates before any commits still meet:
 * each that takes the clustering lock after another looks again among what the others clustered
 * meanwhile (the clustering log), and only among the batches that share a key with its own.
 */
@MicronautTest(transactional = false)
class ConcurrentClusteringTest {

  private static final String GRAIN = "国家统计局今天发布数据显示今年全国粮食总产量再创新高比上年增加百分之一点六其中夏粮早稻和秋粮全面增产"
      + "专家表示良种良法配套和高标准农田建设是增产的主要原因各地在抗旱防汛方面也做了大量工作保障了粮食生产稳定";
  private static final String RAIL = "新建铁路线路今天上午正式开通运营沿线十二个车站同步启用旅客列车最高运行时速达到三百五十公里"
      + "铁路部门介绍说新线将两座省会城市之间的旅行时间缩短到一个半小时沿线居民出行和货物运输都将更加便利快捷";
  private static final String FOREST = "林业部门近日公布的监测结果表明全省森林覆盖率已经提高到百分之六十以上湿地面积也在逐年恢复"
      + "工作人员在保护区内记录到多种珍稀鸟类越冬栖息专家认为退耕还林和封山育林措施对生态改善起到了关键作用";
  private static final String FLOOD = "气象台发布暴雨橙色预警预计未来三天省内北部山区将出现持续强降雨局地累计雨量可能超过两百毫米"
      + "防汛指挥部要求各地加强巡查值守及时转移危险区域群众并对中小河流水库和地质灾害隐患点开展全面排查";
  private static final String CHIP = "一家本地芯片企业发布了新一代低功耗处理器采用自主设计的架构单位能耗下的运算性能比上一代提升近一倍"
      + "公司负责人表示新产品主要面向智能家居和可穿戴设备市场计划明年第一季度开始批量供货并与多家厂商展开合作";
  private static final String MUSEUM = "市博物馆新馆经过三年建设今天对公众开放首批展出的两千余件文物中有不少是近年考古发掘的新成果"
      + "馆方介绍开馆第一个月实行免费预约参观每天限流八千人周一闭馆讲解员和志愿者将在各个展厅为观众提供服务";

  /** An entry as a feed gives it. */
  private record Story(String key, String title, String body, String link) {}

  /** What an ingest stored, and how often its transaction read the key table by entry. */
  private record Ingested(List<Long> ids, long readsByEntry) {}

  @Inject
  Deduplicator deduplicator;

  @Inject
  ClusteringLog clusteringLog;

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

  /** Stores a source's stories and clusters them, in one transaction, as ingest does. */
  private Ingested ingest(long source, Story... stories) {
    return tx.executeWrite(status -> {
      // A table this small may be read whole instead of through an index, by either lookup: the
      // key table's reads by entry are counted through its index on entry_id alone.
      // The backend's counts since its last report (earlier transactions' too, until it reports).
      long readsBefore = readsByEntry();
      List<Long> ids = new ArrayList<>();
      List<Deduplicator.NewEntry> batch = new ArrayList<>();
      for (Story story : stories) {
        long id = jdbc.prepareStatement(
            "INSERT INTO entry (source_id, identity_key, link, title, core_text, sort_at, first_seen_at, updated_at, content_hash) "
                + "VALUES (?, ?, ?, ?, ?, now(), now(), now(), 'h') RETURNING id", ps -> {
              ps.setLong(1, source);
              ps.setString(2, story.key());
              ps.setString(3, story.link());
              ps.setString(4, story.title());
              ps.setString(5, story.body());
              try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
              }
            });
        ids.add(id);
        batch.add(new Deduplicator.NewEntry(id, new CleanedEntry(story.title(), "", story.body(), story.body(), story.body(), "zh"),
            story.link()));
      }
      deduplicator.assign(source, batch);
      return new Ingested(ids, readsByEntry() - readsBefore);
    });
  }

  /**
   * Reads of the key table by entry this transaction made: the lookup among entries clustered
   * meanwhile reads their keys so (the first lookup reads by key only).
   */
  private long readsByEntry() {
    return jdbc.prepareStatement(
        """
        SELECT pg_stat_get_xact_tuples_returned('entry_dedupe_key_entry_idx'::regclass)
           + (SELECT COALESCE(seq_tup_read, 0) FROM pg_stat_xact_user_tables WHERE relname = 'entry_dedupe_key')
        """,
        ps -> {
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  private long waitingForTheLock() {
    return number("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
  }

  /**
   * Runs these ingests while another transaction holds the clustering lock, so that all of them do
   * their first lookup, find nothing, and queue for it; then lets them go.
   */
  private List<Ingested> queuedTogether(List<java.util.function.Supplier<Ingested>> ingests) throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<?> blocker = CompletableFuture.runAsync(() -> tx.executeWrite(status -> {
      clusteringLog.lockForClustering();
      holding.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }));
    assertTrue(holding.await(30, TimeUnit.SECONDS));
    List<CompletableFuture<Ingested>> running = ingests.stream().map(CompletableFuture::supplyAsync).toList();
    for (int i = 0; i < 300 && waitingForTheLock() < ingests.size(); i++) {
      Thread.sleep(50);
    }
    assertEquals(ingests.size(), waitingForTheLock(), "all looked up their candidates and wait for the lock");
    release.countDown();
    blocker.get(30, TimeUnit.SECONDS);
    List<Ingested> out = new ArrayList<>();
    for (CompletableFuture<Ingested> f : running) {
      out.add(f.get(30, TimeUnit.SECONDS));
    }
    return out;
  }

  private long clusterOf(long id) {
    return number("SELECT cluster_id FROM entry WHERE id = " + id);
  }

  private long canonicalAmong(List<Long> ids) {
    return number("SELECT count(*) FROM entry WHERE canonical AND id IN ("
        + ids.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")");
  }

  @Test
  void copiesLookedUpAtTheSameTimeStillMeet() throws Exception {
    long first = source("http://clustering.test/a");
    long second = source("http://clustering.test/b");
    List<Ingested> done = queuedTogether(List.of(
        () -> ingest(first, new Story("story", "全国粮食总产量再创新高", GRAIN, "https://a.example.com/grain")),
        () -> ingest(second, new Story("story", "全国粮食总产量再创新高", GRAIN, "https://b.example.com/news/1"))));
    long idA = done.get(0).ids().get(0);
    long idB = done.get(1).ids().get(0);

    assertEquals(clusterOf(idA), clusterOf(idB), "the copies share a cluster");
    assertEquals(1, canonicalAmong(List.of(idA, idB)), "one of them is canonical");
  }

  @Test
  void severalSourcesIngestingCopiesAtOnceClusterEachStoryOnce() throws Exception {
    long[] sources = new long[4];
    for (int i = 0; i < sources.length; i++) {
      sources[i] = source("http://clustering.test/many-" + i);
    }
    Story rail = new Story("rail", "新建铁路线路今天正式开通运营", RAIL, null);
    Story forest = new Story("forest", "全省森林覆盖率提高到百分之六十", FOREST, null);
    Story flood = new Story("flood", "气象台发布暴雨橙色预警", FLOOD, null);
    // Four batches at once: the rail story thrice, the forest and flood stories twice each, each
    // batch meeting some of the others and not the rest.
    List<Ingested> done = queuedTogether(List.of(
        () -> ingest(sources[0], rail, forest),
        () -> ingest(sources[1], rail, flood),
        () -> ingest(sources[2], rail),
        () -> ingest(sources[3], forest, flood)));
    List<Long> rails = List.of(done.get(0).ids().get(0), done.get(1).ids().get(0), done.get(2).ids().get(0));
    List<Long> forests = List.of(done.get(0).ids().get(1), done.get(3).ids().get(0));
    List<Long> floods = List.of(done.get(1).ids().get(1), done.get(3).ids().get(1));

    for (List<Long> story : List.of(rails, forests, floods)) {
      assertEquals(1, story.stream().map(this::clusterOf).distinct().count(), "one cluster for the copies " + story);
      assertEquals(1, canonicalAmong(story), "one canonical among " + story);
    }
    assertEquals(3, List.of(rails, forests, floods).stream().map(s -> clusterOf(s.get(0))).distinct().count(), "three stories");
  }

  @Test
  void aBatchSharingNoKeyWithThoseClusteredMeanwhileIsNotLookedUpAgain() throws Exception {
    long first = source("http://clustering.test/apart-a");
    long second = source("http://clustering.test/apart-b");
    List<Ingested> done = queuedTogether(List.of(
        () -> ingest(first, new Story("chip", "本地企业发布新一代低功耗处理器", CHIP, "https://a.example.com/chip")),
        () -> ingest(second, new Story("museum", "市博物馆新馆今天对公众开放", MUSEUM, "https://b.example.com/museum"))));

    // Whichever took the lock second had the other's batch logged meanwhile, of other keys: neither
    // read the key table by entry (the lookup among them).
    assertEquals(List.of(0L, 0L), done.stream().map(Ingested::readsByEntry).toList(), "reads of the key table by entry");
    assertTrue(clusterOf(done.get(0).ids().get(0)) != clusterOf(done.get(1).ids().get(0)), "two stories");
  }
}
