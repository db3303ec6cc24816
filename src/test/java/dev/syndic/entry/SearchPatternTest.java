package dev.syndic.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
