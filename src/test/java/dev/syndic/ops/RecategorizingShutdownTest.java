package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.category.Recategorizer;
import dev.syndic.ingest.PollNow;
import dev.syndic.support.Await;
import dev.syndic.support.FeedServer;
import dev.syndic.support.Fixtures;
import dev.syndic.support.TestPostgres;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping an instance while it re-categorizes in the background lets the batch being written
 * end, then gives the owed work back, so that another instance takes it up at once. The run used
 * to be interrupted and go on writing into the closing pool: it failed (stack traces in the log of
 * a normal stop) and its claim held the work away from every other instance for a lease.
 */
class RecategorizingShutdownTest {

  @Test
  void aRunInFlightWhenTheInstanceStopsEndsItsBatchAndGivesTheWorkBack() throws Exception {
    try (TestPostgres pg = TestPostgres.start(); FeedServer feeds = FeedServer.start()) {
      feeds.serve("/kiln.xml", Fixtures.rss(new String[] {"k-1", "窑炉选购指南", "<p>窑炉。</p>"}, new String[] {"k-2", "拉坯机", "<p>拉坯。</p>"}));
      Map<String, Object> settings = pg.handPolledSettings();
      ApplicationContext instance = ApplicationContext.run(settings, "test");
      CompletableFuture<Void> closing;
      try (Connection holder = pg.connect()) {
        long source = pg.number("INSERT INTO source (url) VALUES (?) RETURNING id", feeds.url("/kiln.xml"));
        assertEquals("ok", instance.getBean(PollNow.class).pollAndWait(source).record().orElseThrow().outcome());
        holder.setAutoCommit(false);
        try (PreparedStatement ps = holder.prepareStatement("SELECT id FROM entry WHERE source_id = ? FOR UPDATE")) {
          ps.setLong(1, source);
          ps.executeQuery().close();
        }
        instance.getBean(Recategorizer.class).inBackground("test");
        Await.until("the run waits to write its batch", Duration.ofSeconds(60), () -> pg.number("SELECT count(*) FROM pg_locks WHERE NOT granted") == 1);
        closing = CompletableFuture.runAsync(instance::close);
        Await.pause(5_000); // the instance's stop waits for this batch meanwhile
        holder.rollback();
      }
      closing.get(60, TimeUnit.SECONDS);
      assertEquals(0, pg.number("SELECT count(*) FROM recategorize_request WHERE claimed_by IS NOT NULL"),
          "the run's claim is given back, not held for a lease");
      assertTrue(pg.number("SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction'") == 0);
    }
  }
}
