package dev.syndic.parse;

import static dev.syndic.parse.ParseTesting.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The WebSub hub a feed names and the address it gives itself, which a subscription needs both of. */
class PushLinksTest {

  private static ParsedFeed parsed(String xml) {
    return feed(xml.getBytes(StandardCharsets.UTF_8), "application/xml");
  }

  @Test
  void anRssChannelNamesItsHubWithAtomLinks() {
    ParsedFeed feed = parsed("""
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>t</title><link>https://blog.example.com/</link>
        <atom:link rel="hub" href="https://hub.example.net/"/>
        <atom:link rel="self" type="application/rss+xml" href="https://blog.example.com/feed/"/>
        <item><title>a</title><link>https://blog.example.com/a</link></item></channel></rss>""");

    assertEquals("https://hub.example.net/", feed.hub());
    assertEquals("https://blog.example.com/feed/", feed.self());
  }

  @Test
  void anAtomFeedNamesItsHubWithItsOwnLinksARelativeOneReadAgainstItsSelf() {
    ParsedFeed feed = parsed("""
        <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:t</id><updated>2026-12-01T00:00:00Z</updated>
        <link rel="self" href="https://news.example.org/atom.xml"/><link rel="hub" href="/hub"/><link href="https://news.example.org/"/>
        <entry><title>a</title><id>urn:a</id><updated>2026-12-01T00:00:00Z</updated><link href="https://news.example.org/a"/></entry></feed>""");

    assertEquals("https://news.example.org/hub", feed.hub());
    assertEquals("https://news.example.org/atom.xml", feed.self());
  }

  /** A hub knows a feed by its self address: a hub without one (or a self without a hub) is nothing to subscribe to. */
  @Test
  void aHubWithoutASelfLinkIsNone() {
    ParsedFeed feed = parsed("""
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>t</title>
        <atom:link rel="hub" href="https://hub.example.net/"/><item><title>a</title></item></channel></rss>""");

    assertNull(feed.hub());
    assertNull(feed.self());
  }
}
