package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/** Checks the {@code limit} parameter of list routes, and other count parameters. */
final class Limits {

  static final int DEFAULT = 50;
  static final int MAX = 500;

  private Limits() {}

  static int check(Integer limit) {
    if (limit == null) {
      return DEFAULT;
    }
    if (limit < 1 || limit > MAX) {
      throw new HttpStatusException(HttpStatus.BAD_REQUEST, "limit: must be between 1 and " + MAX + ", was " + limit);
    }
    return limit;
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
}
