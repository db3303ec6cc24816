package dev.syndic.classify;

import dev.syndic.RequiredLiterals;
import java.util.ArrayList;
import java.util.Collections;
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
    boolean[] found = none();
    automaton.scan(folded, (literal, start, end) -> hit(found, folded, literal, start));
    return found;
  }

  /**
   * The literals by index, for a caller that looks for them in its own pass over a text (a {@link
   * TermAutomaton} built over other terms and these), and tells {@link #hit} what it finds.
   */
  List<String> literals() {
    return Collections.unmodifiableList(literals);
  }

  /** No literal found yet: what {@link #hit} fills. */
  boolean[] none() {
    return new boolean[literals.size()];
  }

  /** Records that a {@link TermAutomaton} reported literal {@code literal} at {@code start} of {@code folded}. */
  void hit(boolean[] found, String folded, int literal, int start) {
    // The automaton compares apostrophes and hyphens folded (TermAutomaton.fold); contains() does not.
    found[literal] |= folded.startsWith(literals.get(literal), start);
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
