package dev.syndic.parse;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * A feed as Syndic sees it, whatever its format.
 *
 * @param ttlMinutes the RSS {@code ttl}, if the feed asks for one
 * @param repaired what had to be fixed before the document could be read, empty if nothing
 */
public record ParsedFeed(
    @Nullable String title,
    @Nullable String link,
    @Nullable String language,
    @Nullable Integer ttlMinutes,
    String charset,
    List<String> repaired,
    List<ParsedEntry> entries) {

  public ParsedFeed {
    repaired = List.copyOf(repaired);
    entries = List.copyOf(entries);
  }
}
