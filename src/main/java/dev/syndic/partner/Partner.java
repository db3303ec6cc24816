package dev.syndic.partner;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A partner, as stored and as the admin API shows it (never its key, only the key's first
 * characters to tell keys apart).
 *
 * @param categories granted category slugs; {@code all} grants every category
 * @param ratePerMinute requests allowed per minute, with bursts up to the same number
 * @param fullContent whole content, or a summary
 * @param related whether items carry the related-reading block
 * @param disclaimerVariant which disclaimer templates apply ({@code default} or a variant name)
 */
@Serdeable
public record Partner(
    long id,
    String name,
    List<String> categories,
    int ratePerMinute,
    boolean fullContent,
    boolean related,
    String disclaimerVariant,
    boolean enabled,
    String keyHint,
    Instant keyRotatedAt,
    Instant createdAt,
    Instant updatedAt) {

  public static final String ALL = "all";

  /** True when the partner may read the category ({@code all}: every granted one). */
  public boolean grants(String category) {
    return categories.contains(ALL) || categories.contains(category);
  }
}
