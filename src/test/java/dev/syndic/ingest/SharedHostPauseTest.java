package dev.syndic.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.source.FetchRecord;
import dev.syndic.support.FeedServer;
import dev.syndic.support.Fixtures;
import dev.syndic.support.TestPostgres;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two instances against one database: a host that answered one instance's request with 429 is
 * left alone by the other too, which learns of the pause from the database.
 */
class SharedHostPauseTest {

  @Test
  void a429AnsweredToOneInstanceKeepsTheOtherAwayFromTheHost() throws Exception {
    try (TestPostgres pg = TestPostgres.start(); FeedServer feeds = FeedServer.start()) {
      feeds.serve("/limited.xml", 429, "slow down".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain", "Retry-After", "600");
      feeds.serve("/neighbour.xml", Fixtures.rss(new String[] {"n-1", "A neighbour's story", "<p>Words.</p>"}));
      try (ApplicationContext first = ApplicationContext.run(pg.handPolledSettings(), "test");
          ApplicationContext second = ApplicationContext.run(pg.handPolledSettings(), "test")) {
        long limited = pg.number("INSERT INTO source (url) VALUES (?) RETURNING id", feeds.url("/limited.xml"));
        long neighbour = pg.number("INSERT INTO source (url) VALUES (?) RETURNING id", feeds.url("/neighbour.xml"));

        FetchRecord refused = first.getBean(PollNow.class).pollAndWait(limited).record().orElseThrow();
        assertEquals(429, refused.httpStatus());
        first.getBean(SharedHostPauses.class).refresh();
        assertEquals(1, pg.number("SELECT count(*) FROM host_pause WHERE until > now() + interval '9 minutes'"), "the pause is posted");

        second.getBean(SharedHostPauses.class).refresh();
        FetchRecord held = second.getBean(PollNow.class).pollAndWait(neighbour).record().orElseThrow();
        assertEquals("error", held.outcome());
        assertTrue(held.error().contains("429 Too Many Requests") && held.error().contains("left alone until"), held.error());
        assertEquals(0, feeds.hits("/neighbour.xml"), "the other instance did not ask the host either");
      }
    }
  }

  @Test
  void anEndedPauseIsForgottenAndTheHostFetchedAgain() throws Exception {
    try (TestPostgres pg = TestPostgres.start(); FeedServer feeds = FeedServer.start()) {
      feeds.serve("/open.xml", Fixtures.rss(new String[] {"o-1", "An open story", "<p>Words.</p>"}));
      try (ApplicationContext only = ApplicationContext.run(pg.handPolledSettings(), "test")) {
        long open = pg.number("INSERT INTO source (url) VALUES (?) RETURNING id", feeds.url("/open.xml"));
        pg.update("INSERT INTO host_pause (host, until) VALUES ('127.0.0.1', now() - interval '1 second'), ('gone.example', now() - interval '2 days')");
        only.getBean(SharedHostPauses.class).refresh();

        FetchRecord fetched = only.getBean(PollNow.class).pollAndWait(open).record().orElseThrow();
        assertEquals("ok", fetched.outcome(), String.valueOf(fetched.error()));
        assertEquals(1, feeds.hits("/open.xml"));
        assertEquals(List.of("127.0.0.1"), pg.column("SELECT host FROM host_pause"), "pauses over for a day are deleted");
      }
    }
  }
}
