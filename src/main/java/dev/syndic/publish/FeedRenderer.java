package dev.syndic.publish;

import dev.syndic.Sha256;
import dev.syndic.config.SiteConfig;
import dev.syndic.entry.EntryRow;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a feed in any format from stored entries. Written with StAX rather than Rome: Rome's
 * RSS output has no {@code atom:link} for self and hub, and no {@code <source>} per item, which
 * readers and validators expect.
 */
@Singleton
final class FeedRenderer {

  private final ItemComposer composer;
  private final SiteConfig site;
  private final ObjectMapper json;

  FeedRenderer(ItemComposer composer, SiteConfig site, ObjectMapper json) {
    this.composer = composer;
    this.site = site;
    this.json = json;
  }

  /**
   * @param category the category shown, or null for every category
   */
  String render(Channel channel, String category, List<EntryRow> entries, FeedFormat format, OutputOptions options) {
    List<Item> items = new ArrayList<>(entries.size());
    for (EntryRow e : entries) {
      items.add(Item.of(e, composer.html(e, category, options, entries), site.name()));
    }
    switch (format) {
      case RSS:
        return RssWriter.write(channel, items);
      case ATOM:
        return AtomWriter.write(channel, items);
      default:
        return JsonFeedWriter.write(json, channel, items);
    }
  }

  /**
   * A URN derived from the story's key ({@link EntryRow#storyKey}: an identity key under a source's
   * first address), never from a row id: the same after a database rebuild, after a source's
   * redirect, and when another copy of the story becomes the one shown.
   */
  static String stableId(EntryRow e) {
    return "urn:syndic:entry:" + Sha256.hex(e.storyKey()).substring(0, 32);
  }
}
