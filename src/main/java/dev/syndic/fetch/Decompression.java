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

  /** A coding Syndic cannot undo (it asks for gzip and deflate only). */
  static final class Unsupported extends IOException {
    Unsupported(String contentEncoding) {
      super("unsupported Content-Encoding '" + contentEncoding + "'");
    }
  }

  /**
   * Returns the decoded body: every coding of the header undone, the last applied first (RFC 9110
   * 8.4: "gzip, gzip" is a body gzipped twice); an empty body stays empty, whatever it says.
   *
   * @throws CappedBodySubscriber.TooLarge when the decoded body passes {@code cap}
   * @throws Unsupported when a coding is neither gzip, deflate nor identity
   * @throws IOException when the body is not valid for its encoding
   */
  static byte[] decode(byte[] body, String contentEncoding, long cap) throws IOException {
    if (contentEncoding == null || body.length == 0) {
      return body;
    }
    String[] codings = contentEncoding.split(",");
    byte[] decoded = body;
    for (int i = codings.length - 1; i >= 0; i--) {
      decoded = switch (codings[i].trim().toLowerCase(Locale.ROOT)) {
        case "", "identity" -> decoded;
        case "gzip", "x-gzip" -> readCapped(new GZIPInputStream(new ByteArrayInputStream(decoded)), cap);
        case "deflate" -> inflate(decoded, cap);
        default -> throw new Unsupported(contentEncoding);
      };
    }
    return decoded;
  }

  // "deflate" is zlib-wrapped by the standard, raw deflate by some servers: accept both.
  private static byte[] inflate(byte[] body, long cap) throws IOException {
    boolean zlibHeader = body.length > 1 && (body[0] & 0x0f) == 8 && ((body[0] & 0xff) << 8 | (body[1] & 0xff)) % 31 == 0;
    Inflater inflater = new Inflater(!zlibHeader);
    try {
      byte[] out = readCapped(new InflaterInputStream(new ByteArrayInputStream(body), inflater), cap);
      // The stream ends as if complete where the inflater needs a dictionary.
      if (inflater.needsDictionary()) {
        throw new IOException("the deflate stream needs a preset dictionary, which HTTP cannot give");
      }
      return out;
    } finally {
      // A stream given its inflater does not end it: its native memory would wait for a collection.
      inflater.end();
    }
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
