package dev.syndic.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A category feed in JSON Feed 1.1 as the OpenAPI document describes it (field names as the
 * format spells them), and as {@link JsonFeedWriter} writes it: one set of records for both, so
 * the two cannot drift. A field marked {@code NON_NULL} is left out when it has no value, as the
 * format has it. RSS and Atom are documented as their formats.
 */
public final class JsonFeedShape {

  private JsonFeedShape() {}

  /**
   * The feed.
   *
   * @param version {@code https://jsonfeed.org/version/1.1}
   * @param feed_url this feed, {@code limit} included
   * @param hubs the WebSub hub, only in the feeds the hub is pinged for
   */
  @Schema(name = "JsonFeed", description = "JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).")
  @Serdeable.Serializable
  public record Feed(String version, String title, String home_page_url, String feed_url, String description, String language,
      List<Author> authors, @JsonInclude(Include.NON_NULL) @Nullable List<Hub> hubs, List<FeedItem> items) {}

  /**
   * One entry.
   *
   * @param id the item id ({@code urn:syndic:entry:...}), stable across moves and rebuilds
   * @param url the original article; absent when it has none
   * @param content_html the cleaned content followed by the disclaimer
   * @param tags category slugs
   * @param attachments the files the entry carries; absent when none
   * @param language {@code zh}, {@code ja} or {@code en}
   * @param _source where the entry comes from (an extension)
   */
  @Schema(name = "JsonFeedItem")
  @Serdeable.Serializable
  public record FeedItem(String id, @JsonInclude(Include.NON_NULL) @Nullable String url, String title, String content_html,
      String date_published, String date_modified, List<Author> authors, List<String> tags,
      @JsonInclude(Include.NON_NULL) @Nullable List<Attachment> attachments, String language, Origin _source) {}

  @Schema(name = "JsonFeedAuthor")
  @Serdeable.Serializable
  public record Author(String name) {}

  @Schema(name = "JsonFeedHub")
  @Serdeable.Serializable
  public record Hub(String type, String url) {}

  /**
   * A file.
   *
   * @param mime_type the file's media type, {@code application/octet-stream} when unknown
   * @param size_in_bytes absent when unknown
   */
  @Schema(name = "JsonFeedAttachment")
  @Serdeable.Serializable
  public record Attachment(String url, String mime_type, @JsonInclude(Include.NON_NULL) @Nullable Long size_in_bytes) {}

  /**
   * The source of an item ({@code _source}).
   *
   * @param feed_url absent unless http(s)
   * @param home_page_url absent when unknown
   */
  @Schema(name = "JsonFeedSource")
  @Serdeable.Serializable
  public record Origin(String title, @JsonInclude(Include.NON_NULL) @Nullable String feed_url,
      @JsonInclude(Include.NON_NULL) @Nullable String home_page_url) {}
}
