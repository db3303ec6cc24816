package dev.syndic;

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
 * <p>Conservative by construction: whatever the analysis does not understand (large or negated
 * classes, escapes other than quoted punctuation and {@code \s}, back references, inline flags, optional groups)
 * it treats as requiring nothing, so a text is only ever skipped when the expression cannot match
 * it (tests check this on texts generated from every shipped expression). Small classes and
 * single optional characters are read as choices, so that {@code AI[- ]model} needs "ai-model" or
 * "ai model", not merely "ai" and "model", which most English text holds. Literals and text are
 * compared case-folded ({@link #fold}), as rule expressions are case-insensitive.
 *
 * <p>The JDK's {@code Pattern} keeps its parse tree private, and the regex libraries that compute
 * such prefilters (RE2/J, joni) have another syntax; Syndic's rules are {@code java.util.regex}
 * expressions, hence this small reader of their syntax.
 */
public final class RequiredLiterals {

  /** No requirement known: the expression is always run. */
  public static final RequiredLiterals NONE = new RequiredLiterals(List.of(), Set.of());

  private final List<Set<String>> groups;
  private final Set<String> starts;

  private RequiredLiterals(List<Set<String>> groups, Set<String> starts) {
    this.groups = groups;
    this.starts = starts;
  }

  /** Reads the requirements of an expression; {@link #NONE} for anything it cannot read. */
  public static RequiredLiterals of(String regex) {
    try {
      Parser p = new Parser(regex);
      Parser.Reading reading = p.alternative();
      if (p.pos != regex.length()) {
        return NONE;
      }
      Set<String> starts = reading.leading() == null ? Set.of() : Set.copyOf(reading.leading());
      return reading.required().isEmpty() ? NONE : new RequiredLiterals(List.copyOf(reading.required()), starts);
    } catch (Unreadable e) {
      return NONE;
    }
  }

  /** False only when {@code folded} (a text with ASCII letters lower-cased) cannot match. */
  public boolean mayMatch(String folded) {
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

  /**
   * The requirement groups: {@link #mayMatch} is true when the text holds one literal of each
   * (compared folded); none for {@link #NONE}. For a caller that looks for the literals of many
   * expressions in one pass over a text.
   */
  public List<Set<String>> groups() {
    return groups;
  }

  /**
   * What every match starts with, compared folded: a match of {@code (种|养)了?[0-9]+亩} begins
   * with one of 种, 种了, 养, 养了, so a search need only try the places where the text does. Empty
   * when the analysis cannot tell (the expression may start with anything it does not read).
   */
  public Set<String> starts() {
    return starts;
  }

  /**
   * CJK punctuation, kana, Hangul jamo and the CJK ideographs: no character here has case, and
   * Chinese text is made of them (two table look-ups a character spared).
   */
  static final char CASELESS_FROM = '\u3000';
  static final char CASELESS_TO = '\u9FFF';

  /**
   * The text case-folded as {@link #mayMatch} expects: each character to the lower case of its
   * upper case, so that two characters equal under {@code CASE_INSENSITIVE | UNICODE_CASE} (the
   * flags of rule expressions; e.g. k and the Kelvin sign, s and long s) fold alike.
   */
  public static String fold(String text) {
    if (text == null) {
      return "";
    }
    char[] chars = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char f = c < 0x80 ? (c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c)
          : c >= CASELESS_FROM && c <= CASELESS_TO ? c : Character.toLowerCase(Character.toUpperCase(c));
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
   * Recursive descent over the expression. A sequence keeps the run of text it must hold
   * contiguously as a set of choices, so that small classes and single optional characters keep
   * it going ({@code AI[- ]} needs "ai-" or "ai ", {@code [3456]G} one of "3g" to "6g", {@code
   * Wi-?Fi} "wi-fi" or "wifi"); a run ends where the expression may hold anything, and each run
   * that ended is a group of choices the text must hold one of. A group's leading choices (what
   * every match of it starts with) extend the run before it: {@code season (one|two|[0-9]+)} needs
   * "season o", "season t" or "season 0" to "season 9". An alternation of several branches yields
   * one group: the union of one group from each branch, or nothing when some branch requires
   * nothing. Lookarounds match no text, so a run goes on across them.
   */
  private static final class Parser {

    private static final String PUNCTUATION = "\\.[]{}()*+?^$|-&/:#'\"<>=!,;~@%`_ ";
    /** At most this many choices in a run or a group; a longer list is cut back to what is sure. */
    private static final int MAX_CHOICES = 64;
    /** A class of at most this many characters extends a run (a digit class does). */
    private static final int MAX_CLASS = 10;
    private static final Set<String> EMPTY_RUN = Set.of("");

    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    /**
     * What a sequence or alternation requires, and what every match of it starts with (or null);
     * {@code exact} when every match is one of {@code leading} as a whole (a run of literals, small
     * classes and single optional characters, or an alternation of such), so that the run around
     * the group can go on through it.
     */
    private record Reading(List<Set<String>> required, Set<String> leading, boolean exact) {}

    private Reading alternative() throws Unreadable {
      List<Reading> branches = new ArrayList<>();
      branches.add(sequence());
      while (pos < s.length() && s.charAt(pos) == '|') {
        pos++;
        branches.add(sequence());
      }
      if (branches.size() == 1) {
        return branches.get(0);
      }
      Set<String> union = new LinkedHashSet<>();
      Set<String> leading = new LinkedHashSet<>();
      for (Reading branch : branches) {
        Set<String> best = best(branch.required());
        if (best == null || union.size() + best.size() > MAX_CHOICES) {
          union = null;
          break;
        }
        union.addAll(best);
      }
      for (Reading branch : branches) {
        if (branch.leading() == null || leading.size() + branch.leading().size() > MAX_CHOICES) {
          leading = null;
          break;
        }
        leading.addAll(branch.leading());
      }
      boolean exact = leading != null && branches.stream().allMatch(Reading::exact);
      return new Reading(union == null ? List.of() : List.of(union), leading, exact);
    }

    /** The group of a branch whose shortest choice is longest, or null when it requires nothing. */
    private static Set<String> best(List<Set<String>> branch) {
      Set<String> best = null;
      int bestLength = 0;
      for (Set<String> group : branch) {
        int shortest = group.stream().mapToInt(String::length).min().orElse(0);
        if (shortest > bestLength) {
          best = group;
          bestLength = shortest;
        }
      }
      return best;
    }

    /** The run being read, and the requirements and leading choices of the sequence so far. */
    private static final class Runs {
      final List<Set<String>> required = new ArrayList<>();
      Set<String> run = EMPTY_RUN;
      Set<String> leading;
      boolean atStart = true;
      /** How many runs ended: a sequence read as one run ends one, its last. */
      int ends;

      /** The run goes on with one of {@code next}; too many choices end it first. */
      void extend(Set<String> next) {
        if ((long) run.size() * next.size() > MAX_CHOICES) {
          end();
          if (next.size() > MAX_CHOICES) {
            return;
          }
        }
        Set<String> longer = new LinkedHashSet<>();
        for (String a : run) {
          for (String b : next) {
            longer.add(a + b);
          }
        }
        run = longer;
      }

      /** The run ends: it is required unless it may be empty. */
      void end() {
        ends++;
        boolean required = !run.contains("");
        if (atStart) {
          leading = required ? Set.copyOf(run) : null;
          atStart = false;
        }
        if (required) {
          add(shortest(run));
        }
        run = EMPTY_RUN;
      }

      /** Adds a requirement unless the same one is there already. */
      void add(Set<String> group) {
        if (!required.contains(group)) {
          required.add(group);
        }
      }

      /** The choices without those that hold another: a text holding "多亩" holds "亩". */
      private static Set<String> shortest(Set<String> choices) {
        Set<String> kept = new LinkedHashSet<>();
        for (String c : choices) {
          boolean holdsAnother = false;
          for (String other : choices) {
            if (!other.equals(c) && c.contains(other)) {
              holdsAnother = true;
              break;
            }
          }
          if (!holdsAnother) {
            kept.add(c);
          }
        }
        return Set.copyOf(kept);
      }
    }

    Reading sequence() throws Unreadable {
      Runs runs = new Runs();
      while (pos < s.length() && s.charAt(pos) != '|' && s.charAt(pos) != ')') {
        char c = s.charAt(pos);
        if (c == '(') {
          int open = pos;
          Reading inner = group();
          boolean lookaround = s.startsWith("(?=", open) || s.startsWith("(?!", open) || s.startsWith("(?<=", open)
              || s.startsWith("(?<!", open);
          Quantity q = quantifier();
          if (lookaround) {
            continue; // matches no text: the run goes on
          }
          if (inner.exact() && (q == Quantity.ONE || q == Quantity.MAYBE)) {
            // A group of literals is more of the run: (corn|grain)s? (prices|exports) needs "corn
            // prices", "grains exports" and the like, not merely "corn" and " prices" apart,
            // which most English texts about something else hold.
            Set<String> choices = inner.leading();
            if (q == Quantity.MAYBE) {
              choices = new LinkedHashSet<>(choices);
              choices.add("");
            }
            runs.extend(choices);
            continue;
          }
          if ((q == Quantity.ONE || q == Quantity.SOME) && inner.leading() != null) {
            runs.extend(inner.leading());
          }
          runs.end();
          if (q == Quantity.ONE || q == Quantity.SOME) {
            for (Set<String> group : inner.required()) {
              if (!group.equals(inner.leading())) {
                runs.add(group);
              }
            }
          }
        } else if (c == '[') {
          Set<String> chars = smallClass();
          Quantity q = quantifier();
          if (chars == null || q == Quantity.OPTIONAL) {
            runs.end();
          } else if (q == Quantity.MAYBE) {
            Set<String> orNothing = new LinkedHashSet<>(chars);
            orNothing.add("");
            runs.extend(orNothing);
          } else {
            runs.extend(chars);
            if (q == Quantity.SOME) {
              runs.end();
            }
          }
        } else if (c == '\\' && s.startsWith("\\s", pos)) {
          // A blank, any of several: like '.', a character the run cannot hold (read\s+more needs
          // "read" and "more").
          pos += 2;
          runs.end();
          quantifier();
        } else if (c == '\\') {
          atom(String.valueOf(escaped()), runs);
        } else if (c == '.' || c == '^' || c == '$') {
          pos++;
          runs.end();
          quantifier();
        } else if ("*+?{".indexOf(c) >= 0) {
          throw new Unreadable(); // a quantifier with nothing before it
        } else {
          // A character outside the BMP is one atom of two chars: a quantifier applies to both.
          int width = Character.isHighSurrogate(c) && pos + 1 < s.length() && Character.isLowSurrogate(s.charAt(pos + 1)) ? 2 : 1;
          String unit = s.substring(pos, pos + width);
          pos += width;
          atom(unit, runs);
        }
      }
      runs.end();
      return new Reading(runs.required, runs.leading, runs.ends == 1 && runs.leading != null);
    }

    /** A literal character, followed perhaps by a quantifier. */
    private void atom(String unit, Runs runs) throws Unreadable {
      Quantity q = quantifier();
      if (q == Quantity.OPTIONAL || unit.length() > 1) {
        // A character outside the BMP may have case variants this folding does not know: not read.
        runs.end();
        return;
      }
      String folded = RequiredLiterals.fold(unit);
      runs.extend(q == Quantity.MAYBE ? Set.of("", folded) : Set.of(folded));
      if (q == Quantity.SOME) {
        runs.end();
      }
    }

    /** A group, read; a lookaround is read too (its text is checked) but requires nothing. */
    private Reading group() throws Unreadable {
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
      Reading inner = alternative();
      if (pos >= s.length() || s.charAt(pos) != ')') {
        throw new Unreadable();
      }
      pos++;
      return counts ? inner : new Reading(List.of(), null, false);
    }

    /**
     * The characters of a small class ({@code [- ]}, {@code [3456]}, {@code [0-9]}), case-folded,
     * each a choice; null for a negated, large or escaped class, which is skipped.
     */
    private Set<String> smallClass() throws Unreadable {
      int start = pos;
      skipClass();
      String body = s.substring(start + 1, pos - 1);
      if (body.isEmpty() || body.startsWith("^") || body.indexOf('\\') >= 0 || body.indexOf('[') >= 0 || body.contains("&&")) {
        return null;
      }
      Set<String> chars = new LinkedHashSet<>();
      for (int i = 0; i < body.length(); i++) {
        char c = body.charAt(i);
        if (Character.isSurrogate(c)) {
          return null;
        }
        if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
          char to = body.charAt(i + 2);
          if (to < c || to - c >= MAX_CLASS || Character.isSurrogate(to)) {
            return null;
          }
          for (char x = c; x <= to; x++) {
            chars.add(RequiredLiterals.fold(String.valueOf(x)));
          }
          i += 2;
        } else {
          chars.add(RequiredLiterals.fold(String.valueOf(c)));
        }
        if (chars.size() > MAX_CLASS) {
          return null;
        }
      }
      return chars;
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

    /** Once, once or more, at most once, or any number of times including none. */
    private enum Quantity { ONE, SOME, MAYBE, OPTIONAL }

    /** Reads a quantifier (and its lazy or possessive mark) if one follows. */
    private Quantity quantifier() throws Unreadable {
      if (pos >= s.length()) {
        return Quantity.ONE;
      }
      char c = s.charAt(pos);
      Quantity q;
      if (c == '?') {
        pos++;
        q = Quantity.MAYBE;
      } else if (c == '*') {
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
        // {1} is once; {0,1} at most once; {0,n} and {0,} any number; {n,...} once or more.
        q = bounds.equals("1") || bounds.equals("1,1") ? Quantity.ONE
            : bounds.equals("0,1") ? Quantity.MAYBE
            : Integer.parseInt(min) == 0 ? Quantity.OPTIONAL : Quantity.SOME;
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
