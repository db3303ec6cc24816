package dev.syndic.publish;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The HTTP answer for a rendered feed: validators, caching headers, 304. */
public final class FeedResponses {

  private FeedResponses() {}

  /**
   * @param cacheControl e.g. {@code public, max-age=300}
   * @param now the time of sending, which Last-Modified may not pass
   */
  static MutableHttpResponse<?> send(HttpRequest<?> request, RenderedFeed feed, String cacheControl, Instant now) {
    String ifNoneMatch = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH);
    Instant ifModifiedSince = parseDate(request.getHeaders().get(HttpHeaders.IF_MODIFIED_SINCE));
    MutableHttpResponse<?> response = feed.notModified(ifNoneMatch, ifModifiedSince)
        ? HttpResponse.status(HttpStatus.NOT_MODIFIED)
        : HttpResponse.ok(feed.body()).contentType(feed.contentType());
    return response.header(HttpHeaders.ETAG, feed.etag())
        .header(HttpHeaders.LAST_MODIFIED, feed.lastModifiedHeader(now))
        .header(HttpHeaders.CACHE_CONTROL, cacheControl)
        .header(HttpHeaders.VARY, "Accept-Encoding");
  }

  /** A short plain-text answer for a person reading the error. */
  public static MutableHttpResponse<String> plain(HttpStatus status, String message) {
    return HttpResponse.<String>status(status).contentType(MediaType.TEXT_PLAIN_TYPE.toString() + "; charset=utf-8").body(message + "\n");
  }

  private static Instant parseDate(String value) {
    if (value == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
