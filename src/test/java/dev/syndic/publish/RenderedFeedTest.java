package dev.syndic.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Last-Modified of successive renderings of one variant: kept while the bytes stay, past the last one when they change. */
class RenderedFeedTest {

  static final Instant T = Instant.parse("2026-03-17T08:00:00.200Z");

  @Test
  void aChangeWithinTheSameSecondStillMovesLastModified() {
    RenderedFeed first = RenderedFeed.of("<a/>", FeedFormat.RSS, T, null);
    assertEquals(Instant.parse("2026-03-17T08:00:00Z"), first.lastModified());
    RenderedFeed second = RenderedFeed.of("<b/>", FeedFormat.RSS, T.plusMillis(500), first);
    assertEquals(Instant.parse("2026-03-17T08:00:01Z"), second.lastModified());
    assertFalse(second.notModified(second.etag(), null, first.lastModified()), "the holder of the first gets the second");
    assertTrue(second.notModified(second.etag(), null, second.lastModified()));
  }

  @Test
  void theSameBytesKeepTheirLastModifiedWhateverTheVersionTime() {
    RenderedFeed first = RenderedFeed.of("<a/>", FeedFormat.RSS, T, null);
    RenderedFeed again = RenderedFeed.of("<a/>", FeedFormat.RSS, T.plusSeconds(60), first);
    assertEquals(first.lastModified(), again.lastModified());
  }

  /** A rendering after the version moved is mostly the same bytes: the gzip made for them is kept. */
  @Test
  void theSameBytesKeepTheirGzipAndNewOnesGetTheirOwn() throws IOException {
    RenderedFeed first = RenderedFeed.of("<a/>", FeedFormat.RSS, T, null);
    RenderedFeed again = RenderedFeed.of("<a/>", FeedFormat.RSS, T.plusSeconds(60), first);
    assertSame(first.gzipped(), again.gzipped());
    RenderedFeed changed = RenderedFeed.of("<b/>", FeedFormat.RSS, T.plusSeconds(120), again);
    assertArrayEquals("<b/>".getBytes(StandardCharsets.UTF_8), new GZIPInputStream(new ByteArrayInputStream(changed.gzipped())).readAllBytes());
  }

  @Test
  void aLaterChangeTakesItsOwnTimeAndNoneGoesBack() {
    RenderedFeed first = RenderedFeed.of("<a/>", FeedFormat.RSS, T, null);
    assertEquals(Instant.parse("2026-03-17T08:01:00Z"), RenderedFeed.of("<b/>", FeedFormat.RSS, T.plusSeconds(60), first).lastModified());
    assertEquals(Instant.parse("2026-03-17T08:00:01Z"), RenderedFeed.of("<b/>", FeedFormat.RSS, T.minusSeconds(60), first).lastModified());
  }

  @Test
  void theHeaderIsNeverLaterThanTheTimeOfSending() {
    RenderedFeed first = RenderedFeed.of("<a/>", FeedFormat.RSS, T, null);
    RenderedFeed second = RenderedFeed.of("<b/>", FeedFormat.RSS, T, first);
    assertEquals("Tue, 17 Mar 2026 08:00:00 GMT", second.lastModifiedHeader(T.plusMillis(300)));
    assertFalse(second.notModified(second.etag(), null, Instant.parse("2026-03-17T08:00:00Z")), "a client given that header is sent the body again");
    assertEquals("Tue, 17 Mar 2026 08:00:01 GMT", second.lastModifiedHeader(T.plusSeconds(5)));
  }
}
