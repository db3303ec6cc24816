package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;

/** Checks the {@code limit} parameter of list routes, and other count parameters. */
final class Limits {

  static final int DEFAULT = 50;
  static final int MAX = 500;

  private Limits() {}

  /** A list's {@code limit}: {@link #DEFAULT} when absent, else a whole number from 1 to {@link #MAX}. */
  static int check(@Nullable String limit) {
    return check(limit, DEFAULT, MAX);
  }

  /**
   * A {@code limit} from 1 to {@code max}, {@code absent} when the parameter is not given. Given
   * empty ({@code ?limit=}) it is refused, as the feeds and the partner API refuse it: a client that
   * sent a limit without its number meant one (a URL template left unfilled), and the bad-input
   * rule answers that with an error, not with a default it did not ask for.
   */
  static int check(@Nullable String limit, int absent, int max) {
    if (limit == null) {
      return absent;
    }
    String v = limit.strip();
    if (v.isEmpty()) {
      throw SourceChecks.bad("limit: empty; give a whole number from 1 to " + max + ", or leave limit out for " + absent);
    }
    if (!v.matches("-?[0-9]{1,18}")) {
      throw SourceChecks.bad("limit: '" + (v.length() > 80 ? v.substring(0, 80) + "…" : v) + "' is not a valid value; give a whole number "
          + "from 1 to " + max);
    }
    long n = Long.parseLong(v);
    if (n < 1 || n > max) {
      throw SourceChecks.bad("limit: must be between 1 and " + max + ", was " + n);
    }
    return (int) n;
  }

  /** A count parameter: 0 when absent or blank, else a whole number from 0 to 2^31 - 1 in ASCII digits. */
  static int count(String name, @Nullable String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    String v = value.strip();
    if (!v.matches("[0-9]{1,10}") || Long.parseLong(v) > Integer.MAX_VALUE) {
      throw SourceChecks.bad(name + ": '" + v + "' is not a whole number from 0 to " + Integer.MAX_VALUE);
    }
    return Integer.parseInt(v);
  }

  /**
   * A text's length as its schema's {@code maxLength} counts it, and as a person does: in
   * characters (code points), not the UTF-16 units of {@link String#length}, which counted an
   * emoji or a rare CJK character twice and refused a name the API's own schema allows.
   */
  static int characters(String text) {
    return text.codePointCount(0, text.length());
  }

  /**
   * A true/false query parameter: null when absent, else {@code true} or {@code false} in any case;
   * anything else is a 400 that says what each means ({@code ifTrue}, {@code ifFalse}: blank for
   * nothing to add). Read here, not by the converter, which takes "yes" as true and "1" or a typo
   * as false.
   */
  static @Nullable Boolean flag(String name, @Nullable String value, String ifTrue, String ifFalse) {
    if (value == null) {
      return null;
    }
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw SourceChecks.bad(name + ": '" + value + "' is not true" + (ifTrue.isBlank() ? "" : " (" + ifTrue + ")") + " or false"
          + (ifFalse.isBlank() ? "" : " (" + ifFalse + ")"));
    }
    return value.equalsIgnoreCase("true");
  }
}
