package dev.syndic.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Content-Encoding: gzip and both flavours of deflate, counted against the cap as they inflate. */
class DecompressionTest {

  private static final byte[] FEED = FetchTesting.fixture("rss20-full.xml");

  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource({"gzip, gzip", "gzip, x-gzip", "gzip, ' GZip '", "zlib, deflate", "raw, deflate", "raw, DEFLATE"})
  void decodes(String format, String header) throws IOException {
    byte[] wire = switch (format) {
      case "gzip" -> FetchTesting.gzip(FEED);
      case "zlib" -> FetchTesting.deflate(FEED, true);
      default -> FetchTesting.deflate(FEED, false);
    };

    assertArrayEquals(FEED, Decompression.decode(wire, header, FetchTesting.CAP));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "identity", "IDENTITY"})
  void identityIsTheBodyItself(String header) throws IOException {
    assertSame(FEED, Decompression.decode(FEED, header, FetchTesting.CAP));
  }

  @Test
  void noHeaderIsTheBodyItself() throws IOException {
    assertSame(FEED, Decompression.decode(FEED, null, FetchTesting.CAP));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "deflate-zlib", "deflate-raw"})
  void bombStopsAtTheCap(String format) {
    byte[] zeros = new byte[16 * 1024 * 1024];
    byte[] wire = format.equals("gzip") ? FetchTesting.gzip(zeros) : FetchTesting.deflate(zeros, format.equals("deflate-zlib"));
    assertTrue(wire.length < 40_000, "compressed to " + wire.length);

    CappedBodySubscriber.TooLarge e =
        assertThrows(CappedBodySubscriber.TooLarge.class, () -> Decompression.decode(wire, format.startsWith("gzip") ? "gzip" : "deflate", 65536));

    assertEquals("the response is larger than the limit of 65536 bytes", e.getMessage());
  }

  @Test
  void exactlyTheCapIsAccepted() throws IOException {
    byte[] data = new byte[65536];
    Arrays.fill(data, (byte) 'x');

    assertEquals(65536, Decompression.decode(FetchTesting.gzip(data), "gzip", 65536).length);
    assertThrows(CappedBodySubscriber.TooLarge.class, () -> Decompression.decode(FetchTesting.gzip(Arrays.copyOf(data, 65537)), "gzip", 65536));
  }

  @Test
  void truncatedGzipIsAnIOException() {
    byte[] gz = FetchTesting.gzip(FEED);

    assertThrows(IOException.class, () -> Decompression.decode(Arrays.copyOf(gz, gz.length - 20), "gzip", FetchTesting.CAP));
  }

  @Test
  void plainBytesLabelledGzipAreAnIOException() {
    IOException e = assertThrows(IOException.class, () -> Decompression.decode(FEED, "gzip", FetchTesting.CAP));

    assertTrue(e.getMessage().contains("GZIP"), e.getMessage());
  }

  /**
   * A zlib stream that needs a preset dictionary (its FDICT flag), which HTTP has no way to give,
   * is a corrupt body: the inflater stopped at once, and the fetch was recorded as an empty
   * response from a server that had sent one.
   */
  @Test
  void deflateThatNeedsAPresetDictionaryIsAnIOException() {
    java.util.zip.Deflater deflater = new java.util.zip.Deflater();
    deflater.setDictionary("<rss version=\"2.0\"><channel>".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    deflater.setInput(FEED);
    deflater.finish();
    byte[] wire = new byte[FEED.length + 64];
    int n = deflater.deflate(wire);
    deflater.end();

    IOException e = assertThrows(IOException.class, () -> Decompression.decode(Arrays.copyOf(wire, n), "deflate", FetchTesting.CAP));

    assertTrue(e.getMessage().contains("preset dictionary"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"br", "compress", "zstd", "gzip, br"})
  void unsupportedEncodingsAreNamed(String header) {
    IOException e = assertThrows(IOException.class, () -> Decompression.decode(FEED, header, FetchTesting.CAP));

    assertEquals("unsupported Content-Encoding '" + header + "'", e.getMessage());
  }
}
