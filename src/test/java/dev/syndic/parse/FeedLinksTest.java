package dev.syndic.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
}
