package dev.syndic.publish;

import dev.syndic.entry.Enclosure;
import java.util.List;

/**
 * RSS 2.0 with the Atom namespace for {@code rel="self"} and {@code rel="hub"} links, and Dublin
 * Core for authors (RSS {@code <author>} must be an e-mail address; publishers give names).
 */
final class RssWriter {

  static final String ATOM_NS = "http://www.w3.org/2005/Atom";
  static final String DC_NS = "http://purl.org/dc/elements/1.1/";

  private RssWriter() {}

  static String write(Channel c, List<Item> items) {
    XmlOut x = new XmlOut();
    x.start("rss", "version", "2.0", "xmlns:atom", ATOM_NS, "xmlns:dc", DC_NS);
    x.start("channel");
    x.element("title", c.title());
    x.element("link", c.siteUrl());
    x.element("description", c.description());
    x.element("language", c.language());
    x.element("generator", c.siteName());
    x.element("pubDate", XmlOut.rfc822(c.updated()));
    x.element("ttl", Long.toString(c.ttlMinutes()));
    x.empty("atom:link", "href", c.selfUrl(), "rel", "self", "type", FeedFormat.RSS.mediaType());
    if (c.hubUrl() != null) {
      x.empty("atom:link", "href", c.hubUrl(), "rel", "hub");
    }
    for (Item i : items) {
      x.start("item");
      x.element("title", i.title());
      x.element("link", i.link());
      x.element("guid", i.id(), "isPermaLink", "false");
      x.element("pubDate", XmlOut.rfc822(i.published()));
      x.element("dc:creator", i.author());
      for (String category : i.categories()) {
        x.element("category", category);
      }
      // A source read from a file has no feed URL to give; its site still says where the story is from.
      String sourceUrl = i.sourceFeedUrl() != null ? i.sourceFeedUrl() : i.sourceSiteUrl();
      if (sourceUrl != null) {
        x.element("source", i.sourceTitle(), "url", sourceUrl);
      }
      x.element("description", i.html());
      // RSS 2.0 gives an item one enclosure (the RSS Advisory Board's profile; readers and the W3C
      // validator expect no more): the first; Atom and JSON Feed carry them all. Length and type
      // are required: 0 and a byte stream when the publisher gave none.
      if (!i.enclosures().isEmpty()) {
        Enclosure f = i.enclosures().get(0);
        x.empty("enclosure", "url", f.url(), "length", f.length() == null ? "0" : f.length().toString(), "type", Item.typeOf(f));
      }
      x.end();
    }
    x.end();
    x.end();
    return x.finish();
  }
}
