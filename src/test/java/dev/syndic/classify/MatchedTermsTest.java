package dev.syndic.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MatchedTermsTest {

  @Test
  void keepsFirstSeenOrderTheBestFactorAndTheRepetitions() {
    MatchedTerms m = new MatchedTerms();
    m.see(7, 0.5);
    m.see(3, 2.0);
    m.see(7, 1.0);
    m.see(7, 0.5);
    m.repeat(7);
    m.repeat(7);
    assertEquals(2, m.size());
    assertEquals(List.of(7, 3), List.of(m.target(0), m.target(1)));
    assertEquals(List.of(1.0, 2.0), List.of(m.factor(0), m.factor(1)));
    assertEquals(List.of(2, 0), List.of(m.times(0), m.times(1)));
  }

  /** What the classifier's map keyed by target did, on thousands of targets (the table grows many times). */
  @Test
  void answersAsAnInsertionOrderedMapDoes() {
    Random random = new Random(5);
    for (int round = 0; round < 50; round++) {
      MatchedTerms m = new MatchedTerms();
      Map<Integer, Double> factors = new LinkedHashMap<>();
      Map<Integer, Integer> times = new LinkedHashMap<>();
      int range = 1 + random.nextInt(20_000);
      for (int i = 0; i < 3_000; i++) {
        int target = random.nextInt(range);
        double factor = new double[] {0.5, 1.0, 2.0}[random.nextInt(3)];
        m.see(target, factor);
        factors.merge(target, factor, Math::max);
        if (random.nextBoolean()) {
          m.repeat(target);
          times.merge(target, 1, Integer::sum);
        }
      }
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < m.size(); i++) {
        seen.add(m.target(i) + " " + m.factor(i) + " x" + m.times(i));
      }
      List<String> expected = new ArrayList<>();
      factors.forEach((target, factor) -> expected.add(target + " " + factor + " x" + times.getOrDefault(target, 0)));
      assertEquals(expected, seen);
    }
  }
}
