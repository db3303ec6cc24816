package dev.syndic.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An admin's decision that lands while the machine re-categorizes the same entry stays final: the
 * machine's categories never join it.
 */
@MicronautTest(transactional = false)
class AdminDecisionRaceTest extends FeedServerTest {

  @Inject
  CategoryAssignments assignments;

  @Inject
  TransactionOperations<Connection> tx;

  @Test
  void anAdminDecisionDuringReCategorizingIsTheOnlyOneLeft() throws Exception {
    server.serve("/race.xml", Fixtures.rss(new String[] {"r-1", "大模型训练成本下降", "人工智能"}));
    long source = api.addSource(server.url("/race.xml"));
    api.poll(source);
    long id = ((Number) api.entries("source=" + source).get(0).get("id")).longValue();

    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> machine = CompletableFuture.runAsync(() -> tx.executeWrite(s -> {
      assignments.replaceMachineDecisions(Map.of(id, List.of(new CategoryAssignments.Decision("ai", "rule", 3.0, List.of("title:大模型")))));
      written.countDown();
      try {
        release.await(10, TimeUnit.SECONDS); // not committed yet when the admin decides
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }));
    written.await(10, TimeUnit.SECONDS);
    CompletableFuture<Void> admin = CompletableFuture.runAsync(() -> tx.executeWrite(s -> {
      assignments.setByAdmin(id, List.of("business"));
      return null;
    }));
    Thread.sleep(300);
    release.countDown();
    machine.get(10, TimeUnit.SECONDS);
    admin.get(10, TimeUnit.SECONDS);

    List<?> categories = (List<?>) api.body(HttpRequest.GET("/api/v1/entries/" + id)).get("categories");
    assertEquals(List.of("business"), categories.stream().map(c -> ((Map<?, ?>) c).get("slug")).toList());
  }
}
