package dev.syndic.fetch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** Undoes Content-Encoding, counting the output so that a compression bomb stops at the cap. */
final class Decompression {

  private Decompression() {}

  /**
   * Returns the decoded body.
   *
   * @throws CappedBodySubscriber.TooLarge when the decoded body passes {@code cap}
   * @throws IOException when the body is not valid for its encoding
   */
  static byte[] decode(byte[] body, String contentEncoding, long cap) throws IOException {
    String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
    return switch (encoding) {
      case "", "identity" -> body;
      case "gzip", "x-gzip" -> readCapped(new GZIPInputStream(new ByteArrayInputStream(body)), cap);
      case "deflate" -> inflate(body, cap);
      default -> throw new IOException("unsupported Content-Encoding '" + contentEncoding + "'");
    };
  }

  // "deflate" is zlib-wrapped by the standard, raw deflate by some servers: accept both.
  private static byte[] inflate(byte[] body, long cap) throws IOException {
    boolean zlibHeader = body.length > 1 && (body[0] & 0x0f) == 8 && ((body[0] & 0xff) << 8 | (body[1] & 0xff)) % 31 == 0;
    return readCapped(new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(!zlibHeader)), cap);
  }

  private static byte[] readCapped(InputStream in, long cap) throws IOException {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] chunk = new byte[16384];
      int n;
      while ((n = in.read(chunk)) > 0) {
        if (out.size() + (long) n > cap) {
          throw new CappedBodySubscriber.TooLarge(cap);
        }
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    }
  }
}
