package dev.syndic.publish;

import dev.syndic.entry.Enclosure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Atom 1.0 (RFC 4287); each entry names its origin in {@code <source>}. */
final class AtomWriter {

  private AtomWriter() {}

  static String write(Channel c, List<Item> items) {
    XmlOut x = new XmlOut();
    x.start("feed", "xmlns", RssWriter.ATOM_NS, "xml:lang", c.language());
    x.element("id", c.id());
    x.element("title", c.title());
    x.element("subtitle", c.description());
    x.element("updated", XmlOut.rfc3339(c.updated()));
    x.empty("link", "rel", "self", "type", FeedFormat.ATOM.mediaType(), "href", c.selfUrl());
    x.empty("link", "rel", "alternate", "type", "text/html", "href", c.siteUrl());
    if (c.hubUrl() != null) {
      x.empty("link", "rel", "hub", "href", c.hubUrl());
    }
    x.start("author").element("name", c.siteName()).end();
    x.element("generator", c.siteName());
    for (Item i : items) {
      x.start("entry", "xml:lang", i.language());
      x.element("id", i.id());
      x.element("title", i.title(), "type", "text");
      if (i.link() != null) {
        x.empty("link", "rel", "alternate", "type", "text/html", "href", i.link());
      }
      for (Enclosure f : i.enclosures()) {
        if (f.length() == null) {
          x.empty("link", "rel", "enclosure", "type", Item.typeOf(f), "href", f.url());
        } else {
          x.empty("link", "rel", "enclosure", "type", Item.typeOf(f), "length", f.length().toString(), "href", f.url());
        }
      }
      x.element("published", XmlOut.rfc3339(i.published()));
      x.element("updated", XmlOut.rfc3339(i.updated()));
      x.start("author").element("name", i.author()).end();
      for (String category : i.categories()) {
        x.empty("category", "term", category);
      }
      x.start("source");
      x.element("id", i.sourceFeedUrl() != null ? i.sourceFeedUrl() : sourceUrn(i.sourceTitle()));
      x.element("title", i.sourceTitle());
      if (i.sourceSiteUrl() != null) {
        x.empty("link", "rel", "alternate", "type", "text/html", "href", i.sourceSiteUrl());
      }
      if (i.sourceFeedUrl() != null) {
        x.empty("link", "rel", "self", "href", i.sourceFeedUrl());
      }
      x.element("updated", XmlOut.rfc3339(i.updated()));
      x.end();
      x.element("content", i.html(), "type", "html");
      x.end();
    }
    x.end();
    return x.finish();
  }

  /** A source read from a file has no public URL; it still needs a stable IRI. */
  private static String sourceUrn(String title) {
    return "urn:uuid:" + UUID.nameUUIDFromBytes(title.getBytes(StandardCharsets.UTF_8));
  }
}
