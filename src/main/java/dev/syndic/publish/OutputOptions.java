package dev.syndic.publish;

import io.micronaut.core.annotation.Nullable;

/**
 * Who an item is rendered for.
 *
 * @param variant the disclaimer variant
 * @param fullContent the whole content, or a short summary
 * @param related the related-reading block on or off; null: as the category's setting says
 */
public record OutputOptions(String variant, boolean fullContent, @Nullable Boolean related) {

  /** Public feeds: full content, default disclaimer, related block as each category says. */
  public static final OutputOptions PUBLIC = new OutputOptions(Disclaimer.DEFAULT_VARIANT, true, null);
}
