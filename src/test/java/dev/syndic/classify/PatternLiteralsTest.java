package dev.syndic.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.RequiredLiterals;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One pass for every expression's literals says what each expression's own check says. */
class PatternLiteralsTest {

  private static final List<String> EXPRESSIONS = List.of(
      "(?<![A-Za-z])A-levels?(?![A-Za-z])", "women's (football|rugby)", "(?<![A-Za-z])AI[- ](model|chip)s?", "第[一二三]+季(?!度)",
      "(种|养)了?[0-9]+(亩|头)", "网友[：:]", "(AI)?", "[0-9]+", "GPT|ChatGPT", "S&P ?500");
  private static final List<String> TEXTS = List.of(
      "", "a-levels results", "a‐levels results", "women’s football", "women's football", "ai-model and ai chips", "第三季度",
      "第二季开播", "养了200头猪", "网友：太厉害了", "chatgpt", "s&p500 fell", "nothing here at all", "ai‐model");

  @Test
  void findsWhatEachExpressionsOwnCheckFinds() {
    List<RequiredLiterals> required = EXPRESSIONS.stream().map(RequiredLiterals::of).toList();
    PatternLiterals literals = new PatternLiterals(required);
    int possible = 0;
    for (String text : TEXTS) {
      String folded = RequiredLiterals.fold(text);
      boolean[] found = literals.found(folded);
      for (int p = 0; p < required.size(); p++) {
        boolean expected = required.get(p).mayMatch(folded);
        assertEquals(expected, literals.mayMatch(p, found), EXPRESSIONS.get(p) + " on " + text);
        possible += expected ? 1 : 0;
      }
    }
    assertEquals(25, possible); // the texts exercise both answers
  }
}
