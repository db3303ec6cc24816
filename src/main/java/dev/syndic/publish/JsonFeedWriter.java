package dev.syndic.publish;

import dev.syndic.publish.JsonFeedShape.Attachment;
import dev.syndic.publish.JsonFeedShape.Author;
import dev.syndic.publish.JsonFeedShape.Feed;
import dev.syndic.publish.JsonFeedShape.FeedItem;
import dev.syndic.publish.JsonFeedShape.Hub;
import dev.syndic.publish.JsonFeedShape.Origin;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** JSON Feed 1.1, written as {@link JsonFeedShape} documents it; the source of each item is in the {@code _source} extension. */
final class JsonFeedWriter {

  private JsonFeedWriter() {}

  static String write(ObjectMapper json, Channel c, List<Item> items) {
    Feed feed = new Feed("https://jsonfeed.org/version/1.1", c.title(), c.siteUrl(), c.selfUrl(), c.description(), c.language(),
        List.of(new Author(c.siteName())), c.hubUrl() == null ? null : List.of(new Hub("WebSub", c.hubUrl())),
        items.stream().map(JsonFeedWriter::item).toList());
    try {
      return json.writeValueAsString(feed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FeedItem item(Item i) {
    List<Attachment> attachments = i.enclosures().isEmpty() ? null
        : i.enclosures().stream().map(f -> new Attachment(f.url(), Item.typeOf(f), f.length())).toList();
    return new FeedItem(i.id(), i.link(), i.title(), i.html(), XmlOut.rfc3339(i.published()), XmlOut.rfc3339(i.updated()),
        List.of(new Author(i.author())), i.categories(), attachments, i.language(),
        new Origin(i.sourceTitle(), i.sourceFeedUrl(), i.sourceSiteUrl()));
  }
}
