package dev.syndic.category;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.ingest.PollNow;
import dev.syndic.support.Await;
import dev.syndic.support.FeedServer;
import dev.syndic.support.Fixtures;
import dev.syndic.support.TestPostgres;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two instances against one database asked to train at once: one trains, the other waits for it
 * and then trains on the examples as they are by then, so the model in force is the one begun
 * last, never an earlier training that happened to finish later.
 */
class TrainingAcrossInstancesTest {

  @Test
  void aSecondInstanceTrainsOnlyOnceTheFirstHasFinished() throws Exception {
    try (TestPostgres pg = TestPostgres.start(); FeedServer feeds = FeedServer.start()) {
      feeds.serve("/garden.xml", Fixtures.rss(new String[] {"g-1", "花园里的玫瑰", "<p>修剪月季的技巧。</p>"}));
      try (ApplicationContext first = ApplicationContext.run(pg.handPolledSettings(), "test");
          ApplicationContext second = ApplicationContext.run(pg.handPolledSettings(), "test")) {
        long source = pg.number("INSERT INTO source (url) VALUES (?) RETURNING id", feeds.url("/garden.xml"));
        assertEquals("ok", first.getBean(PollNow.class).pollAndWait(source).record().orElseThrow().outcome());
        long entry = pg.number("SELECT id FROM entry WHERE source_id = ?", source);

        CompletableFuture<ClassifierTraining.Summary> earlier;
        CompletableFuture<ClassifierTraining.Summary> later;
        // The entry's row lock holds the first training in its re-categorizing, after it stored its model.
        try (Connection holder = pg.connect()) {
          holder.setAutoCommit(false);
          try (PreparedStatement ps = holder.prepareStatement("SELECT id FROM entry WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, entry);
            ps.executeQuery().close();
          }
          earlier = CompletableFuture.supplyAsync(() -> first.getBean(ClassifierTraining.class).train());
          Await.until("the first training waits in its re-categorizing", Duration.ofSeconds(60), () -> waiting(pg) == 1);
          assertEquals(1, pg.number("SELECT count(*) FROM classifier_model"));
          assertEquals(1, trainingLocks(pg), "the first training holds the lock");

          later = CompletableFuture.supplyAsync(() -> second.getBean(ClassifierTraining.class).train());
          Await.until("the second training waits too", Duration.ofSeconds(60), () -> waiting(pg) == 2);
          Await.pause(500);
          assertEquals(1, pg.number("SELECT count(*) FROM classifier_model"), "the second instance stored no model while the first trained");
          holder.rollback();
        }
        long firstModel = earlier.get(60, TimeUnit.SECONDS).modelId();
        long secondModel = later.get(60, TimeUnit.SECONDS).modelId();
        assertTrue(secondModel > firstModel, "the training asked for last stored the newer model");
        assertEquals(secondModel, pg.number("SELECT max(id) FROM classifier_model"));
        assertEquals(0, trainingLocks(pg), "the lock is given back");
      }
    }
  }

  /**
   * Training's advisory lock, held or asked for: its key alone, as the arrival sequencer takes its
   * own in the background and a count of every advisory lock met it now and then.
   */
  private static long trainingLocks(TestPostgres pg) {
    return pg.number("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND classid::bigint = ? AND objid::bigint = ?",
        ClassifierTraining.LOCK >>> 32, ClassifierTraining.LOCK & 0xFFFF_FFFFL);
  }

  private static long waiting(TestPostgres pg) {
    return pg.number("SELECT count(*) FROM pg_locks WHERE NOT granted");
  }
}
