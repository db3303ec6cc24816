package dev.syndic.publish;

import dev.syndic.HttpDates;
import dev.syndic.Sha256;
import io.micronaut.core.annotation.Nullable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.zip.GZIPOutputStream;

/**
 * A feed variant ready to send: its bytes, the same gzipped, a strong ETag (a hash of exactly these
 * bytes) and its Last-Modified time, in whole seconds.
 *
 * <p>The gzip representation has a strong ETag of its own, the identity tag with {@code -gzip}
 * inside the quotes: a strong validator names exact bytes (RFC 9110 §8.8.3), and one tag for both
 * codings let a cache that keeps both answer If-None-Match with bytes in the wrong coding. The
 * bytes are gzipped here, once per rendering, not by the server per request (which gave every
 * coding the identity tag).
 *
 * <p>Last-Modified follows the bytes, not the items' own times: hiding, deleting or moving an
 * entry, or a changed disclaimer or source name, changes what a feed shows without a newer item.
 * A variant's first rendering on this instance is as new as the feed version it was made at (and
 * not older than this instance's start, which may bring other code or settings); a later one keeps
 * the time of the rendering before when the bytes are the same, and is at least one second past it
 * when they differ, so a client that revalidates with If-Modified-Since alone never keeps a stale
 * copy because two changes fell within one second. That time may run ahead of the clock during a
 * burst of changes; the header then says the time of sending, as RFC 9110 allows no Last-Modified
 * later than the Date, while If-Modified-Since is still compared with the time kept: a client
 * that holds that header gets the body again rather than a 304 it cannot be sure of.
 */
record RenderedFeed(byte[] body, byte[] gzipped, String contentType, String etag, Instant lastModified) {

  /**
   * @param changed when what the body shows last changed as far as the store knows: the feed
   *     version's time, the newest item, the instance's start, whichever is latest
   * @param previous this variant's rendering before, or null
   */
  static RenderedFeed of(String body, FeedFormat format, Instant changed, @Nullable RenderedFeed previous) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String etag = "\"" + Sha256.hex(bytes).substring(0, 32) + "\"";
    Instant modified = changed.truncatedTo(ChronoUnit.SECONDS);
    boolean same = previous != null && previous.etag.equals(etag);
    if (previous != null) {
      modified = same ? previous.lastModified : later(modified, previous.lastModified.plusSeconds(1));
    }
    // The version moves with any change anywhere, so most renderings give a variant the bytes it
    // had: their gzip is kept, not made again (a millisecond for a feed of 50 kB).
    return new RenderedFeed(bytes, same ? previous.gzipped : gzip(bytes), format.contentType, etag, modified);
  }

  /**
   * This rendering as sent to a reader whose own settings shape it too (a partner's options, last
   * changed at {@code settingsChanged}): Last-Modified no earlier than the second after that
   * change. A rendering for new settings starts with the date of what the feed shows, which a
   * reader holding one made for its old settings already has: told 304, it kept the old one.
   */
  RenderedFeed modifiedNoEarlierThan(Instant settingsChanged) {
    Instant floor = settingsChanged.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    return lastModified.isBefore(floor) ? new RenderedFeed(body, gzipped, contentType, etag, floor) : this;
  }

  /** The bytes held: the body in both codings. */
  int bytes() {
    return body.length + gzipped.length;
  }

  /** The bytes sent for one content coding, and their strong ETag. */
  record Representation(byte[] bytes, String etag, boolean gzip) {}

  /** The gzip representation's ETag: the identity tag with {@code -gzip} inside the quotes. */
  String gzipEtag() {
    return etag.substring(0, etag.length() - 1) + "-gzip\"";
  }

  /**
   * The representation a request is answered with: gzip when the client accepts it, unless its
   * If-None-Match names the identity tag and not the gzip one. That client holds the identity
   * bytes, which every client may use, so it is told they are current (304 with their tag), not
   * sent the same feed again gzipped: readers kept the one tag sent for both codings before.
   */
  Representation select(boolean acceptsGzip, @Nullable String ifNoneMatch) {
    Representation identity = new Representation(body, etag, false);
    if (!acceptsGzip) {
      return identity;
    }
    Representation gzip = new Representation(gzipped, gzipEtag(), true);
    boolean holdsIdentity = ifNoneMatch != null && EntityTags.anyMatches(ifNoneMatch, etag) && !EntityTags.anyMatches(ifNoneMatch, gzip.etag);
    return holdsIdentity ? identity : gzip;
  }

  /** The Last-Modified header sent at {@code now}: never later than the Date of the response. */
  String lastModifiedHeader(Instant now) {
    return HttpDates.format(lastModifiedAt(now));
  }

  private Instant lastModifiedAt(Instant now) {
    return lastModified.isAfter(now) ? now.truncatedTo(ChronoUnit.SECONDS) : lastModified;
  }

  /**
   * True when the request's validators say the client already has the representation tagged
   * {@code tag} (one of {@link #select}). If-None-Match decides when present (RFC 9110 §13.1.3
   * ignores If-Modified-Since then), with the weak comparison it requires (§13.1.2): {@code W/"x"}
   * matches {@code "x"}, as proxies that compress a response weaken its ETag.
   */
  boolean notModified(String tag, @Nullable String ifNoneMatch, @Nullable Instant ifModifiedSince) {
    if (ifNoneMatch != null) {
      return EntityTags.anyMatches(ifNoneMatch, tag);
    }
    return ifModifiedSince != null && !lastModified.isAfter(ifModifiedSince);
  }

  /**
   * True when the request's preconditions fail (RFC 9110 §13.2.2), so that a client that meant
   * to act on the bytes it has (a strong {@code ETag}, or a {@code Last-Modified}) learns that
   * they changed: If-Match names no tag that strongly matches these bytes in either coding (and
   * is not {@code *}: both tags name what the feed is now, whichever coding this answer has);
   * without If-Match, the feed changed after If-Unmodified-Since, as Last-Modified is sent at
   * {@code now}.
   */
  boolean preconditionFailed(@Nullable String ifMatch, @Nullable Instant ifUnmodifiedSince, Instant now) {
    if (ifMatch != null) {
      return !EntityTags.anyMatches(ifMatch, etag, true) && !EntityTags.anyMatches(ifMatch, gzipEtag(), true);
    }
    return ifUnmodifiedSince != null && lastModifiedAt(now).isAfter(ifUnmodifiedSince);
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a stream in memory
    }
    return out.toByteArray();
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
