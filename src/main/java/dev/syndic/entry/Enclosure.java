package dev.syndic.entry;

import dev.syndic.WebLinks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A file an entry carries, as stored and republished: an absolute http(s) address, a media type
 * when the feed gave a valid one, a length in bytes when it gave a positive one.
 */
@Serdeable
public record Enclosure(String url, @Nullable String type, @Nullable Long length) {

  /** Files kept per entry: a podcast episode has one; a feed listing hundreds per item is not honoured. */
  public static final int MAX = 10;
  /** Longer addresses are dropped (browsers and servers stop at about 2 KB; none of a real file's is longer). */
  public static final int MAX_URL = 2048;
  /** A media type, type "/" subtype, in the characters RFC 6838 allows; parameters are dropped. */
  private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");

  /**
   * The enclosure to keep of what a feed wrote, or null: the address must be an absolute http(s)
   * one of at most {@link #MAX_URL} characters (read it against the entry's base first); a type
   * that is no media type, or a length that is no positive number, is left out, the file kept.
   */
  public static @Nullable Enclosure checked(@Nullable String url, @Nullable String type, @Nullable String length) {
    if (url == null || url.length() > MAX_URL || !WebLinks.isWeb(url) || url.strip().length() < 9) {
      return null;
    }
    return new Enclosure(url.strip(), type(type), length(length));
  }

  private static String type(String written) {
    if (written == null) {
      return null;
    }
    int semicolon = written.indexOf(';');
    String t = (semicolon < 0 ? written : written.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    return MEDIA_TYPE.matcher(t).matches() ? t : null;
  }

  private static Long length(String written) {
    if (written == null) {
      return null;
    }
    try {
      long n = Long.parseLong(written.strip());
      return n > 0 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
