package dev.syndic.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stored dedupe keys stay valid: the hash reads exactly the UTF-8 bytes of its tokens. */
class HashingTest {

  private static long reference(List<String> tokens) {
    long h = 0xcbf29ce484222325L;
    for (String t : tokens) {
      for (byte b : t.getBytes(StandardCharsets.UTF_8)) {
        h ^= b & 0xff;
        h *= 0x100000001b3L;
      }
      h ^= 0x1f;
      h *= 0x100000001b3L;
    }
    return Hashing.mix(h);
  }

  @Test
  void hashesTheUtf8BytesOfEveryKindOfCharacter() {
    List<List<String>> samples = List.of(
        List.of("plain", "ascii"), List.of("café", "Ünïcödé"), List.of("人工", "智能", "大模型"), List.of("😀", "𠮷野家"),
        List.of("lone\uD800high", "lone\uDC00low", "end\uD83D"), List.of(""), List.of("ß", "\u07FF", "\u0800", "\uFFFF"));
    for (List<String> tokens : samples) {
      assertEquals(reference(tokens), Hashing.of(tokens), tokens.toString());
    }
  }
}
