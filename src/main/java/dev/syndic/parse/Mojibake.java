package dev.syndic.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Repairs text that was encoded as UTF-8 twice: a publisher's system read UTF-8 bytes as
 * Windows-1252 (or Latin-1) and encoded the characters it saw as UTF-8 again, so "niño" arrives as
 * "niÃ±o" and "大模型" as "å¤§æ¨¡åž‹". Every run of characters that stands for one well-formed
 * UTF-8 sequence (a lead byte of C2-F4 followed by its continuation bytes 80-BF, each byte read
 * the Windows-1252 or the Latin-1 way) becomes the character the sequence encodes. Text that is
 * not such a run is left alone, so Latin-1 words ("Café", "Ça", "Über") stay as they are.
 */
final class Mojibake {

  /** Windows-1252's bytes 80-9F as its decoder shows them; the five it leaves undefined as Latin-1 does. */
  private static final String CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

  private Mojibake() {}

  /** The text with every double-encoded sequence decoded; the same instance when there is none. */
  static String repair(String text) {
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i < text.length(); i++) {
      char lead = text.charAt(i);
      if (lead < 0xC2 || lead > 0xF4) {
        continue;
      }
      int length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
      if (i + length > text.length()) {
        continue;
      }
      byte[] bytes = new byte[length];
      bytes[0] = (byte) lead;
      int k = 1;
      for (; k < length; k++) {
        int b = byteOf(text.charAt(i + k));
        if (b < 0x80 || b > 0xBF) {
          break;
        }
        bytes[k] = (byte) b;
      }
      String decoded = k == length ? utf8(bytes) : null;
      if (decoded == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, i).append(decoded);
      copied = i + length;
      i = copied - 1;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /** The byte a Windows-1252 or Latin-1 decoder turned into {@code c}, or -1. */
  private static int byteOf(char c) {
    if (c >= 0x80 && c <= 0xFF) {
      return c;
    }
    int k = CP1252_HIGH.indexOf(c);
    return k < 0 ? -1 : 0x80 + k;
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
