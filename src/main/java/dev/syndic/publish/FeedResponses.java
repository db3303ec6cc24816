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

  /** What the API document says of a feed's codings, after a feed route's 200 description. */
  public static final String GZIP_NOTE = "; gzipped (Content-Encoding: gzip) when Accept-Encoding accepts gzip or *, under an ETag"
      + " of its own (the identity tag with -gzip inside the quotes), uncompressed otherwise; every answer says Vary: Accept-Encoding,"
      + " and a HEAD the Content-Length of that GET";
  /** What the API document says of a feed's 304, after a feed route's description of it. */
  public static final String NOT_MODIFIED_NOTE = ": If-None-Match is compared with the tag of the coding the request gets"
      + " (a gzip request naming only the identity tag is told its uncompressed bytes are current)";

  private FeedResponses() {}

  /**
   * Answers the representation the request selects (see {@link RenderedFeed#select}): gzip when
   * Accept-Encoding accepts it, identity otherwise, each with its own ETag. Every answer, 304 and
   * 412 included, says that it varies with Accept-Encoding, and a HEAD carries the Content-Length
   * a GET would (RFC 9110 §9.3.2), of bytes already in the cache.
   *
   * @param cacheControl e.g. {@code public, max-age=300}
   * @param now the time of sending, which Last-Modified may not pass
   * @param refuse the route's answer to a failed precondition (412), given the status and what is wrong
   */
  static MutableHttpResponse<?> send(HttpRequest<?> request, RenderedFeed feed, String cacheControl, Instant now,
      BiFunction<HttpStatus, String, MutableHttpResponse<?>> refuse) {
    String ifNoneMatch = list(request, HttpHeaders.IF_NONE_MATCH);
    RenderedFeed.Representation chosen = feed.select(acceptsGzip(request.getHeaders().getAll(HttpHeaders.ACCEPT_ENCODING)), ifNoneMatch);
    // RFC 9110 §13.2.2: If-Match (or If-Unmodified-Since) before If-None-Match; ignored, a client
    // holding bytes the feed no longer has was answered the new feed as if it had asked for it.
    // The refusal names the current validators but is no feed: nothing may cache it.
    if (feed.preconditionFailed(list(request, HttpHeaders.IF_MATCH),
        ifModifiedSince(request.getHeaders().getAll(HttpHeaders.IF_UNMODIFIED_SINCE), now), now)) {
      return refuse.apply(HttpStatus.PRECONDITION_FAILED, "The feed changed: it is no longer the one If-Match or If-Unmodified-Since"
              + " names; its ETag and Last-Modified are now those of this answer.")
          .header(HttpHeaders.ETAG, chosen.etag())
          .header(HttpHeaders.LAST_MODIFIED, feed.lastModifiedHeader(now))
          .header(HttpHeaders.CACHE_CONTROL, "no-store")
          .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
    }
    Instant ifModifiedSince = ifModifiedSince(request.getHeaders().getAll(HttpHeaders.IF_MODIFIED_SINCE), now);
    MutableHttpResponse<?> response;
    if (feed.notModified(chosen.etag(), ifNoneMatch, ifModifiedSince)) {
      response = HttpResponse.status(HttpStatus.NOT_MODIFIED);
    } else {
      response = HttpResponse.ok(chosen.bytes()).contentType(feed.contentType()).contentLength(chosen.bytes().length);
      if (chosen.gzip()) {
        response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
      }
    }
    return response.header(HttpHeaders.ETAG, chosen.etag())
        .header(HttpHeaders.LAST_MODIFIED, feed.lastModifiedHeader(now))
        .header(HttpHeaders.CACHE_CONTROL, cacheControl)
        .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
  }

  /**
   * True when Accept-Encoding (RFC 9110 §12.5.3) accepts gzip: {@code gzip} or {@code x-gzip} with
   * a weight above 0, or else {@code *} with one. No field, or an empty one, asks for identity,
   * as do weights that are no number. Other codings are never sent: each would need a tag of its
   * own, and the server chose deflate, snappy (for {@code *}, which few readers decode) or br by
   * itself, all under the identity tag.
   */
  static boolean acceptsGzip(List<String> fields) {
    double gzip = -1;
    double any = -1;
    for (String field : fields) {
      for (String item : field.split(",")) {
        String[] parts = item.split(";");
        String coding = parts[0].strip().toLowerCase(Locale.ROOT);
        double weight = 1;
        for (int i = 1; i < parts.length; i++) {
          String parameter = parts[i].strip();
          if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
            weight = weight(parameter.substring(2));
          }
        }
        if (coding.equals("gzip") || coding.equals("x-gzip")) {
          gzip = Math.max(gzip, weight);
        } else if (coding.equals("*")) {
          any = Math.max(any, weight);
        }
      }
    }
    return gzip >= 0 ? gzip > 0 : any > 0;
  }

  /** A weight from 0 to 1; anything else (a word, NaN, 2) counts as 0, not acceptable. */
  private static double weight(String value) {
    try {
      double weight = Double.parseDouble(value.strip());
      return weight >= 0 && weight <= 1 ? weight : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
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
