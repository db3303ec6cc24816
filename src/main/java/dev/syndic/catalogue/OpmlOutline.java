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
 */
public record OpmlOutline(String xmlUrl, @Nullable String title, @Nullable String category, boolean enabled, boolean paused) {

  /** An enabled, active subscription, as every reader but Syndic writes them. */
  public OpmlOutline(String xmlUrl, @Nullable String title, @Nullable String category) {
    this(xmlUrl, title, category, true, false);
  }
}
