package dev.syndic.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Bytes read in a charset with each sequence it cannot read (a stray) as U+FFFD, and how many
 * characters outside ASCII it did read: what {@link CharsetSniffer} weighs to tell a few strays in
 * text of this charset (a Windows-1252 apostrophe pasted into UTF-8, a GBK character cut in half)
 * from text in another one.
 */
record StrayBytes(String text, Charset charset, int strays, int nonAscii) {

  /**
   * Characters outside ASCII that UTF-8 must read for each sequence it cannot, for the label to
   * stand: text in another encoding hardly ever forms UTF-8 sequences (GBK, Big5, Shift_JIS and
   * EUC-KR feeds read as UTF-8 make about one character for every three to eight errors, random
   * GBK at most three per error; Latin-1 and Windows-1251 none).
   */
  private static final int UTF8_READ_PER_STRAY = 4;

  /**
   * The same for other multi-byte charsets, which take most pairs of bytes: Latin-1 words read as
   * GB18030 make up to ten characters per error. Twenty is the bar ICU's detector sets for a
   * double-byte charset.
   */
  private static final int READ_PER_STRAY = 20;

  /** Some strays, each among enough characters the charset did read to be a stray. */
  boolean few() {
    int perStray = charset.equals(StandardCharsets.UTF_8) ? UTF8_READ_PER_STRAY : READ_PER_STRAY;
    return strays > 0 && nonAscii >= (long) perStray * strays;
  }

  /** The text, with the repair said in the words the fetch log shows. */
  CharsetSniffer.Decoded decoded() {
    String sequences = strays == 1 ? "1 byte sequence that is" : strays + " byte sequences that are";
    return new CharsetSniffer.Decoded(text, charset.name(), List.of("replaced " + sequences + " not " + charset.name() + " with U+FFFD"));
  }

  /** Reads all the bytes; never throws. */
  static StrayBytes read(byte[] bytes, Charset charset) {
    CharsetDecoder decoder =
        charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer chunk = CharBuffer.allocate(8192);
    StringBuilder text = new StringBuilder(bytes.length);
    int strays = 0;
    int nonAscii = 0;
    boolean flushing = false;
    while (true) {
      CoderResult result = flushing ? decoder.flush(chunk) : decoder.decode(in, chunk, true);
      chunk.flip();
      for (int i = 0; i < chunk.length(); i++) {
        nonAscii += chunk.charAt(i) >= 0x80 ? 1 : 0;
      }
      text.append(chunk);
      chunk.clear();
      if (result.isError()) {
        in.position(in.position() + strayLength(bytes, in.position(), result.length()));
        text.append('\uFFFD');
        strays++;
      } else if (result.isUnderflow() && !flushing) {
        flushing = true;
      } else if (result.isUnderflow()) {
        return new StrayBytes(text.toString(), charset, strays, nonAscii);
      }
    }
  }

  /**
   * The stray's length, up to the first ASCII byte after its first: GB18030's decoder counts the
   * byte after a lone lead byte into the error, and that byte may be the "<" of the next tag.
   */
  private static int strayLength(byte[] bytes, int at, int length) {
    for (int k = 1; k < length; k++) {
      if (bytes[at + k] >= 0) {
        return k;
      }
    }
    return length;
  }
}
