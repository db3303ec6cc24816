package dev.syndic.parse;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * A feed as Syndic sees it, whatever its format.
 *
 * @param ttlMinutes the RSS {@code ttl}, if the feed asks for one
 * @param repaired what had to be fixed before the document could be read, empty if nothing
 * @param hub the WebSub hub the feed names ({@code rel="hub"}), absolute, or null
 * @param self the feed's own address as it names it ({@code rel="self"}), absolute, or null: the
 *     topic a hub knows it by
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
}
