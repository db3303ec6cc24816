package dev.syndic.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Await;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An entry an admin files under a category comes again to partners syncing in arrival order (one
 * granted only that category had not been offered it); the same decision made again files
 * nothing new, so it does not bring the entry again, and the entry keeps its categories as the
 * admin set them, with evidence that says so.
 */
@MicronautTest(transactional = false)
class RepeatedAdminDecisionTest extends FeedServerTest {

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  @Test
  void theSameDecisionMadeAgainDoesNotBringTheEntryAgain() {
    server.serve("/repeat.xml", Fixtures.rss(new String[] {"r-1", "茶山游记", "一路风景"}));
    long source = api.addSource(server.url("/repeat.xml"));
    api.poll(source);
    long id = ((Number) api.entries("source=" + source).get(0).get("id")).longValue();
    long stored = settledArrival(id);

    assertEquals(201, api.call(HttpRequest.POST("/api/v1/categories/culture/examples", Map.of("entryId", id, "positive", true))).code());
    long filed = settledArrival(id);
    assertTrue(filed > stored, "filed under a category by an admin, the entry comes again");

    assertEquals(200, api.call(HttpRequest.POST("/api/v1/categories/culture/examples", Map.of("entryId", id, "positive", true))).code());
    api.body(HttpRequest.PATCH("/api/v1/entries/" + id, Map.of("categories", List.of("culture"))));
    // A filing queues the entry in the request's own transaction: settled again, it is numbered
    // anew if either request filed it.
    assertEquals(filed, settledArrival(id), "nothing new was filed");
    Map<?, ?> category = (Map<?, ?>) ((List<?>) api.body(HttpRequest.GET("/api/v1/entries/" + id)).get("categories")).get(0);
    assertEquals("culture", category.get("slug"));
    assertEquals("admin", category.get("origin"));
    assertEquals(List.of("set by an admin"), category.get("evidence"));
  }

  /** The entry's position in arrival order once nothing of it waits to be numbered. */
  private long settledArrival(long id) {
    Await.until("entry " + id + " numbered", Duration.ofSeconds(10), () -> !queued(id) && arrival(id) > 0);
    return arrival(id);
  }

  private boolean queued(long id) {
    return tx.executeRead(s -> jdbc.prepareStatement("SELECT EXISTS (SELECT 1 FROM entry_arrival_queue WHERE entry_id = ?)", ps -> {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }));
  }

  private long arrival(long id) {
    return tx.executeRead(s -> jdbc.prepareStatement("SELECT coalesce(max(arrival), 0) FROM entry_arrival WHERE entry_id = ?", ps -> {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }));
  }
}
