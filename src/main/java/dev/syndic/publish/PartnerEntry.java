package dev.syndic.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.syndic.entry.Enclosure;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One entry as the partner API answers it, ready to republish ({@link PartnerRendering#entry}),
 * and as the OpenAPI document describes it: one record for both, so the two cannot drift.
 *
 * @param id the item id, the same as in the feeds ({@code urn:syndic:entry:...})
 * @param link the original article, or null
 * @param published RFC 3339
 * @param updated RFC 3339: the last change that matters to a reader
 * @param language {@code zh}, {@code ja} or {@code en}
 * @param categories category slugs
 * @param contentHtml the sanitized content (whole, or a summary), the disclaimer and, when the
 *     partner takes it, the related-reading block
 * @param fullContent whether {@code contentHtml} holds the whole content
 * @param position in arrival order only: the item's position, to ask {@code after=}; absent otherwise
 */
@Schema(name = "PartnerEntry", description = "An entry as a partner republishes it.")
@Serdeable.Serializable
public record PartnerEntry(String id, String title, @Nullable String link, String published, String updated, String author, String language,
    List<String> categories, Origin source, List<Enclosure> enclosures, String contentHtml, boolean fullContent,
    @JsonInclude(Include.NON_NULL) @Nullable String position) {

  /** This entry at its position in arrival order. */
  public PartnerEntry at(String position) {
    return new PartnerEntry(id, title, link, published, updated, author, language, categories, source, enclosures, contentHtml, fullContent,
        position);
  }

  /**
   * Where the entry comes from, for attribution.
   *
   * @param feedUrl the source's feed, when it is http(s); else null
   * @param siteUrl the source's site, or null
   */
  @Schema(name = "PartnerEntrySource")
  @Serdeable.Serializable
  public record Origin(String title, @Nullable String feedUrl, @Nullable String siteUrl) {}
}
