package dev.syndic.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.source.FetchRecord;
import dev.syndic.support.FeedServer;
import dev.syndic.support.TestPostgres;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A feed's relative links are read against where the feed was found, after redirects (RFC 3986
 * 5.1.3), as its site link already was: a source whose address redirects for now to a feed on
 * another host had its items' relative links read against its own address, so they named the
 * wrong host.
 */
class RedirectedFeedLinksTest {

  @Test
  void relativeLinksOfAFeedReachedThroughARedirectNameTheHostItCameFrom() throws Exception {
    try (TestPostgres pg = TestPostgres.start(); FeedServer origin = FeedServer.start(); FeedServer blog = FeedServer.startOn("127.0.0.2")) {
      String feed = """
          <?xml version="1.0" encoding="UTF-8"?>
          <rss version="2.0"><channel><title>A blog</title><link>/</link><description>d</description>
          <item><guid>p-1</guid><title>First post</title><link>/posts/1.html</link><description>Words.</description></item>
          <item><guid>p-2</guid><title>Second post</title><link>posts/2.html</link><description>More words.</description></item>
          </channel></rss>
          """;
      blog.serve("/blog/feed.xml", feed.getBytes(StandardCharsets.UTF_8));
      origin.redirect("/feed.xml", 302, blog.url("/blog/feed.xml"));
      try (ApplicationContext app = ApplicationContext.run(pg.handPolledSettings(), "test")) {
        long id = pg.number("INSERT INTO source (url) VALUES (?) RETURNING id", origin.url("/feed.xml"));

        FetchRecord polled = app.getBean(PollNow.class).pollAndWait(id).record().orElseThrow();

        assertEquals(2, polled.newEntries(), String.valueOf(polled.error()));
        assertEquals(List.of(blog.url("/posts/1.html"), blog.url("/posts/2.html")),
            pg.column("SELECT link FROM entry WHERE source_id = ? ORDER BY link", id));
        assertEquals(blog.url("/"), pg.column("SELECT site_url FROM source WHERE id = ?", id).get(0), "as the site link was");
      }
    }
  }
}
