package dev.syndic.api;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/** Checks the {@code limit} parameter of list routes. */
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
}
