package dev.syndic.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InsertedEmojiTest {

  /**
   * The walk skips the common ideographs without looking them up, so what it relies on is read
   * from the sets themselves: none starts an emoji nor is part of one. (Through {@code drop} alone
   * the skip hides a start: an ideograph put into the sets left such a test passing.)
   */
  @Test
  void noCommonIdeographStartsOrContinuesAnEmoji() {
    assertTrue(InsertedEmoji.EMOJI_START.containsNone(0x4E00, 0x9FFF), InsertedEmoji.EMOJI_START.toPattern(false));
    assertTrue(InsertedEmoji.EMOJI_PARTS.containsNone(0x4E00, 0x9FFF), InsertedEmoji.EMOJI_PARTS.toPattern(false));
    for (int cp = 0x4E00; cp <= 0x9FFF; cp++) {
      // After an emoji, a part would be taken out with it.
      assertEquals("中" + Character.toString(cp) + "文", InsertedEmoji.drop("中💵" + Character.toString(cp) + "文"), Integer.toHexString(cp));
      String plain = "中" + Character.toString(cp) + "文";
      assertSame(plain, InsertedEmoji.drop(plain), Integer.toHexString(cp));
    }
  }

  /**
   * Every character of the BMP after a Chinese word goes exactly when the sets say it starts an
   * emoji: the walk answers most characters from its own table of the sets, built once, not from
   * the sets.
   */
  @Test
  void aCharacterAfterAChineseWordGoesExactlyWhenTheSetsSayItStartsAnEmoji() {
    for (int cp = 0; cp < 0x10000; cp++) {
      String text = "中" + Character.toString(cp) + "文";
      assertEquals(InsertedEmoji.EMOJI_START.contains(cp) ? "中文" : text, InsertedEmoji.drop(text), Integer.toHexString(cp));
    }
  }

  @Test
  void anEmojiAfterAChineseWordGoesAndOneAfterEnglishStays() {
    assertEquals("美元和学生", InsertedEmoji.drop("美元💵和学生🎓"));
    assertEquals("中国人民", InsertedEmoji.drop("中国🇨🇳人民"));
    assertEquals("dollars 💵", InsertedEmoji.drop("dollars 💵"));
  }
}
