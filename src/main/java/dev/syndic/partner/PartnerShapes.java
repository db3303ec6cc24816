package dev.syndic.partner;

import dev.syndic.publish.PartnerEntry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The pages the partner API answers, as the OpenAPI document describes them and as {@link
 * PartnerPages} builds them (pages are kept in memory as built); their entries are {@link
 * PartnerEntry}.
 */
final class PartnerShapes {

  private PartnerShapes() {}

  /**
   * A page newest first ({@code order=published}, the default).
   *
   * @param next the cursor of the next page ({@code cursor=}); null on the last page
   */
  @Schema(name = "PartnerEntries", description = "A page of entries, newest first.")
  @Serdeable.Serializable
  record Entries(List<PartnerEntry> items, @Nullable String next) {}

  /**
   * A page in arrival order ({@code order=arrival}).
   *
   * @param removed items that left the list within the page's positions (hidden, deleted, made
   *     a duplicate, taken out of the categories read): drop what is kept under each id
   * @param next the position to ask after ({@code after=}); never null
   * @param more whether to ask again at once
   */
  @Schema(name = "PartnerArrivals", description = "A page of entries in the order they became visible, oldest first, and the items that "
      + "left the list among the same positions.")
  @Serdeable.Serializable
  record Arrivals(List<PartnerEntry> items, List<Removed> removed, String next, boolean more) {}

  /**
   * An item that left the list.
   *
   * @param id the item id it was listed under ({@code urn:syndic:entry:...})
   * @param position its leaving's place in the arrival order
   */
  @Schema(name = "PartnerRemoved", description = "An item that left the partner's list: hidden, deleted, made a duplicate of another "
      + "story, or taken out of the categories read.")
  @Serdeable.Serializable
  record Removed(String id, String position) {}
}
