package dev.syndic.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

  @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // full-width Latin, digits and punctuation fold to ASCII
        "ＡＩ芯片                 | ai芯片",
        "ＧＰＴ－４ｏ             | gpt-4o",
        "２０２４年               | 2024年",
        "你好，世界！             | 你好,世界!",
        // compatibility forms: ligatures, circled and superscript digits, half-width katakana
        "ﬁne-tuning               | fine-tuning",
        "①号文件                  | 1号文件",
        "x²                       | x2",
        "ｶﾀｶﾅ                     | カタカナ",
        // case folding
        "OpenAI ChatGPT           | openai chatgpt",
        "ÄRZTE ÜBER KI            | ärzte über ki",
        "ΑΙ ΣΟΦΙΑ                 | αι σοφια",
        // Traditional to Simplified
        "機器學習                 | 机器学习",
        "語言模型與農業           | 语言模型与农业",
        "電視劇《後宮》熱播       | 电视剧《后宫》热播",
        "臺灣農民                 | 台湾农民",
        // whitespace: runs collapse, ends trimmed, ideographic and no-break spaces count
        "\"  a \t\n b  \"         | a b",
        "中文\u3000\u3000全角空格 | 中文 全角空格",
        "no\u00a0break            | no break",
        // Simplified and plain ASCII pass through
        "人工智能                 | 人工智能",
        "plain text               | plain text",
      })
  void normalizes(String input, String expected) {
    assertEquals(expected, TextNormalizer.normalize(input));
  }

  @Test
  void nullAndEmptyBecomeEmpty() {
    assertEquals("", TextNormalizer.normalize(null));
    assertEquals("", TextNormalizer.normalize(""));
    assertEquals("", TextNormalizer.normalize(" \t\n\u3000"));
  }

  @Test
  void isIdempotent() {
    String once = TextNormalizer.normalize("  ＡＩ 與 機器學習：ＧＰＴ－４ 在 Thailand  ");

    assertEquals("ai 与 机器学习:gpt-4 在 thailand", once);
    assertEquals(once, TextNormalizer.normalize(once));
  }

  @Test
  void invisibleFormatCharactersAreDroppedSoWordsStayWhole() {
    // Soft hyphen, zero-width space, non-joiner, joiner, word joiner, byte order mark.
    assertEquals("artificial intelligence", TextNormalizer.normalize("Arti\u00ADficial intel\u200Bligence"));
    assertEquals("人工智能", TextNormalizer.normalize("人工\u200B智\uFEFF能"));
    assertEquals("machine learning", TextNormalizer.normalize("\uFEFFmach\u200Cine\u2060 \u200Dlear\u00ADning"));
    assertEquals("a b", TextNormalizer.normalize("a \u200B b"), "a space on either side of one is still one space");
    assertEquals("", TextNormalizer.normalize("\u200B\u00AD"));
  }

  @Test
  void isSafeAcrossThreads() throws InterruptedException {
    String[] results = new String[8];
    Thread[] threads = new Thread[results.length];
    for (int i = 0; i < threads.length; i++) {
      int n = i;
      threads[i] = new Thread(() -> {
        String r = null;
        for (int k = 0; k < 200; k++) {
          r = TextNormalizer.normalize("機器學習 " + n);
        }
        results[n] = r;
      });
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    for (int i = 0; i < results.length; i++) {
      assertEquals("机器学习 " + i, results[i]);
    }
  }

  @Test
  void textAlreadyNormalizedIsAnsweredAsTheFullFoldWouldAnswerIt() {
    // Letters that change under case, NFKC, the Simplified table, or lower-casing in context
    // (Σ, İ), spaces of every kind, combining marks, full-width forms, emoji, invisible format
    // characters, Chinese punctuation (full-width, which NFKC maps to ASCII, and the marks it leaves
    // as they are), and plain text: text of one walk ({@code PLAIN}) and text that goes the general way.
    String alphabet = "aZ zé\u0301ΣσςİıßẞＡａ１\u3000\u00A0\t\n國国東东發发大模型粮食ﬁ㎏①\u00AD\u200B\u200D\u2060\uFEFF\uD83D\uDE00"
        + "，：（）！。、“”《》—…";
    java.util.SplittableRandom random = new java.util.SplittableRandom(42);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        int k = random.nextInt(alphabet.length());
        char c = alphabet.charAt(k);
        if (Character.isHighSurrogate(c) && k + 1 < alphabet.length()) {
          b.append(c).append(alphabet.charAt(k + 1));
        } else if (!Character.isLowSurrogate(c)) {
          b.append(c);
        }
      }
      String text = b.toString();
      String folded = TextNormalizer.fold(text);
      assertEquals(text.isEmpty() ? "" : folded, TextNormalizer.normalize(text), () -> "raw: " + text.codePoints().boxed().toList());
      assertEquals(TextNormalizer.fold(folded), TextNormalizer.normalize(folded), () -> "folded: " + folded.codePoints().boxed().toList());
    }
  }

  @Test
  void everyCharacterBetweenWordsIsAnsweredAsTheFullFoldWouldAnswerIt() {
    // Each character of the BMP alone, doubled and between words: the blanks the one walk's table
    // writes as spaces (line and paragraph separators, the ogham space, control blanks) included.
    for (char c = 0; c < 0xFFFF; c++) {
      if (Character.isSurrogate(c)) {
        continue;
      }
      for (String text : new String[] {"a" + c + "b", "中" + c + c + "文", c + " x"}) {
        assertEquals(TextNormalizer.fold(text), TextNormalizer.normalize(text), () -> "U+" + Integer.toHexString(text.charAt(1)));
      }
    }
  }

  @Test
  void normalizingTwiceIsNotAlwaysNormalizingOnce() {
    // The zero-width space kept the acute from composing with the "e"; dropped, the next NFKC composes them.
    String once = TextNormalizer.normalize("e\u200B\u0301");
    assertEquals("e\u0301", once);
    assertNotEquals(once, TextNormalizer.normalize(once));
    assertFalse(TextNormalizer.isPlainNormal(once), "a text normalizing changes is never taken as normal");
  }

  @Test
  void plainNormalTextIsWhatNormalizingAnswersUnchanged() {
    assertTrue(TextNormalizer.isPlainNormal("ai 与 机器学习:gpt-4 在 thailand"));
    assertTrue(TextNormalizer.isPlainNormal(""));
    for (String text : new String[] {" a", "a ", "a  b", "a\nb", "A", "國", "ａ", "a\u200Bb", "\uFFFF", "é", "\uD83D\uDE00", null}) {
      assertFalse(TextNormalizer.isPlainNormal(text), () -> String.valueOf(text));
    }
    // Random texts of the characters that normalize (or not) in every way, and what normalizing
    // makes of them (once and twice): whenever the check says yes, normalizing answers the text itself.
    String alphabet = "aZ zé\u0301ΣσςİıßẞＡａ１\u3000\u00A0\t\n國国東东發发大模型粮食ﬁ㎏①\u00AD\u200B\u200D\u2060\uFEFF\uFFFF\uD83D\uDE00"
        + "，：（）！。、“”《》—…\u0307\u0345";
    java.util.SplittableRandom random = new java.util.SplittableRandom(19);
    int plain = 0;
    for (int round = 0; round < 50_000; round++) {
      StringBuilder b = new StringBuilder();
      for (int i = random.nextInt(16); i > 0; i--) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String once = TextNormalizer.normalize(b.toString());
      for (String text : new String[] {b.toString(), once, TextNormalizer.normalize(once)}) {
        if (TextNormalizer.isPlainNormal(text)) {
          plain++;
          assertEquals(text, TextNormalizer.fold(text), () -> "U+" + text.codePoints().mapToObj(Integer::toHexString).toList());
        }
      }
    }
    assertTrue(plain > 20_000, "plain texts: " + plain);
    // Every character of the BMP between words, normalized: a yes is always right, and a text of
    // plain characters normalized is a yes, so the match text ingest builds of plain blocks is not
    // normalized again; but for three characters, which ICU's Traditional-Simplified rules send round
    // a cycle (苎 to 苧 and 苧 to 苎; 薴 to 苧): normalized once more they change, and are.
    StringBuilder cycle = new StringBuilder();
    for (char c = 0; c < 0xFFFF; c++) {
      String text = "a" + c + "中";
      String once = TextNormalizer.normalize(text);
      if (TextNormalizer.isPlainNormal(once)) {
        assertEquals(once, TextNormalizer.fold(once), () -> "U+" + Integer.toHexString(text.charAt(1)));
      } else if (TextNormalizer.plain(text) != null) {
        assertNotEquals(once, TextNormalizer.normalize(once));
        cycle.append(c);
      }
    }
    assertEquals("苎苧薴", cycle.toString());
  }
}
