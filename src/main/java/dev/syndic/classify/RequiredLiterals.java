package dev.syndic.classify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a text must contain for a regular expression to match anywhere in it, read off the
 * expression: groups of literals, each group a choice ("one of these occurs"), all groups required.
 * {@code 第[一二三]+季(?!度)} needs {@code 第} and {@code 季}; {@code (种|养)了?[0-9]+(亩|头)} needs one
 * of 种, 养 and one of 亩, 头. A text lacking any group cannot match, so the expression is not run:
 * {@code find()} tries every position of a long body, which made a few dozen expressions the most
 * expensive step of ingest.
 *
 * <p>Conservative by construction: whatever the analysis does not understand (classes, escapes
 * other than quoted punctuation, back references, inline flags, optional groups) it treats as
 * requiring nothing, so a text is only ever skipped when the expression cannot match it. Literals
 * and text are compared case-folded ({@link #fold}), as rule expressions are case-insensitive.
 *
 * <p>The JDK's {@code Pattern} keeps its parse tree private, and the regex libraries that compute
 * such prefilters (RE2/J, joni) have another syntax; Syndic's rules are {@code java.util.regex}
 * expressions, hence this small reader of their syntax.
 */
final class RequiredLiterals {

  /** No requirement known: the expression is always run. */
  static final RequiredLiterals NONE = new RequiredLiterals(List.of());

  private final List<Set<String>> groups;

  private RequiredLiterals(List<Set<String>> groups) {
    this.groups = groups;
  }

  /** Reads the requirements of an expression; {@link #NONE} for anything it cannot read. */
  static RequiredLiterals of(String regex) {
    try {
      Parser p = new Parser(regex);
      List<Set<String>> groups = p.alternation();
      if (p.pos != regex.length()) {
        return NONE;
      }
      return groups.isEmpty() ? NONE : new RequiredLiterals(List.copyOf(groups));
    } catch (Unreadable e) {
      return NONE;
    }
  }

  /** False only when {@code folded} (a text with ASCII letters lower-cased) cannot match. */
  boolean mayMatch(String folded) {
    for (Set<String> group : groups) {
      boolean found = false;
      for (String literal : group) {
        if (folded.contains(literal)) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** The requirement groups, for tests. */
  List<Set<String>> groups() {
    return groups;
  }

  /**
   * The text case-folded as {@link #mayMatch} expects: each character to the lower case of its
   * upper case, so that two characters equal under {@code CASE_INSENSITIVE | UNICODE_CASE} (the
   * flags of rule expressions; e.g. k and the Kelvin sign, s and long s) fold alike.
   */
  static String fold(String text) {
    if (text == null) {
      return "";
    }
    char[] chars = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char f = c < 0x80 ? (c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) : Character.toLowerCase(Character.toUpperCase(c));
      if (f != c) {
        if (chars == null) {
          chars = text.toCharArray();
        }
        chars[i] = f;
      }
    }
    return chars == null ? text : new String(chars);
  }

  private static final class Unreadable extends Exception {
    Unreadable() {
      super(null, null, false, false);
    }
  }

  /**
   * Recursive descent over the expression. A sequence yields the literal runs it requires (each a
   * group of one); an alternation of several branches yields one group: the union of one literal
   * from each branch, or nothing when some branch requires nothing.
   */
  private static final class Parser {

    private static final String PUNCTUATION = "\\.[]{}()*+?^$|-&/:#'\"<>=!,;~@%`_ ";

    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    List<Set<String>> alternation() throws Unreadable {
      List<List<Set<String>>> branches = new ArrayList<>();
      branches.add(sequence());
      while (pos < s.length() && s.charAt(pos) == '|') {
        pos++;
        branches.add(sequence());
      }
      if (branches.size() == 1) {
        return branches.get(0);
      }
      Set<String> union = new LinkedHashSet<>();
      for (List<Set<String>> branch : branches) {
        String best = best(branch);
        if (best == null) {
          return List.of();
        }
        union.add(best);
      }
      return List.of(union);
    }

    /** The longest single literal a branch requires, or null. */
    private static String best(List<Set<String>> branch) {
      String best = null;
      for (Set<String> group : branch) {
        if (group.size() == 1) {
          String only = group.iterator().next();
          if (best == null || only.length() > best.length()) {
            best = only;
          }
        }
      }
      return best;
    }

    List<Set<String>> sequence() throws Unreadable {
      List<Set<String>> required = new ArrayList<>();
      StringBuilder run = new StringBuilder();
      while (pos < s.length() && s.charAt(pos) != '|' && s.charAt(pos) != ')') {
        char c = s.charAt(pos);
        if (c == '(') {
          flush(run, required);
          List<Set<String>> inner = group();
          Quantity q = quantifier();
          if (q != Quantity.OPTIONAL) {
            required.addAll(inner);
          }
        } else if (c == '[') {
          flush(run, required);
          skipClass();
          quantifier();
        } else if (c == '\\') {
          atom(String.valueOf(escaped()), run, required);
        } else if (c == '.' || c == '^' || c == '$') {
          pos++;
          flush(run, required);
          quantifier();
        } else if ("*+?{".indexOf(c) >= 0) {
          throw new Unreadable(); // a quantifier with nothing before it
        } else {
          // A character outside the BMP is one atom of two chars: a quantifier applies to both.
          int width = Character.isHighSurrogate(c) && pos + 1 < s.length() && Character.isLowSurrogate(s.charAt(pos + 1)) ? 2 : 1;
          String unit = s.substring(pos, pos + width);
          pos += width;
          atom(unit, run, required);
        }
      }
      flush(run, required);
      return required;
    }

    /** A literal character, followed perhaps by a quantifier. */
    private void atom(String unit, StringBuilder run, List<Set<String>> required) throws Unreadable {
      Quantity q = quantifier();
      if (q == Quantity.OPTIONAL || unit.length() > 1) {
        // A character outside the BMP may have case variants this folding does not know: not read.
        flush(run, required);
        return;
      }
      run.append(RequiredLiterals.fold(unit));
      if (q == Quantity.SOME) {
        flush(run, required);
      }
    }

    private static void flush(StringBuilder run, List<Set<String>> required) {
      if (run.length() > 0) {
        required.add(Set.of(run.toString()));
        run.setLength(0);
      }
    }

    /** A group; lookarounds and flag groups require nothing. */
    private List<Set<String>> group() throws Unreadable {
      pos++; // (
      boolean counts = true;
      if (pos < s.length() && s.charAt(pos) == '?') {
        pos++;
        if (s.startsWith(":", pos)) {
          pos++;
        } else if (s.startsWith("=", pos) || s.startsWith("!", pos)) {
          pos++;
          counts = false;
        } else if (s.startsWith("<=", pos) || s.startsWith("<!", pos)) {
          pos += 2;
          counts = false;
        } else if (s.startsWith("<", pos)) {
          int end = s.indexOf('>', pos);
          if (end < 0) {
            throw new Unreadable();
          }
          pos = end + 1;
        } else {
          throw new Unreadable(); // inline flags, atomic groups: not read
        }
      }
      List<Set<String>> inner = alternation();
      if (pos >= s.length() || s.charAt(pos) != ')') {
        throw new Unreadable();
      }
      pos++;
      return counts ? inner : List.of();
    }

    private void skipClass() throws Unreadable {
      int depth = 0;
      pos++; // [
      if (pos < s.length() && s.charAt(pos) == '^') {
        pos++;
      }
      if (pos < s.length() && s.charAt(pos) == ']') {
        pos++; // a leading ] is a literal
      }
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '\\') {
          pos += 2;
          continue;
        }
        pos++;
        if (c == '[') {
          depth++;
        } else if (c == ']') {
          if (depth == 0) {
            return;
          }
          depth--;
        }
      }
      throw new Unreadable();
    }

    /** An escaped punctuation character stands for itself; every other escape is not read. */
    private char escaped() throws Unreadable {
      if (pos + 1 >= s.length()) {
        throw new Unreadable();
      }
      char c = s.charAt(pos + 1);
      if (PUNCTUATION.indexOf(c) < 0) {
        throw new Unreadable(); // \d, \w, \b, \p{..}, \Q, \1, \t, \x..: not read
      }
      pos += 2;
      return c;
    }

    private enum Quantity { ONE, SOME, OPTIONAL }

    /** Reads a quantifier (and its lazy or possessive mark) if one follows. */
    private Quantity quantifier() throws Unreadable {
      if (pos >= s.length()) {
        return Quantity.ONE;
      }
      char c = s.charAt(pos);
      Quantity q;
      if (c == '?' || c == '*') {
        pos++;
        q = Quantity.OPTIONAL;
      } else if (c == '+') {
        pos++;
        q = Quantity.SOME;
      } else if (c == '{') {
        int end = s.indexOf('}', pos);
        if (end < 0) {
          throw new Unreadable();
        }
        String bounds = s.substring(pos + 1, end);
        String min = bounds.contains(",") ? bounds.substring(0, bounds.indexOf(',')) : bounds;
        if (!min.matches("[0-9]+")) {
          throw new Unreadable();
        }
        pos = end + 1;
        q = Integer.parseInt(min) == 0 ? Quantity.OPTIONAL : Quantity.SOME;
      } else {
        return Quantity.ONE;
      }
      if (pos < s.length() && (s.charAt(pos) == '?' || s.charAt(pos) == '+')) {
        pos++;
      }
      return q;
    }
  }
}
