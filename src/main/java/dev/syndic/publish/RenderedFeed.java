package dev.syndic.publish;

import dev.syndic.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A feed variant ready to send: its bytes, a strong ETag (a hash of exactly these bytes) and the
 * newest change among its items as Last-Modified.
 */
record RenderedFeed(byte[] body, String contentType, String etag, Instant lastModified, String lastModifiedHeader) {

  static RenderedFeed of(String body, FeedFormat format, Instant lastModified) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Instant seconds = lastModified.truncatedTo(ChronoUnit.SECONDS);
    return new RenderedFeed(bytes, format.contentType, "\"" + Sha256.hex(bytes).substring(0, 32) + "\"", seconds,
        DateTimeFormatter.RFC_1123_DATE_TIME.format(seconds.atOffset(ZoneOffset.UTC)));
  }

  /** True when the request's validators say the client already has these bytes. */
  boolean notModified(String ifNoneMatch, Instant ifModifiedSince) {
    if (ifNoneMatch != null) {
      for (String tag : ifNoneMatch.split(",")) {
        String t = tag.strip();
        if (t.equals("*") || t.equals(etag)) {
          return true;
        }
      }
      return false;
    }
    return ifModifiedSince != null && !lastModified.isAfter(ifModifiedSince);
  }

}
