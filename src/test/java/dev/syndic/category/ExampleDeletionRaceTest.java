package dev.syndic.category;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.support.Await;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import dev.syndic.support.LockWaits;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * An example or a correction posted for an entry that is being deleted (by another admin,
 * retention, its source's deletion) answers that the entry is gone: it found the entry before the
 * deletion committed, and its insert then failed on the foreign key, a 500.
 */
@MicronautTest(transactional = false)
class ExampleDeletionRaceTest extends FeedServerTest {

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  @Test
  void anExampleForAnEntryDeletedMeanwhileIsA404() throws Exception {
    long id = entry("/gone.xml");

    HttpResponse<Map<String, Object>> answer = whileDeleting(id,
        () -> api.call(HttpRequest.POST("/api/v1/categories/ai/examples", Map.of("entryId", id, "positive", true))));

    assertEquals(404, answer.code(), () -> String.valueOf(answer.getBody(Map.class)));
  }

  @Test
  void aCorrectionOfAnEntryDeletedMeanwhileIsA404() throws Exception {
    long id = entry("/gone-too.xml");

    HttpResponse<Map<String, Object>> answer = whileDeleting(id,
        () -> api.call(HttpRequest.PATCH("/api/v1/entries/" + id, Map.of("categories", List.of("business")))));

    assertEquals(404, answer.code(), () -> String.valueOf(answer.getBody(Map.class)));
  }

  private long entry(String path) {
    server.serve(path, Fixtures.rss(new String[] {"g-1", "大模型训练成本下降", "人工智能"}));
    long source = api.addSource(server.url(path));
    api.poll(source);
    return ((Number) api.entries("source=" + source).get(0).get("id")).longValue();
  }

  /** What {@code request} answers when made while a deletion of the entry is under way, not yet committed. */
  private HttpResponse<Map<String, Object>> whileDeleting(long id, Supplier<HttpResponse<Map<String, Object>>> request)
      throws Exception {
    CountDownLatch deleted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> deletion = CompletableFuture.runAsync(() -> tx.executeWrite(s -> {
      jdbc.prepareStatement("DELETE FROM entry WHERE id = ?", ps -> {
        ps.setLong(1, id);
        return ps.executeUpdate();
      });
      deleted.countDown();
      try {
        release.await(10, TimeUnit.SECONDS); // not committed yet when the request is made
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }));
    deleted.await(10, TimeUnit.SECONDS);
    long waitingBefore = LockWaits.sessions(tx);
    CompletableFuture<HttpResponse<Map<String, Object>>> answer = CompletableFuture.supplyAsync(request);
    // The request reaches the entry's row, which the deletion holds, before the deletion commits.
    Await.until("the request waits for the deletion", Duration.ofSeconds(10), () -> LockWaits.sessions(tx) > waitingBefore);
    release.countDown();
    deletion.get(10, TimeUnit.SECONDS);
    return answer.get(10, TimeUnit.SECONDS);
  }
}
