package dev.syndic.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.catalogue.CategoryFile;
import dev.syndic.category.Category;
import dev.syndic.clean.TextNormalizer;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Expressions compiled without the case flags match exactly what they matched with them. */
class RulePatternFlagsTest {

  private static final int BOTH = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

  @Test
  void onlyExpressionsWithoutCasedLettersLoseTheFlags() {
    assertEquals(0, RuleExpressions.compile("[0-9]{1,3}比[0-9]{1,3}(?![0-9])").flags());
    assertEquals(0, RuleExpressions.compile("网友[：:]").flags());
    assertEquals(BOTH, RuleExpressions.compile("(?<![A-Za-z])GPT").flags());
    assertEquals(BOTH, RuleExpressions.compile("\\p{Lu}股").flags(), "the letters of an escape count");
    assertEquals(BOTH, RuleExpressions.compile("ÉTÉ").flags());
    assertEquals(BOTH, RuleExpressions.compile("δ股").flags());
    // A back reference compares case as the flags say, and an octal escape may stand for a letter.
    assertTrue(RuleExpressions.compile("(.)\\1").matcher("Aa").find());
    assertTrue(RuleExpressions.compile("\\0101").matcher("a").find());
    assertTrue(RuleExpressions.compileForNormalized("a(.)\\1").matcher("aσς").find());
    assertTrue(RuleExpressions.compileForNormalized("a(?<x>.)\\k<x>").matcher("aσς").find());
    assertEquals(0, RuleExpressions.compile("\\\\1").flags(), "an escaped backslash before a digit is no back reference");
  }

  @Test
  void onNormalizedTextAsciiFoldingServesExpressionsWhoseCasedLettersAreAscii() {
    assertEquals(Pattern.CASE_INSENSITIVE, RuleExpressions.compileForNormalized("(?<![A-Za-z])GPT").flags());
    assertEquals(0, RuleExpressions.compileForNormalized("网友[：:]").flags());
    assertEquals(BOTH, RuleExpressions.compileForNormalized("été").flags());
    // The dotless ı folds onto I only with Unicode case folding, and normalizing keeps it.
    assertEquals("aı model", TextNormalizer.normalize("aı model"));
  }

  @Test
  void everyShippedExpressionFindsTheSameWithOrWithoutTheFlags() throws IOException {
    List<String> expressions = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(Path.of("feeds", "categories.yml"), StandardCharsets.UTF_8)) {
      for (Category c : CategoryFile.read(reader)) {
        expressions.addAll(c.definition().rules().patterns().keySet());
      }
    }
    assertTrue(expressions.size() >= 10, "shipped expressions: " + expressions.size());
    for (String expression : expressions) {
      assertTrue(RuleExpressions.runsInTime(expression), "the API would refuse the shipped /" + expression + "/");
      assertFalse(RuleExpressions.matchesEmpty(expression) || RuleExpressions.recursesTooDeeply(expression),
          "the API would refuse the shipped /" + expression + "/");
    }
    Random random = new Random(11);
    int uncased = 0;
    int found = 0;
    for (String regex : expressions) {
      Pattern chosen = RuleExpressions.compile(regex);
      Pattern flagged = Pattern.compile(regex, BOTH);
      uncased += chosen.flags() == 0 ? 1 : 0;
      // Texts strung together from the expression's own literal runs and a few other characters
      // (digits, both cases, the letters case folding treats specially) match it often.
      List<String> pieces = new ArrayList<>(List.of("0", "7", "12", " ", ":", "：", "A", "a", "K", "\u212A", "ſ", "İ", "ı", "天", "x"));
      for (String run : regex.split("[\\\\()\\[\\]{}?*+|^$!<=,\\-]+")) {
        if (!run.isEmpty()) {
          pieces.add(run);
        }
      }
      for (int round = 0; round < 3000; round++) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
          text.append(pieces.get(random.nextInt(pieces.size())));
        }
        boolean expected = flagged.matcher(text).find();
        found += expected ? 1 : 0;
        assertEquals(expected, chosen.matcher(text).find(), () -> regex + " on " + text);
        String normalized = TextNormalizer.normalize(text.toString());
        if (normalized.indexOf('ı') < 0) {
          assertEquals(flagged.matcher(normalized).find(), RuleExpressions.compileForNormalized(regex).matcher(normalized).find(),
              () -> regex + " on normalized " + normalized);
        }
      }
    }
    assertTrue(uncased > 0, "some shipped expressions have no cased letter");
    assertTrue(found > 1000, "the random texts match often enough to compare: " + found);
  }
}
