package dev.syndic.publish;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import dev.syndic.config.SiteConfig;
import dev.syndic.entry.EntryRow;
import jakarta.inject.Singleton;
import java.io.StringWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Renders a category feed with Rome. Item ids are {@code urn:syndic:entry:<identity key>}: derived
 * from the source and the publisher's identity of the entry, so they survive a database rebuild.
 */
@Singleton
final class FeedRenderer {

  /** What a feed is about. */
  record Channel(String slug, String title, String description, String selfUrl, String siteUrl) {}

  private final Disclaimer disclaimer;
  private final SiteConfig site;

  FeedRenderer(Disclaimer disclaimer, SiteConfig site) {
    this.disclaimer = disclaimer;
    this.site = site;
  }

  String render(Channel channel, List<EntryRow> entries, FeedFormat format) {
    SyndFeed feed = new SyndFeedImpl();
    feed.setFeedType(format.romeType);
    feed.setTitle(channel.title());
    feed.setDescription(channel.description());
    feed.setLink(channel.siteUrl());
    feed.setUri(channel.selfUrl());
    feed.setLanguage(site.language());
    SyndLink self = new SyndLinkImpl();
    self.setRel("self");
    self.setHref(channel.selfUrl());
    self.setType(format.contentType.split(";")[0]);
    SyndLink alternate = new SyndLinkImpl();
    alternate.setRel("alternate");
    alternate.setHref(channel.siteUrl());
    feed.setLinks(List.of(alternate, self));
    Instant newest = entries.stream().map(EntryRow::updatedAt).max(Instant::compareTo).orElse(Instant.EPOCH);
    feed.setPublishedDate(Date.from(newest));
    List<SyndEntry> items = new ArrayList<>();
    for (EntryRow e : entries) {
      items.add(item(e));
    }
    feed.setEntries(items);
    try {
      StringWriter out = new StringWriter();
      new SyndFeedOutput().output(feed, out, false);
      return out.toString();
    } catch (FeedException | IOException e) {
      throw new IllegalStateException("could not render feed " + channel.slug(), e);
    }
  }

  /** A URN derived from the source's URL and the entry's identity key, never from a row id. */
  static String stableId(EntryRow e) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest((e.sourceUrl() + "\n" + e.identityKey()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "urn:syndic:entry:" + java.util.HexFormat.of().formatHex(digest, 0, 16);
    } catch (java.security.NoSuchAlgorithmException x) {
      throw new IllegalStateException(x);
    }
  }

  private SyndEntry item(EntryRow e) {
    SyndEntry item = new SyndEntryImpl();
    item.setTitle(e.title().isEmpty() ? "(untitled)" : e.title());
    item.setLink(e.link());
    item.setUri(stableId(e));
    item.setAuthor(e.author());
    item.setPublishedDate(Date.from(e.published() != null ? e.published() : e.sortAt()));
    item.setUpdatedDate(Date.from(e.updatedAt()));
    SyndContent description = new SyndContentImpl();
    description.setType("text/html");
    description.setValue(disclaimer.appendTo(e.cleanHtml(), e));
    item.setDescription(description);
    List<SyndCategory> categories = new ArrayList<>();
    for (EntryRow.AssignedCategory c : e.categories()) {
      SyndCategory category = new SyndCategoryImpl();
      category.setName(c.slug());
      categories.add(category);
    }
    item.setCategories(categories);
    return item;
  }
}
