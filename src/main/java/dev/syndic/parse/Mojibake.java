package dev.syndic.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Repairs a document that was encoded as UTF-8 twice: a publisher's system read UTF-8 bytes as
 * Windows-1252 (or Latin-1) and encoded the characters it saw as UTF-8 again, so "niño" arrives as
 * "niÃ±o" and "大模型" as "å¤§æ¨¡åž‹". A run of characters that stands for one well-formed UTF-8
 * sequence (each byte read the Windows-1252 or the Latin-1 way) becomes the character the
 * sequence encodes.
 *
 * <p>Correct Latin-1 text can hold such runs by chance ("été »" with a no-break space reads as a
 * three-byte sequence, "NESCAFÉ®" as a two-byte one), so the repair is all or nothing per
 * document, and narrow: only when every character of U+0080-U+00FF in the document belongs to a
 * sequence (a document encoded twice has no other; one written right has plenty), and when at
 * least one sequence is of the common kinds: a two-byte one with the lead C2 or C3 (U+0080-U+00FF,
 * the accents of Western European text) or a longer one (CJK, typographic punctuation, emoji).
 * Two-byte sequences of other leads (other Latin letters, Greek, Cyrillic) are decoded only along
 * with those, since alone they are as often a real letter before a symbol.
 */
final class Mojibake {

  /** Windows-1252's bytes 80-9F as its decoder shows them; the five it leaves undefined as Latin-1 does. */
  private static final String CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

  private Mojibake() {}

  /** The document with every double-encoded sequence decoded; the same instance when it is not such a document. */
  static String repair(String text) {
    // Most documents hold no character a double encoding makes (Chinese is all past U+2122): they
    // are read once, not copied.
    int first = 0;
    while (first < text.length() && !windows1252(text.charAt(first))) {
      first++;
    }
    if (first == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    out.append(text, 0, first);
    boolean common = false;
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        out.append(c);
        continue;
      }
      int length = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
      String decoded = length == 0 ? null : sequence(text, i, length);
      if (decoded != null) {
        out.append(decoded);
        i += length - 1;
        common |= length > 2 || c <= 0xC3;
      } else if (windows1252(c)) {
        return text; // a Windows-1252 character outside any sequence: not encoded twice
      } else {
        out.append(c);
      }
    }
    return common ? out.toString() : text;
  }

  /** Whether a Windows-1252 or Latin-1 decoder shows one of the bytes 80-FF as {@code c}. */
  private static boolean windows1252(char c) {
    return c >= 0x80 && (c <= 0xFF || c >= 0x152 && c <= 0x2122 && CP1252_HIGH.indexOf(c) >= 0);
  }

  /** The character that {@code length} characters from {@code at} encode as UTF-8 bytes, or null. */
  private static String sequence(String text, int at, int length) {
    if (at + length > text.length()) {
      return null;
    }
    byte[] bytes = new byte[length];
    bytes[0] = (byte) text.charAt(at);
    for (int k = 1; k < length; k++) {
      int b = byteOf(text.charAt(at + k));
      if (b < 0x80 || b > 0xBF) {
        return null;
      }
      bytes[k] = (byte) b;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The byte a Windows-1252 or Latin-1 decoder turned into {@code c}, or -1. */
  private static int byteOf(char c) {
    if (c >= 0x80 && c <= 0xFF) {
      return c;
    }
    int k = CP1252_HIGH.indexOf(c);
    return k < 0 ? -1 : 0x80 + k;
  }
}
