package dev.syndic.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InsertedEmojiTest {

  /** The walk skips the common ideographs without looking them up: none is an emoji's part. */
  @Test
  void noCommonIdeographStartsOrContinuesAnEmoji() {
    for (int cp = 0x4E00; cp <= 0x9FFF; cp++) {
      // Were it a part, the selector after it would make it an emoji to drop.
      String selected = "中" + Character.toString(cp) + "\uFE0F文";
      assertTrue(InsertedEmoji.drop(selected).startsWith("中" + Character.toString(cp)), Integer.toHexString(cp));
      String plain = "中" + Character.toString(cp) + "文";
      assertSame(plain, InsertedEmoji.drop(plain), Integer.toHexString(cp));
    }
  }

  @Test
  void anEmojiAfterAChineseWordGoesAndOneAfterEnglishStays() {
    assertEquals("美元和学生", InsertedEmoji.drop("美元💵和学生🎓"));
    assertEquals("中国人民", InsertedEmoji.drop("中国🇨🇳人民"));
    assertEquals("dollars 💵", InsertedEmoji.drop("dollars 💵"));
  }
}
