package dev.syndic.clean;

import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Recognises a tracking pixel: an image drawn at most one pixel wide or high (FeedBurner's, a
 * mailer's), which shows nothing and tells its owner each time a reader opens the item.
 */
final class TrackingPixel {

  /** A width or height of at most one pixel: "0", "1", "1px". */
  private static final Pattern PIXEL_SIZE = Pattern.compile("\\s*[01](\\.0*)?\\s*(px)?\\s*", Pattern.CASE_INSENSITIVE);

  private TrackingPixel() {}

  /** Whether {@code img} has both sizes given that small, or one with the other left out. */
  static boolean is(Element img) {
    String width = img.attr("width");
    String height = img.attr("height");
    boolean narrow = PIXEL_SIZE.matcher(width).matches();
    boolean low = PIXEL_SIZE.matcher(height).matches();
    return narrow && (low || height.isBlank()) || low && width.isBlank();
  }
}
