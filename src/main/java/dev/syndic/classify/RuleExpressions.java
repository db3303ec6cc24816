package dev.syndic.classify;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a rule's regular expression is compiled, and the checks an admin's expression must pass
 * before it is saved: it must find its matches in ordinary time, not overflow the stack and not
 * match the empty string. Written here because {@code java.util.regex} offers no such checks;
 * {@link RuleClassifier} still bounds every match of a saved expression in time and stack.
 */
public final class RuleExpressions {

  private static final Duration PROBE_BUDGET = Duration.ofMillis(200);

  /**
   * A rule's expression, matched case-insensitively. An expression without a letter that has case
   * (most Chinese ones: "[0-9]{1,3}比[0-9]{1,3}", "网友[：:]") is compiled without the case flags,
   * which match the same but cost a case conversion per character tried and keep the engine from
   * searching a leading literal with Boyer-Moore. Letters include those of escapes, so
   * {@code \p{Lu}} or {@code \w} keep the flags.
   */
  static Pattern compile(String regex) {
    return Pattern.compile(regex, hasCase(regex) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
  }

  /** Whether the expression refers back to a group ({@code \1}, {@code \k<name>}). */
  private static boolean hasBackReference(String regex) {
    return regex.matches("(?s).*(?<!\\\\)(\\\\\\\\)*\\\\([1-9]|k<).*");
  }

  /**
   * The expression for normalized text ({@link TextNormalizer}: NFKC, lower case). When its only
   * cased letters are ASCII, ASCII case folding finds the same there as Unicode case folding,
   * which costs two table lookups per character compared: the characters Unicode folds onto
   * ASCII letters are the Kelvin sign and long s (which NFKC makes k and s), dotted capital I
   * (which lower case makes i and a combining dot) and the dotless ı, which stays: a text that
   * holds one is matched with {@link #compile}'s form.
   */
  static Pattern compileForNormalized(String regex) {
    if (!hasCase(regex)) {
      return Pattern.compile(regex);
    }
    if (hasBackReference(regex)) {
      return compile(regex); // "σ" and "ς" repeat each other only under Unicode case folding
    }
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c >= 0x80 && hasCase(c)) {
        return compile(regex);
      }
    }
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }

  private static boolean hasCase(String regex) {
    if (hasBackReference(regex) || regex.matches("(?s).*\\\\0.*")) {
      return true; // a back reference compares case as the flags say; an octal escape may be a letter
    }
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : hasCase(c)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a character has case (a surrogate is assumed to). */
  private static boolean hasCase(char c) {
    return Character.toUpperCase(c) != c || Character.toLowerCase(c) != c || Character.isSurrogate(c)
        || Character.getType(c) == Character.TITLECASE_LETTER;
  }

  /**
   * Whether an expression finds its matches in ordinary time on texts made to provoke
   * backtracking (runs of one character, digits, spaces, Chinese, words with no match at their
   * end): admins are told about an expression that would not at once, not when it stalls. Not a
   * proof: {@link RuleClassifier#MATCH_BUDGET} still bounds every match.
   */
  public static boolean runsInTime(String regex) {
    return probe(regex, PROBES) != Probe.SLOW;
  }

  /**
   * Whether an expression overflows the stack on long texts made of the same material as {@link
   * #runsInTime}'s: {@code java.util.regex} recurses once per repetition of a group with an
   * alternation ({@code (?:.|\n)*}, {@code (?:\w|\s)+}), so how deep depends on the text: on a
   * thread's default stack (1 MB) such an expression overflows past some 1,500 characters, any
   * article's length. The probes ({@value #LONG_PROBE} characters) overflow a stack eight times
   * larger too; like the time, {@code RuleClassifier.finds} still guards every match.
   */
  public static boolean recursesTooDeeply(String regex) {
    return probe(regex, LONG_PROBES) == Probe.DEEP;
  }

  /**
   * Whether an expression matches the empty string, or nothing but it in ordinary text: a
   * trailing bar ("人工智能|"), an optional whole ({@code (AI)?}) or a bare {@code \b} matches
   * every entry, adding its weight to all of them. Tried on texts of one character that no rule
   * is about: a lookahead alone ({@code (?=AI)}, {@code (?=.*人工智能)(?=.*北京)}, "mentions both")
   * matches empty only where its words are, and passes.
   */
  public static boolean matchesEmpty(String regex) {
    for (Pattern form : new Pattern[] {compile(regex), compileForNormalized(regex)}) {
      for (String probe : EMPTY_PROBES) {
        java.util.regex.Matcher m = form.matcher(new TimedText(probe, PROBE_BUDGET.toNanos()));
        try {
          if (m.find() && m.end() == m.start()) {
            return true;
          }
        } catch (TimedText.Expired | StackOverflowError e) {
          return false; // refused for that reason, by runsInTime
        }
      }
    }
    return false;
  }

  private enum Probe { FINE, SLOW, DEEP }

  private static Probe probe(String regex, List<String> probes) {
    Pattern[] forms = {compile(regex), compileForNormalized(regex)};
    for (String probe : probes) {
      for (Pattern form : forms) {
        try {
          form.matcher(new TimedText(probe, PROBE_BUDGET.toNanos())).find();
        } catch (TimedText.Expired e) {
          return Probe.SLOW;
        } catch (StackOverflowError e) {
          return Probe.DEEP;
        }
      }
    }
    return Probe.FINE;
  }

  private static final String ENGLISH = "the quick brown fox jumps over the lazy dog 2026 ";
  private static final String CHINESE = "人工智能大模型发布会在北京举行，网友：太厉害了！2026年";
  private static final List<String> PROBES = List.of(
      "a".repeat(64) + "!", "1".repeat(64) + "!", " ".repeat(64) + "!", "中".repeat(64) + "!", ENGLISH.repeat(40), CHINESE.repeat(40));
  private static final List<String> EMPTY_PROBES = List.of("", " ", "!", "1", "x", "中", "\n");
  private static final int LONG_PROBE = 20_000;
  private static final List<String> LONG_PROBES = List.of("a", "1", " ", "中", ENGLISH, CHINESE).stream()
      .map(s -> s.repeat(LONG_PROBE / s.length())).toList();

  private RuleExpressions() {}
}
