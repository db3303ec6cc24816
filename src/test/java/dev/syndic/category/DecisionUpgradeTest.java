package dev.syndic.category;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.support.Await;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An upgrade that decides categories another way categorizes stored entries again, once. */
@MicronautTest(transactional = false)
class DecisionUpgradeTest extends FeedServerTest {

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  @Inject
  DecisionUpgrade upgrade;

  @Inject
  Recategorizer recategorizer;

  private void write(String sql, Object... args) {
    tx.executeWrite(s -> jdbc.prepareStatement(sql, ps -> {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    }));
  }

  @SuppressWarnings("unchecked")
  private List<String> categories(long sourceId) {
    Map<String, Object> entry = api.entries("source=" + sourceId).get(0);
    return ((List<Map<String, Object>>) entry.get("categories")).stream().map(c -> (String) c.get("slug")).toList();
  }

  @Test
  void storedEntriesAreCategorizedAgainOncePerDatabase() {
    server.serve("/upgrade.xml", Fixtures.rss(new String[] {"u-1", "大模型推理成本持续下降", "<p>多家人工智能公司下调了API价格。</p>"}));
    long id = api.addSource(server.url("/upgrade.xml"));
    api.poll(id);
    assertEquals(List.of("ai"), categories(id));
    // As an older version had decided it, and a database that never recorded this version.
    write("DELETE FROM entry_category WHERE entry_id IN (SELECT id FROM entry WHERE source_id = ?)", id);
    write("INSERT INTO entry_category (entry_id, category_id, origin, score) SELECT e.id, c.id, 'rule', 5 FROM entry e, category c "
        + "WHERE e.source_id = ? AND c.slug = 'sports'", id);
    write("DELETE FROM bootstrap WHERE name LIKE 'decisions:%'");
    assertEquals(List.of("sports"), categories(id));

    upgrade.onApplicationEvent(null);
    Await.until("the background run", Duration.ofSeconds(30),
        () -> "done".equals(recategorizer.status().state()) && recategorizer.status().reason().contains("decided another way"));
    assertEquals(List.of("ai"), categories(id));

    // The next start (or another instance) finds the version recorded: no second run.
    Instant finished = recategorizer.status().finishedAt();
    upgrade.onApplicationEvent(null);
    Await.pause(300);
    assertEquals(finished, recategorizer.status().finishedAt());
    assertEquals("done", recategorizer.status().state());
  }

  /**
   * An instance killed (or restarted) after it recorded the upgrade and before its background run
   * ended: the next start, here or on another instance, does the run. Before, the version was
   * recorded as done and the entries not reached kept the old way's categories for good.
   */
  @Test
  void anUpgradeRunCutOffByARestartIsDoneByTheNextStart() {
    server.serve("/upgrade-cut.xml", Fixtures.rss(new String[] {"c-1", "大模型推理成本持续下降", "<p>多家人工智能公司下调了API价格。</p>"}));
    long id = api.addSource(server.url("/upgrade-cut.xml"));
    api.poll(id);
    write("DELETE FROM entry_category WHERE entry_id IN (SELECT id FROM entry WHERE source_id = ?)", id);
    write("INSERT INTO entry_category (entry_id, category_id, origin, score) SELECT e.id, c.id, 'rule', 5 FROM entry e, category c "
        + "WHERE e.source_id = ? AND c.slug = 'sports'", id);
    write("DELETE FROM bootstrap WHERE name LIKE 'decisions:%'");

    // The first start records this version and dies before its run gets anywhere.
    tx.executeWrite(s -> upgrade.claim());
    assertEquals(List.of("sports"), categories(id));

    upgrade.onApplicationEvent(null); // the next start
    Await.until("the run the first start owed", Duration.ofSeconds(30), () -> categories(id).equals(List.of("ai")));
    Await.until("the run recorded as done", Duration.ofSeconds(30), () -> "done".equals(recategorizer.status().state()));
    long owed = tx.executeRead(s -> jdbc.prepareStatement("SELECT requested - completed FROM recategorize_request", ps -> {
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }));
    assertEquals(0, owed, "nothing is owed any more");
  }
}
