package dev.syndic.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.source.FetchRecord;
import dev.syndic.support.FeedServer;
import dev.syndic.support.Fixtures;
import dev.syndic.support.TestPostgres;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A poll that outlasts its lease while another instance polls the source again: the late poll
 * read the older feed, and storing it after the newer poll turned the entries back to what they
 * were (and the source's body hash, the newer poll's, then kept them so).
 */
class LateIngestTest {

  private static Map<String, Object> settings(TestPostgres pg) {
    Map<String, Object> settings = pg.handPolledSettings();
    settings.put("syndic.poll.lease", "1s");
    return settings;
  }

  @Test
  void aPollThatOutlastedItsLeaseDoesNotOverwriteTheNewerPollsEntries() throws Exception {
    try (TestPostgres pg = TestPostgres.start(); FeedServer feeds = FeedServer.start()) {
      byte[] before = Fixtures.rss(new String[] {"s-1", "The story as first told", "<p>First words.</p>"});
      byte[] after = Fixtures.rss(new String[] {"s-1", "The story as corrected", "<p>Corrected words.</p>"});
      CountDownLatch firstAsked = new CountDownLatch(1);
      CountDownLatch answerFirst = new CountDownLatch(1);
      AtomicInteger requests = new AtomicInteger();
      feeds.handle("/story.xml", exchange -> {
        if (requests.incrementAndGet() == 1) {
          firstAsked.countDown();
          try {
            answerFirst.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          FeedServer.reply(exchange, 200, before, "Content-Type", "application/rss+xml");
        } else {
          FeedServer.reply(exchange, 200, after, "Content-Type", "application/rss+xml");
        }
      });
      try (ApplicationContext slow = ApplicationContext.run(settings(pg), "test");
          ApplicationContext other = ApplicationContext.run(settings(pg), "test")) {
        long source = pg.number("INSERT INTO source (url) VALUES (?) RETURNING id", feeds.url("/story.xml"));
        CompletableFuture<FetchRecord> late = CompletableFuture.supplyAsync(() -> slow.getBean(PollNow.class).pollAndWait(source).record().orElseThrow());
        assertTrue(firstAsked.await(60, TimeUnit.SECONDS));
        Thread.sleep(1_500); // the slow poll's lease runs out

        FetchRecord newer = other.getBean(PollNow.class).pollAndWait(source).record().orElseThrow();
        assertEquals("ok", newer.outcome(), String.valueOf(newer.error()));
        assertEquals(List.of("The story as corrected"), pg.column("SELECT title FROM entry WHERE source_id = ?", source));

        answerFirst.countDown();
        FetchRecord overrun = late.get(60, TimeUnit.SECONDS);
        assertEquals(List.of("The story as corrected"), pg.column("SELECT title FROM entry WHERE source_id = ?", source),
            "the late poll's older feed is not stored over the newer poll's");
        assertEquals("error", overrun.outcome());
        assertTrue(overrun.error().contains("syndic.poll.lease"), overrun.error());
      }
    }
  }
}
