package dev.syndic.classify;

import dev.syndic.RequiredLiterals;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * Where a match of an expression may begin: at a character that starts one of its {@link
 * RequiredLiterals#starts} (compared folded). {@code Matcher.find} tries every position of the text
 * in turn, and an expression that begins with an alternation ({@code (种|养|栽|养殖|种植)了?…亩})
 * costs a try of each branch at each of them: on a long body that holds its literals somewhere
 * but no match, that one expression was a fifth of categorizing. {@link #find} tries only the
 * places where the text holds such a character ({@code String.indexOf}, which the JIT makes a
 * vector search), each as {@code find} would: the bounds are transparent and do not anchor, so a
 * lookbehind still sees the text before the place and {@code ^} still means the text's start.
 * Immutable.
 */
final class MatchStarts {

  /** More distinct first characters than this and each place is tried ({@code find}). */
  static final int MAX_FIRSTS = 32;

  /** The distinct first characters of the starts, or null: a match may begin anywhere. */
  private final char[] firsts;

  private MatchStarts(char[] firsts) {
    this.firsts = firsts;
  }

  static MatchStarts of(RequiredLiterals required) {
    Set<Character> firsts = new TreeSet<>();
    for (String start : required.starts()) {
      if (start.isEmpty()) {
        return new MatchStarts(null);
      }
      firsts.add(start.charAt(0));
    }
    if (firsts.isEmpty() || firsts.size() > MAX_FIRSTS) {
      return new MatchStarts(null);
    }
    char[] chars = new char[firsts.size()];
    int i = 0;
    for (char c : firsts) {
      chars[i++] = c;
    }
    return new MatchStarts(chars);
  }

  /**
   * What {@code matcher.find()} answers, from its text's start, {@code folded} being that text
   * folded ({@link RequiredLiterals#fold}, which keeps every character where it is). Leaves the
   * matcher's bounds transparent and not anchoring.
   */
  boolean find(Matcher matcher, String folded) {
    if (firsts == null) {
      return matcher.find();
    }
    matcher.useTransparentBounds(true).useAnchoringBounds(false);
    int length = folded.length();
    // The next place of each first character at or after the place tried, found when needed.
    int[] next = new int[firsts.length];
    Arrays.fill(next, -2);
    int from = 0;
    while (true) {
      int at = Integer.MAX_VALUE;
      for (int i = 0; i < firsts.length; i++) {
        if (next[i] != -1 && next[i] < from) {
          next[i] = folded.indexOf(firsts[i], from);
        }
        if (next[i] >= 0 && next[i] < at) {
          at = next[i];
        }
      }
      if (at == Integer.MAX_VALUE) {
        return false;
      }
      if (matcher.region(at, length).lookingAt()) {
        return true;
      }
      from = at + 1;
    }
  }
}
