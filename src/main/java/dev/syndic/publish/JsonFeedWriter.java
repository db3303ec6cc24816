package dev.syndic.publish;

import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON Feed 1.1; the source of each item is in the {@code _source} extension. */
final class JsonFeedWriter {

  private JsonFeedWriter() {}

  static String write(ObjectMapper json, Channel c, List<Item> items) {
    Map<String, Object> feed = new LinkedHashMap<>();
    feed.put("version", "https://jsonfeed.org/version/1.1");
    feed.put("title", c.title());
    feed.put("home_page_url", c.siteUrl());
    feed.put("feed_url", c.selfUrl());
    feed.put("description", c.description());
    feed.put("language", c.language());
    feed.put("authors", List.of(Map.of("name", c.siteName())));
    if (c.hubUrl() != null) {
      feed.put("hubs", List.of(Map.of("type", "WebSub", "url", c.hubUrl())));
    }
    feed.put("items", items.stream().map(JsonFeedWriter::item).toList());
    try {
      return json.writeValueAsString(feed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> item(Item i) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", i.id());
    if (i.link() != null) {
      item.put("url", i.link());
    }
    item.put("title", i.title());
    item.put("content_html", i.html());
    item.put("date_published", XmlOut.rfc3339(i.published()));
    item.put("date_modified", XmlOut.rfc3339(i.updated()));
    item.put("authors", List.of(Map.of("name", i.author())));
    item.put("tags", i.categories());
    if (!i.enclosures().isEmpty()) {
      item.put("attachments", i.enclosures().stream().map(f -> {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("url", f.url());
        a.put("mime_type", Item.typeOf(f));
        if (f.length() != null) {
          a.put("size_in_bytes", f.length());
        }
        return a;
      }).toList());
    }
    item.put("language", i.language());
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("title", i.sourceTitle());
    if (i.sourceFeedUrl() != null) {
      source.put("feed_url", i.sourceFeedUrl());
    }
    if (i.sourceSiteUrl() != null) {
      source.put("home_page_url", i.sourceSiteUrl());
    }
    item.put("_source", source);
    return item;
  }
}
