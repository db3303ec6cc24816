package dev.syndic.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.clean.TextNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a query is folded, and when stored texts spelt with ß, ς, İ or ı are read by a pattern. */
class SearchPatternTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', nullValues = "none", value = {
      "大模型; %大模型%; none",
      "農業; %农业%; none",
      "Straße; %strasse%; stra(?:ss|ß)e",
      "STRAẞE; %strasse%; stra(?:ss|ß)e",
      "İstanbul; %istanbul%; (?:i\u0307|i|ı)stanbul",
      "ılık; %ilik%; (?:i\u0307|i|ı)l(?:i\u0307|i|ı)k",
      "ΟΔΟΣ; %οδοσ%; οδο(?:σ|ς)",
      "100% a_b; %100\\% a\\_b%; none",
      "Quantum.; %quantum.%; none"})
  void aQueryIsFoldedAndItsSpellingsAllowed(String query, String like, String regex) {
    SearchPattern p = SearchPattern.of(query);
    assertEquals(like, p.folded());
    assertEquals(regex, p.regex());
  }

  /**
   * A text is found by its own words: the stored text holds the folded query (the LIKE pattern),
   * or, spelt with a letter lower case keeps apart, the pattern allows its spelling. Full case
   * folding writes a Greek iota subscript as a separate iota (ᾳ as αι, ῷ as ῶι), which lower case
   * and NFKC keep as one letter: "τῷ λόγῳ" did not find "τῷ λόγῳ".
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {"Straße", "İstanbul", "ılık", "οδος", "τῷ λόγῳ", "ᾼΘΗΝΑ ᾗ", "ǰ ẖ ΐ", "大模型"})
  void aTextIsFoundByItsOwnWords(String words) {
    assertTrue(findsItself(words), words);
  }

  /** Every character Java knows, between two letters: none is written in the query as no stored text has it. */
  @Test
  void everyCharacterIsFoundByItself() {
    List<String> missed = new ArrayList<>();
    for (int cp = 0x20; cp <= Character.MAX_CODE_POINT; cp++) {
      String words = "a" + new String(Character.toChars(cp)) + "b";
      if (Character.isDefined(cp) && Character.getType(cp) != Character.SURROGATE && !findsItself(words)) {
        missed.add(String.format("U+%04X", cp));
      }
    }
    assertEquals(List.of(), missed);
  }

  /** Whether searching for {@code words} finds the stored text of {@code words}: by the LIKE pattern's text, or by the pattern. */
  private static boolean findsItself(String words) {
    String stored = TextNormalizer.normalize(words);
    SearchPattern p = SearchPattern.of(words);
    String literal = p.folded().substring(1, p.folded().length() - 1).replace("\\%", "%").replace("\\_", "_").replace("\\\\", "\\");
    return stored.contains(literal) || p.regex() != null && Pattern.compile(p.regex()).matcher(stored).find();
  }
}
