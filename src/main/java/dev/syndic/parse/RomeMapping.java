package dev.syndic.parse;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.DCSubject;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import dev.syndic.WebLinks;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdom2.Element;
import org.jdom2.filter.Filters;

/** Maps Rome's model to ours; the only place outside {@link FeedParser} that sees Rome. */
final class RomeMapping {

  /** Media RSS, written with and without the final slash. */
  private static final String MEDIA_RSS = "http://search.yahoo.com/mrss";
  private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

  private RomeMapping() {}

  static ParsedFeed toParsedFeed(SyndFeed feed, String charset, List<String> repairs) {
    List<ParsedEntry> entries = new ArrayList<>();
    WireFeed wire = feed.originalWireFeed();
    String feedBase = wire instanceof com.rometools.rome.feed.atom.Feed atom ? blankToNull(atom.getXmlBase()) : null;
    for (SyndEntry entry : feed.getEntries()) {
      entries.add(toParsedEntry(entry, feedBase));
    }
    Integer ttl = null;
    if (wire instanceof Channel channel && channel.getTtl() > 0) {
      ttl = channel.getTtl();
    }
    String[] push = pushLinks(feed);
    return new ParsedFeed(blankToNull(feed.getTitle()), siteLink(feed), blankToNull(feed.getLanguage()), ttl, charset, repairs, entries,
        push[0], push[1]);
  }

  private static final String ATOM = "http://www.w3.org/2005/Atom";

  /**
   * The feed's WebSub hub and its own address ({@code rel="hub"}, {@code rel="self"}): Atom's
   * links, or the {@code atom:link} elements of an RSS channel (which Rome keeps as foreign
   * markup), the first of each; a relative hub resolved against the self link. Both or neither:
   * a hub knows a feed by the address the feed gives itself. A relative self link (and the hub
   * with it) is left as it is: only the fetch knows the address it is relative to ({@link
   * ParsedFeed#topic}).
   */
  private static String[] pushLinks(SyndFeed feed) {
    String hub = null;
    String self = null;
    if (feed.originalWireFeed() instanceof com.rometools.rome.feed.atom.Feed) {
      for (SyndLink link : feed.getLinks()) {
        String href = blankToNull(link.getHref());
        hub = hub == null && "hub".equals(link.getRel()) ? href : hub;
        self = self == null && "self".equals(link.getRel()) ? href : self;
      }
    } else {
      for (Element e : feed.getForeignMarkup()) {
        if (e.getName().equals("link") && ATOM.equals(e.getNamespaceURI())) {
          String href = blankToNull(e.getAttributeValue("href"));
          hub = hub == null && "hub".equals(e.getAttributeValue("rel")) ? href : hub;
          self = self == null && "self".equals(e.getAttributeValue("rel")) ? href : self;
        }
      }
    }
    if (hub == null || self == null) {
      return new String[2];
    }
    try {
      URI selfUri = new URI(self);
      URI hubUri = new URI(hub);
      return new String[] {selfUri.isAbsolute() ? selfUri.resolve(hubUri).toString() : hub, self};
    } catch (URISyntaxException | IllegalArgumentException e) {
      return new String[2];
    }
  }

  /**
   * The site's page. For Atom, Rome's link can be the feed's own rel="self" URL, so take the first
   * rel="alternate" link instead, resolved against the self URL when it is relative.
   */
  private static String siteLink(SyndFeed feed) {
    String romeLink = blankToNull(feed.getLink());
    if (!(feed.originalWireFeed() instanceof com.rometools.rome.feed.atom.Feed)) {
      return romeLink;
    }
    String self = null;
    String alternate = null;
    for (SyndLink link : feed.getLinks()) {
      String href = blankToNull(link.getHref());
      if (href == null) {
        continue;
      }
      if ("self".equals(link.getRel()) && self == null) {
        self = href;
      } else if ((link.getRel() == null || link.getRel().equals("alternate")) && alternate == null) {
        alternate = href;
      }
    }
    if (alternate == null) {
      return romeLink;
    }
    String base = self != null ? self : romeLink;
    try {
      URI uri = new URI(alternate);
      return uri.isAbsolute() || base == null ? alternate : new URI(base).resolve(uri).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return alternate;
    }
  }

  private static ParsedEntry toParsedEntry(SyndEntry entry, String feedBase) {
    boolean atom = entry.getWireEntry() instanceof com.rometools.rome.feed.atom.Entry;
    String atomBase = entry.getWireEntry() instanceof com.rometools.rome.feed.atom.Entry a ? xmlBase(feedBase, blankToNull(a.getXmlBase())) : null;
    String content = null;
    for (SyndContent c : entry.getContents()) {
      if (c.getValue() != null && !c.getValue().isBlank()) {
        content = html(c, atom);
        break;
      }
    }
    String summary = entry.getDescription() == null ? null : blankToNull(html(entry.getDescription(), atom));
    if (summary == null && content == null) {
      summary = mediaDescription(entry.getForeignMarkup());
    }
    String title = entry.getTitleEx() == null ? entry.getTitle() : html(entry.getTitleEx(), atom);
    // Rome 2 keeps dc:subject (RSS 1.0's category, used by RSS 2.0 feeds too) apart from categories.
    Set<String> tags = new LinkedHashSet<>();
    if (entry.getWireEntry() instanceof com.rometools.rome.feed.atom.Entry wire) {
      // An Atom category is a term (often a slug or an id: "ai", "cat-12") and, optionally, the
      // label a person reads ("Artificial intelligence"); Rome's SyndCategory keeps the term only,
      // so a category's feed tag written as the label matched nothing. Both are the entry's tags.
      for (com.rometools.rome.feed.atom.Category category : wire.getCategories()) {
        addTag(tags, category.getTerm());
        addTag(tags, category.getLabel());
      }
    } else {
      for (SyndCategory category : entry.getCategories()) {
        addTag(tags, category.getName());
      }
    }
    if (entry.getModule(DCModule.URI) instanceof DCModule dc) {
      for (DCSubject subject : dc.getSubjects()) {
        if (subject.getValue() != null && !subject.getValue().isBlank()) {
          tags.add(subject.getValue().strip());
        }
      }
    }
    return new ParsedEntry(
        guid(entry),
        link(entry, feedBase),
        title,
        blankToNull(entry.getAuthor()),
        summary,
        blankToNull(content),
        instant(entry.getPublishedDate()),
        instant(entry.getUpdatedDate()),
        List.copyOf(tags),
        enclosures(entry, atomBase),
        atomBase != null ? atomBase : XmlBases.item(entry.getForeignMarkup()),
        XmlBases.body(entry.getForeignMarkup()));
  }

  private static void addTag(Set<String> tags, String tag) {
    if (tag != null && !tag.isBlank()) {
      tags.add(tag.strip());
    }
  }

  /**
   * The files an entry carries: its enclosures (RSS; Atom's rel="enclosure" links, read against
   * xml:base), else its Media RSS contents (YouTube, photo and video feeds announce their files
   * only there), in the feed's order, each address once.
   */
  private static List<ParsedEntry.Media> enclosures(SyndEntry entry, String atomBase) {
    Set<String> seen = new LinkedHashSet<>();
    List<ParsedEntry.Media> out = new ArrayList<>();
    for (SyndEnclosure e : entry.getEnclosures()) {
      String url = blankToNull(e.getUrl());
      if (url != null && atomBase != null && !SCHEME.matcher(url).lookingAt() && WebLinks.isWeb(atomBase)) {
        url = WebLinks.resolve(atomBase, url);
      }
      if (url != null && seen.add(url)) {
        out.add(new ParsedEntry.Media(url, blankToNull(e.getType()), e.getLength() > 0 ? Long.toString(e.getLength()) : null));
      }
    }
    if (out.isEmpty()) {
      for (Element content : media(entry.getForeignMarkup(), "content")) {
        String url = blankToNull(content.getAttributeValue("url"));
        if (url != null && seen.add(url)) {
          out.add(new ParsedEntry.Media(url, blankToNull(content.getAttributeValue("type")), blankToNull(content.getAttributeValue("fileSize"))));
        }
      }
    }
    return out;
  }

  /** The Media RSS elements of this name among an entry's foreign markup, at its top or within (media:group, media:content), in document order. */
  private static List<Element> media(List<Element> markup, String name) {
    List<Element> found = new ArrayList<>();
    for (Element element : markup) {
      if (element.getNamespaceURI().startsWith(MEDIA_RSS)) {
        if (element.getName().equals(name)) {
          found.add(element);
        }
        element.getDescendants(Filters.element(name, element.getNamespace())).forEach(found::add);
      }
    }
    return found;
  }

  /**
   * A text construct as HTML, which is how titles and bodies travel on: Atom's type="text" is
   * plain text, where "&lt;div&gt;" means the characters, so it is escaped; read as HTML, "Use &lt;div&gt;, not &lt;table&gt;" lost its words and became markup.
   * RSS has no such type: its titles and descriptions are HTML by custom, and stay as they are.
   */
  private static String html(SyndContent c, boolean atom) {
    String value = c.getValue();
    String type = c.getType() == null ? "" : c.getType().toLowerCase(java.util.Locale.ROOT);
    // Only a declared type: Rome reports none for an absent one and for "application/xhtml+xml",
    // and untyped Atom bodies carry HTML often enough that they are read as HTML, as before.
    boolean text = atom && (type.equals("text") || type.equals("text/plain"));
    return value == null || !text ? value : org.jsoup.nodes.Entities.escape(value);
  }

  /**
   * The Media RSS description (directly, or in a media:group or media:content) as HTML, or null:
   * the only text of a YouTube channel's entries and of many photo and video feeds, whose entries
   * otherwise had no body, so only their titles were there to categorize, dedupe and republish.
   * Plain text unless it says type="html".
   */
  private static String mediaDescription(List<Element> markup) {
    for (Element description : media(markup, "description")) {
      String text = blankToNull(description.getText());
      if (text != null) {
        return "html".equalsIgnoreCase(description.getAttributeValue("type")) ? text : org.jsoup.nodes.Entities.escape(text);
      }
    }
    return null;
  }

  /**
   * The entry's link. An RSS item without one gets its guid from Rome, as a permalink; keep that
   * only when it is a web address, so that "12345" does not become a link (and a base for
   * relative URLs).
   */
  private static String link(SyndEntry entry, String feedBase) {
    String link = blankToNull(entry.getLink());
    if (link != null && entry.getWireEntry() instanceof Item item && blankToNull(item.getLink()) == null) {
      return WebLinks.isWeb(link) ? link : null;
    }
    if (link != null && entry.getWireEntry() instanceof com.rometools.rome.feed.atom.Entry atom) {
      return underXmlBase(link, feedBase, blankToNull(atom.getXmlBase()));
    }
    return link;
  }

  /**
   * An Atom link read against the xml:base of its entry and feed, as Atom says relative
   * references are (Rome leaves them as written): "posts/1.html" under xml:base
   * "http://example.com/blog/" is that blog's post, not a path on the feed's host. Left as it is
   * when it is absolute, or no web address is its base.
   */
  private static String underXmlBase(String link, String feedBase, String entryBase) {
    if (SCHEME.matcher(link).lookingAt()) {
      return link; // absolute: kept exactly as sent (its identity key reads it)
    }
    String base = xmlBase(feedBase, entryBase);
    return WebLinks.isWeb(base) ? WebLinks.resolve(base, link) : link;
  }

  /** The xml:base in force in an Atom entry, or null. */
  private static String xmlBase(String feedBase, String entryBase) {
    return entryBase == null ? feedBase : feedBase == null ? entryBase : WebLinks.resolve(feedBase, entryBase);
  }

  /** The publisher's own id: RSS guid, Atom id, RDF about. Rome fills uri with the link when no guid exists; we do not. */
  private static String guid(SyndEntry entry) {
    Object wire = entry.getWireEntry();
    if (wire instanceof Item item) {
      if (item.getGuid() != null) {
        return blankToNull(item.getGuid().getValue());
      }
      return item.getUri() != null && !item.getUri().equals(item.getLink()) ? blankToNull(item.getUri()) : null;
    }
    if (wire instanceof com.rometools.rome.feed.atom.Entry atom) {
      return blankToNull(atom.getId());
    }
    return blankToNull(entry.getUri());
  }

  /** The first and last instants a feed date can name: the years RFC 822 and RFC 3339 write with four digits. */
  static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /**
   * A date Syndic can store and write again, or none: a typo'd year such as 12026 or 300000 is
   * no date (PostgreSQL refused the latter and the whole fetch with it; the former broke every
   * RSS feed the entry appeared in).
   */
  private static Instant instant(Date date) {
    if (date == null) {
      return null;
    }
    Instant t = date.toInstant();
    return t.isBefore(EARLIEST) || t.isAfter(LATEST) ? null : t;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
