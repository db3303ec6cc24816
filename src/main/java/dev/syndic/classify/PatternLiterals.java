package dev.syndic.classify;

import dev.syndic.RequiredLiterals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The required literals of many expressions ({@link RequiredLiterals}), looked for in one pass
 * over a text with a {@link TermAutomaton}, then checked per expression: {@link #mayMatch} says
 * what {@link RequiredLiterals#mayMatch} says of the same folded text. Immutable.
 */
final class PatternLiterals {

  /** A literal that is the empty string: every text holds it. */
  private static final int EMPTY = -1;

  private final List<String> literals = new ArrayList<>();
  private final TermAutomaton automaton;
  /** Per expression, per group, the indexes of its literals. */
  private final int[][][] groups;

  PatternLiterals(List<RequiredLiterals> required) {
    Map<String, Integer> index = new HashMap<>();
    groups = new int[required.size()][][];
    for (int p = 0; p < required.size(); p++) {
      List<Set<String>> own = required.get(p).groups();
      groups[p] = new int[own.size()][];
      for (int g = 0; g < own.size(); g++) {
        groups[p][g] = own.get(g).stream().mapToInt(literal -> literal.isEmpty() ? EMPTY : index.computeIfAbsent(literal, l -> {
          literals.add(l);
          return literals.size() - 1;
        })).toArray();
      }
    }
    automaton = new TermAutomaton(literals);
  }

  /** Which literals {@code folded} ({@link RequiredLiterals#fold}) holds, by index. */
  boolean[] found(String folded) {
    boolean[] found = new boolean[literals.size()];
    automaton.scan(folded, (literal, start, end) -> {
      // The automaton compares apostrophes and hyphens folded (TermAutomaton.fold); contains() does not.
      found[literal] |= folded.startsWith(literals.get(literal), start);
    });
    return found;
  }

  /** Whether expression {@code pattern} may match a text that holds the literals {@code found} says. */
  boolean mayMatch(int pattern, boolean[] found) {
    for (int[] group : groups[pattern]) {
      boolean any = false;
      for (int literal : group) {
        if (literal == EMPTY || found[literal]) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }
}
