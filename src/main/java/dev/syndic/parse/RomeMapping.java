package dev.syndic.parse;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Maps Rome's model to ours; the only place outside {@link FeedParser} that sees Rome. */
final class RomeMapping {

  private RomeMapping() {}

  static ParsedFeed toParsedFeed(SyndFeed feed, String charset, List<String> repairs) {
    List<ParsedEntry> entries = new ArrayList<>();
    for (SyndEntry entry : feed.getEntries()) {
      entries.add(toParsedEntry(entry));
    }
    Integer ttl = null;
    WireFeed wire = feed.originalWireFeed();
    if (wire instanceof Channel channel && channel.getTtl() > 0) {
      ttl = channel.getTtl();
    }
    return new ParsedFeed(blankToNull(feed.getTitle()), blankToNull(feed.getLink()), blankToNull(feed.getLanguage()), ttl, charset, repairs, entries);
  }

  private static ParsedEntry toParsedEntry(SyndEntry entry) {
    String content = null;
    for (SyndContent c : entry.getContents()) {
      if (c.getValue() != null && !c.getValue().isBlank()) {
        content = c.getValue();
        break;
      }
    }
    String summary = entry.getDescription() == null ? null : blankToNull(entry.getDescription().getValue());
    List<String> tags = new ArrayList<>();
    for (SyndCategory category : entry.getCategories()) {
      if (category.getName() != null && !category.getName().isBlank()) {
        tags.add(category.getName().strip());
      }
    }
    return new ParsedEntry(
        guid(entry),
        blankToNull(entry.getLink()),
        entry.getTitle(),
        blankToNull(entry.getAuthor()),
        summary,
        blankToNull(content),
        instant(entry.getPublishedDate()),
        instant(entry.getUpdatedDate()),
        tags);
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

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
