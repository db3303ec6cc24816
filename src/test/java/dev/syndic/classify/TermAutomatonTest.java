package dev.syndic.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TermAutomatonTest {

  /** Every occurrence as "term@start-end", found the slow way: indexOf from every position. */
  private static Set<String> naive(List<String> terms, String text) {
    Set<String> out = new TreeSet<>();
    for (int t = 0; t < terms.size(); t++) {
      String term = terms.get(t);
      if (term.isEmpty()) {
        continue;
      }
      for (int at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
        out.add(t + "@" + at + "-" + (at + term.length()));
      }
    }
    return out;
  }

  private static Set<String> scanned(List<String> terms, String text) {
    Set<String> out = new TreeSet<>();
    new TermAutomaton(terms).scan(text, (term, start, end) -> out.add(term + "@" + start + "-" + end));
    return out;
  }

  @Test
  void findsOverlappingAndNestedTermsWithTheirPlaces() {
    List<String> terms = List.of("he", "she", "his", "hers", "人工智能", "智能", "能");
    String text = "ushers 人工智能体";
    assertEquals(
        Set.of("1@1-4", "0@2-4", "3@2-6", "4@7-11", "5@9-11", "6@10-11"),
        scanned(terms, text));
  }

  @Test
  void sharedSuffixesAndRepeatsAreAllReported() {
    List<String> terms = List.of("aa", "aaa", "a");
    assertEquals(naive(terms, "aaaa"), scanned(terms, "aaaa"));
    assertEquals(9, scanned(terms, "aaaa").size());
  }

  @Test
  void nothingMatchesInTextWithoutTheTermsAndEmptyTermsNeverMatch() {
    List<String> terms = List.of("", "农业", "farm");
    assertEquals(Set.of(), scanned(terms, "电影上映 film review"));
    assertEquals(Set.of("1@0-2"), scanned(terms, "农业"));
  }

  @Test
  void agreesWithIndexOfOnRandomTermsAndTexts() {
    Random random = new Random(42);
    // A small alphabet makes overlaps, shared prefixes and failure chains common.
    char[] alphabet = {'a', 'b', 'c', '农', '业', '影', '\uffff', '\u0000'};
    for (int round = 0; round < 300; round++) {
      List<String> terms = new ArrayList<>();
      int n = 1 + random.nextInt(40);
      for (int i = 0; i < n; i++) {
        terms.add(randomText(random, alphabet, 1 + random.nextInt(5)));
      }
      String text = randomText(random, alphabet, random.nextInt(200));
      assertEquals(naive(terms, text), scanned(terms, text), () -> "terms " + terms + " text " + text);
    }
  }

  /**
   * ASCII moves are read from a table with failure links followed, other characters by walking
   * the links: a text that mixes them (ASCII no term holds, typographic apostrophes and hyphens
   * that fold to ASCII, Chinese) finds what the walk alone finds, as does an automaton too large
   * for the table.
   */
  @Test
  void tabledAsciiMovesFindWhatTheWalkFinds() {
    Random random = new Random(11);
    char[] alphabet = {'a', 'b', '\'', '-', ' ', 'z', '\u2019', '\u2011', '农', '业', '\u007f', '\u0080'};
    for (int round = 0; round < 300; round++) {
      List<String> terms = new ArrayList<>();
      int n = 1 + random.nextInt(40);
      for (int i = 0; i < n; i++) {
        terms.add(TermAutomaton.fold(randomText(random, alphabet, 1 + random.nextInt(5))));
      }
      String text = randomText(random, alphabet, random.nextInt(200));
      Set<String> tabled = new TreeSet<>();
      new TermAutomaton(terms).scan(text, (term, start, end) -> tabled.add(term + "@" + start + "-" + end));
      Set<String> walked = new TreeSet<>();
      new TermAutomaton(terms, 0).scan(text, (term, start, end) -> walked.add(term + "@" + start + "-" + end));
      assertEquals(walked, tabled, () -> "terms " + terms + " text " + text);
      assertEquals(naive(terms, TermAutomaton.fold(text)), tabled, () -> "terms " + terms + " text " + text);
    }
  }

  @Test
  void aLargeTermListStaysExact() {
    Random random = new Random(7);
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      terms.add(randomText(random, "abcdefghij农业影视人工智能".toCharArray(), 2 + random.nextInt(4)));
    }
    String text = randomText(random, "abcdefghij农业影视人工智能 ".toCharArray(), 5000);
    Set<String> expected = naive(terms, text);
    assertEquals(expected, scanned(terms, text));
    // The check is not vacuous: this text holds many occurrences.
    assertEquals(true, expected.size() > 1000, "occurrences: " + expected.size());
  }

  private static String randomText(Random random, char[] alphabet, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet[random.nextInt(alphabet.length)]);
    }
    return b.toString();
  }
}
