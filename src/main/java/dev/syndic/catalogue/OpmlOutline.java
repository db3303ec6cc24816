package dev.syndic.catalogue;

import io.micronaut.core.annotation.Nullable;

/**
 * A subscription read from OPML.
 *
 * @param title the outline's title (else its text); null when it has none, or when it is only the
 *     feed's URL (a placeholder that the feed's own title then replaces)
 * @param category the outline's {@code category} attribute, else the folder it sits in
 * @param enabled false when a Syndic export says the source was disabled ({@link OpmlWriter#NS})
 * @param paused true when a Syndic export says the source was paused
 * @param idUrl the address a Syndic export says the source's item ids are made from (it moved
 *     since it was first subscribed), or null
 * @param siteUrl the outline's {@code htmlUrl} (the site's address) read against {@code xmlUrl},
 *     when that is a web address a source may keep ({@link OpmlReader}); else null
 * @param pollIntervalSeconds the admin's poll interval a Syndic export names, unchecked (the
 *     import checks its bounds); null for the adaptive interval
 */
public record OpmlOutline(String xmlUrl, @Nullable String title, @Nullable String category, boolean enabled, boolean paused,
    @Nullable String idUrl, @Nullable String siteUrl, @Nullable Integer pollIntervalSeconds) {

  /** A subscription without an admin's poll interval. */
  public OpmlOutline(String xmlUrl, @Nullable String title, @Nullable String category, boolean enabled, boolean paused,
      @Nullable String idUrl, @Nullable String siteUrl) {
    this(xmlUrl, title, category, enabled, paused, idUrl, siteUrl, null);
  }

  /** An enabled, active subscription without a site, as every reader but Syndic writes them. */
  public OpmlOutline(String xmlUrl, @Nullable String title, @Nullable String category) {
    this(xmlUrl, title, category, true, false, null, null);
  }

  /** The subscription at a checked address, everything else as read. */
  public OpmlOutline at(String checkedUrl) {
    return new OpmlOutline(checkedUrl, title, category, enabled, paused, idUrl, siteUrl, pollIntervalSeconds);
  }
}
