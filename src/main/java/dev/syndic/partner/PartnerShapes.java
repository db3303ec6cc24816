package dev.syndic.partner;

import dev.syndic.entry.Enclosure;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The JSON the partner API answers, as the OpenAPI document describes it. {@link PartnerPages}
 * and {@code PartnerRendering} build the answers (pages are kept in memory as built);
 * OperationsTest checks that what is served has exactly these fields, so the two do not drift.
 */
final class PartnerShapes {

  private PartnerShapes() {}

  /**
   * A page newest first ({@code order=published}, the default).
   *
   * @param next the cursor of the next page ({@code cursor=}); null on the last page
   */
  @Schema(name = "PartnerEntries", description = "A page of entries, newest first.")
  record Entries(List<Entry> items, @Nullable String next) {}

  /**
   * A page in arrival order ({@code order=arrival}).
   *
   * @param next the position to ask after ({@code after=}); never null
   * @param more whether to ask again at once
   */
  @Schema(name = "PartnerArrivals", description = "A page of entries in the order they became visible, oldest first.")
  record Arrivals(List<Entry> items, String next, boolean more) {}

  /**
   * One entry, ready to republish.
   *
   * @param id the item id, the same as in the feeds ({@code urn:syndic:entry:...})
   * @param link the original article, or null
   * @param published RFC 3339
   * @param updated RFC 3339: the last change that matters to a reader
   * @param language {@code zh} or {@code en}
   * @param categories category slugs
   * @param contentHtml the sanitized content (whole, or a summary), the disclaimer and, when the
   *     partner takes it, the related-reading block
   * @param fullContent whether {@code contentHtml} holds the whole content
   * @param position in arrival order only: the item's position, to ask {@code after=}
   */
  @Schema(name = "PartnerEntry", description = "An entry as a partner republishes it.")
  record Entry(String id, String title, @Nullable String link, String published, String updated, String author, String language,
      List<String> categories, Origin source, List<Enclosure> enclosures, String contentHtml, boolean fullContent,
      @Nullable String position) {}

  /**
   * Where the entry comes from, for attribution.
   *
   * @param feedUrl the source's feed, when it is http(s); else null
   * @param siteUrl the source's site, or null
   */
  @Schema(name = "PartnerEntrySource")
  record Origin(String title, @Nullable String feedUrl, @Nullable String siteUrl) {}
}
