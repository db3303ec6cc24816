package dev.syndic.publish;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/** The HTTP answer for a rendered feed: validators, caching headers, 304. */
public final class FeedResponses {

  private FeedResponses() {}

  /**
   * @param cacheControl e.g. {@code public, max-age=300}
   * @param now the time of sending, which Last-Modified may not pass
   * @param refuse the route's answer to a failed precondition (412), given the status and what is wrong
   */
  static MutableHttpResponse<?> send(HttpRequest<?> request, RenderedFeed feed, String cacheControl, Instant now,
      BiFunction<HttpStatus, String, MutableHttpResponse<?>> refuse) {
    // RFC 9110 §13.2.2: If-Match (or If-Unmodified-Since) before If-None-Match; ignored, a client
    // holding bytes the feed no longer has was answered the new feed as if it had asked for it.
    // The refusal names the current validators but is no feed: nothing may cache it.
    if (feed.preconditionFailed(list(request, HttpHeaders.IF_MATCH),
        ifModifiedSince(request.getHeaders().getAll(HttpHeaders.IF_UNMODIFIED_SINCE), now), now)) {
      return refuse.apply(HttpStatus.PRECONDITION_FAILED, "The feed changed: it is no longer the one If-Match or If-Unmodified-Since"
              + " names; its ETag and Last-Modified are now those of this answer.")
          .header(HttpHeaders.ETAG, feed.etag())
          .header(HttpHeaders.LAST_MODIFIED, feed.lastModifiedHeader(now))
          .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
    Instant ifModifiedSince = ifModifiedSince(request.getHeaders().getAll(HttpHeaders.IF_MODIFIED_SINCE), now);
    MutableHttpResponse<?> response = feed.notModified(list(request, HttpHeaders.IF_NONE_MATCH), ifModifiedSince)
        ? HttpResponse.status(HttpStatus.NOT_MODIFIED)
        : HttpResponse.ok(feed.body()).contentType(feed.contentType());
    return response.header(HttpHeaders.ETAG, feed.etag())
        .header(HttpHeaders.LAST_MODIFIED, feed.lastModifiedHeader(now))
        .header(HttpHeaders.CACHE_CONTROL, cacheControl)
        .header(HttpHeaders.VARY, "Accept-Encoding");
  }

  /**
   * A list field as one value, null when absent. A field sent on several lines is one list (RFC
   * 9110 §5.3): the first line alone missed a current tag on the second, and the whole feed went
   * out again.
   */
  private static String list(HttpRequest<?> request, String name) {
    List<String> lines = request.getHeaders().getAll(name);
    return lines.isEmpty() ? null : String.join(", ", lines);
  }

  /** A short plain-text answer for a person reading the error. */
  public static MutableHttpResponse<String> plain(HttpStatus status, String message) {
    return HttpResponse.<String>status(status).contentType(MediaType.TEXT_PLAIN_TYPE.toString() + "; charset=utf-8").body(message + "\n");
  }

  /**
   * The If-Modified-Since (or If-Unmodified-Since) date to compare, or null where it is to be
   * ignored: not an HTTP date, or
   * sent more than once (RFC 9110 §13.1.3), or later than {@code now}. A client that writes its
   * own clock's time there instead of the Last-Modified it was sent (RFC 2616 §14.25 calls such a
   * date invalid) got 304 for every change until its clock, running ahead, was passed.
   */
  static Instant ifModifiedSince(List<String> fields, Instant now) {
    Instant date = fields.size() == 1 ? parseDate(fields.get(0)) : null;
    return date == null || date.isAfter(now) ? null : date;
  }

  /** RFC 850's date: a full day name, a two-digit year (70 to 99 in the 1900s, the rest in the 2000s), a zone (GMT). */
  private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder().parseCaseInsensitive()
      .appendPattern("EEEE, dd-MMM-").appendValueReduced(ChronoField.YEAR, 2, 2, 1970).appendPattern(" HH:mm:ss zzz")
      .toFormatter(Locale.US);
  /** C's asctime(): no zone (GMT), the day of the month padded with a space. */
  private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
      .appendPattern("EEE MMM ppd HH:mm:ss yyyy").toFormatter(Locale.US).withZone(ZoneOffset.UTC);

  /**
   * An HTTP date in any of the three forms RFC 9110 (§5.6.7) obliges a recipient to accept: the
   * preferred IMF-fixdate, and the obsolete RFC 850 and asctime forms some clients still send (the
   * first alone answered them the whole feed at every poll); null when it is none of them.
   */
  static Instant parseDate(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    for (DateTimeFormatter f : new DateTimeFormatter[] {DateTimeFormatter.RFC_1123_DATE_TIME, RFC_850, ASCTIME}) {
      try {
        return ZonedDateTime.parse(v, f).toInstant();
      } catch (DateTimeParseException e) {
        // the next form
      }
    }
    return null;
  }
}
