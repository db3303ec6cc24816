package dev.syndic;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times as HTTP header fields carry them: IMF-fixdate (RFC 9110 §5.6.7), e.g. {@code Thu, 05 Nov
 * 2026 08:00:00 GMT}, in UTC to the second. Not {@link DateTimeFormatter#RFC_1123_DATE_TIME}: it
 * writes a day of one digit on the first nine days of each month ({@code Tue, 1 Dec 2026}), which
 * the grammar does not allow and strict parsers (Go's net/http, nginx's and Varnish's
 * revalidation) refuse, so a feed's Last-Modified went unused nine days a month.
 */
public final class HttpDates {

  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private HttpDates() {}

  /** {@code t} as IMF-fixdate, its fraction of a second dropped. */
  public static String format(Instant t) {
    return IMF_FIXDATE.format(t);
  }
}
