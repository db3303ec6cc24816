package dev.syndic.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TextFeaturesTest {

  @Test
  void chineseGivesCharactersAndBigramsLatinGivesWordsAndWordPairs() {
    Set<String> f = TextFeatures.of("玉米丰收 Corn Harvest", null);
    assertTrue(f.containsAll(Set.of("t:玉", "t:玉米", "t:米丰", "t:丰收", "t:corn", "t:harvest", "t:corn harvest")), f::toString);
    assertFalse(f.contains("t:收c"), "no n-gram across scripts");
  }

  @Test
  void titleAndBodyAreKeptApartAndARepeatedTitleIsNotBody() {
    Set<String> f = TextFeatures.of("养猪", "养猪 养猪 饲料");
    assertTrue(f.contains("t:养猪"));
    assertTrue(f.contains("b:饲料"));
    assertFalse(f.contains("b:养猪"), () -> "the title repeated at the start of the body is not body: " + f);
  }

  @Test
  void traditionalAndFullWidthTextMeetTheSimplifiedFeatures() {
    assertEquals(TextFeatures.of("農業", null), TextFeatures.of("农业", null));
    assertTrue(TextFeatures.of("ＡＩ model", null).contains("t:ai model"));
  }
}
