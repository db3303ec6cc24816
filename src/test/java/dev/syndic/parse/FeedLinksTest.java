package dev.syndic.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which feed a web page announces. */
class FeedLinksTest {

  private static final URI PAGE = URI.create("https://blog.example.com/posts/");

  private static Optional<URI> find(String head) {
    return FeedLinks.find(("<!doctype html><html><head>" + head + "</head><body>hi</body></html>").getBytes(StandardCharsets.UTF_8), PAGE);
  }

  @Test
  void aRelativeHrefIsReadAgainstThePage() {
    assertEquals(Optional.of(URI.create("https://blog.example.com/feed.xml")),
        find("<link rel=\"alternate\" type=\"application/rss+xml\" href=\"../feed.xml\">"));
  }

  @Test
  void aJsonFeedAnnouncedFirstIsPassedOverForTheRssFeed() {
    String head = "<link rel=\"alternate\" type=\"application/feed+json\" href=\"/feed.json\">"
        + "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\">";

    assertEquals(Optional.of(URI.create("https://blog.example.com/feed.xml")), find(head));
  }

  @Test
  void aPageAnnouncingOnlyAJsonFeedAnnouncesNothingSyndicReads() {
    assertEquals(Optional.empty(), find("<link rel=\"alternate\" type=\"application/feed+json\" href=\"/feed.json\">"));
  }
  /** Announced as pages write them: the type in any case, a base element, several alternates. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "<link rel=\"Alternate\" type=\"Application/RSS+XML\" href=\"/feed.xml\"> | https://blog.example.com/feed.xml",
        "<base href=\"https://cdn.example.net/site/\"><link rel=\"alternate\" type=\"application/atom+xml\" href=\"atom.xml\"> | https://cdn.example.net/site/atom.xml",
        "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/main.xml\"><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/comments.xml\"> | https://blog.example.com/main.xml",
        "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/频道/新闻.xml\"> | https://blog.example.com/%E9%A2%91%E9%81%93/%E6%96%B0%E9%97%BB.xml",
        "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/all feeds/rss.xml\"> | https://blog.example.com/all%20feeds/rss.xml",
        "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://例子.中国/rss\"> | https://xn--fsqu00a.xn--fiqs8s/rss",
      })
  void announcedFeeds(String head, String feed) {
    assertEquals(Optional.of(URI.create(feed)), find(head));
  }
}
