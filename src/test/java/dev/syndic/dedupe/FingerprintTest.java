package dev.syndic.dedupe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.clean.TextNormalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A fingerprint's parts never change between versions: the sentences are stored as candidate
 * keys, and the shingles and opening decide which stored copies a new entry joins. Pinned values,
 * on a text with what tokenizing must get right: apostrophes inside words, ideographs outside the
 * common block and beyond the BMP, kana and hangul, letters with case, every sentence end, and
 * more long sentences than are kept.
 */
class FingerprintTest {

  private static final String BODY = String.join("",
      "…。The workers' union and the workers’ council met on Tuesday; 𠮷野家 and ｶﾀｶﾅ were named in the 3.5 report!",
      "\n\n人工智能大模型发布会在北京举行，网友：太厉害了！𝐀𝐁𝐂 math letters and Ünïcödé words ran through the 한국어 text?",
      "A short one. Another sentence that has ten words or more in it for sure…",
      "第四句话也足够长，一共有十几个汉字在这里；",
      "第五句话也足够长，一共有十几个汉字在这里。第六句话也足够长，一共有十几个汉字在这里！",
      "Ｆｕｌｌ width ＡＢＣ and ﬁ ligatures close the text without an end");

  @Test
  void partsOfAMixedTextArePinned() {
    Fingerprint f = Fingerprint.of(TextNormalizer.normalize("The Title – Site"), TextNormalizer.normalize(BODY), null);
    assertEquals(List.of("the", "title", "site"), f.titleTokens());
    assertEquals(List.of(-3347073586615509498L, 3781536945499588037L, -7672995525091463687L, 4593504680678454456L, 4110381532204059962L), f.sentences());
    assertEquals(110, f.shingles().length);
    assertEquals(909608084, Arrays.hashCode(f.shingles()));
    assertEquals(69, f.opening().length);
    assertEquals(-1392257103, Arrays.hashCode(f.opening()));
    // title, five sentences, eight MinHash bands
    assertEquals(
        List.of(
            4992357769002259332L, -4606511642681806155L, 6175019669559914799L, 1782080587640981594L, 7284031133838553003L,
            72422127463160880L, -3547917260488467871L, -6846386917203398009L, 334370279385067296L, 5878988856512501385L,
            4789694118949804274L, 5223429047097854771L, -2682378879266574473L, 4977474498893497565L),
        CandidateKeys.of(f));
  }

  @Test
  void partsOfATitleOnlyEntryArePinned() {
    Fingerprint f = Fingerprint.of(TextNormalizer.normalize("农业农村部部署春耕生产 确保粮食面积稳定"), "", "https://example.com/a");
    assertEquals(List.of("农", "业", "农", "村", "部", "部", "署", "春", "耕", "生", "产", "确", "保", "粮", "食", "面", "积", "稳", "定"), f.titleTokens());
    assertEquals(List.of(), f.sentences());
    assertEquals(0, f.shingles().length);
  }

  @Test
  void sortsAsArraysSortDoes() {
    SplittableRandom random = new SplittableRandom(7);
    for (int n : new int[] {0, 1, 15, 16, 17, 31, 32, 100, 255, 256, 257, 511, 512, 1000, 5000, 20_000, 40_000}) {
      // random hashes, then a few values many times over and values next to the sign's turn
      long[] values = random.longs(n).toArray();
      for (int i = 0; i < n / 3; i++) {
        values[random.nextInt(n)] = random.nextLong(-3, 3) + (random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE - 3);
      }
      long[] expected = values.clone();
      Arrays.sort(expected);
      Fingerprint.sort(values);
      assertArrayEquals(expected, values, "n = " + n);
    }
  }

  @Test
  void sortsEqualValuesAndOneCrowdedBucket() {
    long[] same = new long[3000];
    Arrays.fill(same, 42);
    Fingerprint.sort(same);
    assertArrayEquals(LongStream.generate(() -> 42).limit(3000).toArray(), same);
    // values that share their top bits all fall in one bucket: far more than insertion sorts
    SplittableRandom random = new SplittableRandom(11);
    long[] crowded = random.longs(4000, 0, 1L << 40).toArray();
    long[] expected = crowded.clone();
    Arrays.sort(expected);
    Fingerprint.sort(crowded);
    assertArrayEquals(expected, crowded);
  }

  @Test
  void readsAsciiAsJavasCharacterTablesDo() {
    // The reading of ASCII without Java's tables must give what the general reading gives: random
    // texts of ASCII (every character of it), Latin letters with case, ideographs and kana.
    SplittableRandom random = new SplittableRandom(3);
    String others = "ÄäÉéÜüİıΣσς’ʼ农业人工智能カナ한국𠮷。，！ ";
    for (int round = 0; round < 2000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(60); i > 0; i--) {
        if (random.nextInt(4) == 0) {
          text.appendCodePoint(others.codePointAt(others.offsetByCodePoints(0, random.nextInt(others.codePointCount(0, others.length())))));
        } else {
          text.append((char) random.nextInt(0x80));
        }
      }
      assertEquals(generalReading(text.toString()), Tokens.of(text.toString()), text::toString);
    }
  }

  /** Tokens as the general reading makes them, with Java's character tables for every character. */
  private static List<String> generalReading(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder word = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Tokens.isIdeographic(cp)) {
        if (word != null) {
          out.add(word.toString());
        }
        word = null;
        out.add(Character.toString(cp));
      } else if (Character.isLetterOrDigit(cp)) {
        if (word == null) {
          word = new StringBuilder();
        }
        word.appendCodePoint(Character.toLowerCase(cp));
      } else if (cp != '\'' && cp != '\u2019') {
        if (word != null) {
          out.add(word.toString());
        }
        word = null;
      }
    }
    if (word != null) {
      out.add(word.toString());
    }
    return out;
  }
}
