package dev.syndic.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.RequiredLiterals;
import dev.syndic.catalogue.CategoryFile;
import dev.syndic.category.Category;
import dev.syndic.clean.TextNormalizer;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Trying an expression only where its matches may begin finds what {@code Matcher.find} finds. */
class MatchStartsTest {

  private static boolean find(String regex, String text) {
    Pattern pattern = RuleExpressions.compile(regex);
    return MatchStarts.of(RequiredLiterals.of(regex)).find(pattern.matcher(text), RequiredLiterals.fold(text));
  }

  @ParameterizedTest(name = "[{index}] /{0}/ in \"{1}\": {2}")
  @CsvSource(
      delimiterString = " ~ ",
      value = {
        // A lookbehind still reads the text before the place tried.
        "(?<![A-Za-z])GPT(?![A-Za-z]) ~ ChatGPT and GPTs ~ false",
        "(?<![A-Za-z])GPT(?![A-Za-z]) ~ ChatGPT and GPT-4 ~ true",
        // ^ is the text's start, not the place tried.
        "^种地 ~ 我种地 ~ false",
        "^种地 ~ 种地去 ~ true",
        // A later place matches where an earlier one did not.
        "(种|养|栽|养殖|种植)了?[0-9一二三四五六七八九十两几百千万]+多?(亩|头|株|棵) ~ 种子公司说，他养了三十多头猪 ~ true",
        "(种|养|栽|养殖|种植)了?[0-9一二三四五六七八九十两几百千万]+多?(亩|头|株|棵) ~ 种子公司说，他养了猪三十头 ~ false",
        // Case-insensitive: the Kelvin sign is a k, folded as the expression's own k.
        "kelvin ~ 3 \u212Aelvin ~ true",
        "(?<![A-Za-z])AI[- ](model|chip)s? ~ new Ai-Chips ~ true",
      })
  void findsWhatFindFinds(String regex, String text, boolean expected) {
    assertEquals(expected, RuleExpressions.compile(regex).matcher(text).find(), "the case itself");
    assertEquals(expected, find(regex, text));
  }

  @Test
  void theAgricultureExpressionIsTriedOnlyAtItsFirstCharacters() {
    // The expression that was a fifth of categorizing has starts; one led by a large class has none.
    String regex = "(种|养|栽|养殖|种植)了?[0-9一二三四五六七八九十两几百千万]+多?(亩|头|株|棵)";
    Pattern pattern = RuleExpressions.compile(regex);
    String text = "亩".repeat(50) + "种子" + "头".repeat(50);
    int[] reads = {0};
    CharSequence counted = new CharSequence() {
      @Override public int length() { return text.length(); }
      @Override public char charAt(int i) { reads[0]++; return text.charAt(i); }
      @Override public CharSequence subSequence(int s, int e) { return text.subSequence(s, e); }
      @Override public String toString() { return text; }
    };
    assertFalse(MatchStarts.of(RequiredLiterals.of(regex)).find(pattern.matcher(counted), RequiredLiterals.fold(text)));
    assertTrue(reads[0] < 10, "read " + reads[0] + " characters: one place tried, not " + text.length());
    reads[0] = 0;
    assertFalse(pattern.matcher(counted).find());
    assertTrue(reads[0] > text.length(), "find, which RuleClassifier ran, reads every place: " + reads[0]);
  }

  /**
   * Every expression of the shipped categories, both forms {@link RuleClassifier} uses, against
   * random texts of its own characters and pieces: the same answer as {@code find}.
   */
  @Test
  void agreesWithFindOnTextsMadeOfTheShippedExpressions() throws Exception {
    List<String> regexes = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(Path.of("feeds", "categories.yml"), StandardCharsets.UTF_8)) {
      for (Category c : CategoryFile.read(reader)) {
        regexes.addAll(c.definition().rules().patterns().keySet());
      }
    }
    Random random = new Random(19);
    int found = 0;
    int tried = 0;
    for (String regex : regexes) {
      MatchStarts starts = MatchStarts.of(RequiredLiterals.of(regex));
      String alphabet = regex.replaceAll("[\\\\()\\[\\]{}|?*+^$!<=]", "") + "0123456789一二三 .Kk\u212Aſİı";
      // Half the texts strung from the expression's literal runs and class members, so that they match often.
      List<String> pieces = new ArrayList<>(List.of(" ", "x"));
      for (String run : regex.replaceAll("\\[([^\\]]*)\\]", "|$1|").split("[\\\\()\\[\\]{}?*+|^$!<=,-]+")) {
        if (!run.isEmpty()) {
          pieces.add(run);
          run.chars().forEach(c -> pieces.add(String.valueOf((char) c)));
        }
      }
      for (Pattern form : List.of(RuleExpressions.compile(regex), RuleExpressions.compileForNormalized(regex))) {
        for (int i = 0; i < 3000; i++) {
          StringBuilder b = new StringBuilder();
          for (int j = random.nextInt(i % 4 < 2 ? 40 : 12); j > 0; j--) {
            b.append(i % 4 < 2 ? String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))) : pieces.get(random.nextInt(pieces.size())));
          }
          String t = i % 2 == 0 ? TextNormalizer.normalize(b.toString()) : b.toString();
          boolean expected = form.matcher(t).find();
          assertEquals(expected, starts.find(form.matcher(t), RequiredLiterals.fold(t)), () -> regex + " on \"" + t + "\"");
          found += expected ? 1 : 0;
          tried++;
        }
      }
    }
    assertTrue(found > 5000, "the texts match often enough: " + found + " of " + tried);
  }
}
