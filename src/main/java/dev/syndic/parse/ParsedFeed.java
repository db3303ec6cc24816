package dev.syndic.parse;

import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * A feed as Syndic sees it, whatever its format.
 *
 * @param ttlMinutes the RSS {@code ttl}, if the feed asks for one
 * @param repaired what had to be fixed before the document could be read, empty if nothing
 * @param hub the WebSub hub the feed names ({@code rel="hub"}), or null; absolute, or relative
 *     when {@code self} is
 * @param self the feed's own address as it names it ({@code rel="self"}), or null: the topic a hub
 *     knows it by; it may be relative (see {@link #topic})
 */
public record ParsedFeed(
    @Nullable String title,
    @Nullable String link,
    @Nullable String language,
    @Nullable Integer ttlMinutes,
    String charset,
    List<String> repaired,
    List<ParsedEntry> entries,
    @Nullable String hub,
    @Nullable String self) {

  public ParsedFeed {
    repaired = List.copyOf(repaired);
    entries = List.copyOf(entries);
  }

  /**
   * The WebSub topic: the self link, a relative one read against {@code from}, the address the
   * feed came from (after redirects, RFC 3986 5.1.3); null when the feed names no hub and self, or
   * when that is no http or https address.
   */
  public @Nullable String topic(URI from) {
    URI topic = resolved(from, self);
    return topic == null ? null : topic.toString();
  }

  /** The WebSub hub, a relative one read against the {@linkplain #topic topic}; null when there is none. */
  public @Nullable String hub(URI from) {
    URI topic = resolved(from, self);
    URI hubAt = topic == null ? null : resolved(topic, hub);
    return hubAt == null ? null : hubAt.toString();
  }

  private static URI resolved(URI base, @Nullable String href) {
    if (href == null) {
      return null;
    }
    try {
      URI uri = base.resolve(new URI(href));
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }
}
