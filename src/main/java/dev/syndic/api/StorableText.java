package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses, with a 400 naming the field, text PostgreSQL cannot store: a NUL character (U+0000;
 * PostgreSQL text cannot hold one) or an unpaired UTF-16 surrogate (no Unicode character: the
 * JDBC driver silently stores {@code ?} for it, and {@code jsonb} refuses it). JSON's escapes
 * make both easy to send. {@link #check} walks a whole request body (records, lists and maps,
 * keys included), so a route checks its body with one call and a field added later is covered;
 * {@link StorableTextFilter} checks the path and query of every route.
 */
final class StorableText {

  private StorableText() {}

  /** The body, unchanged, once every string in it is storable. */
  static <T> T check(T body) {
    walk("", body);
    return body;
  }

  /** Throws a 400 saying where and what, when the text cannot be stored. */
  static void check(String where, @Nullable String text) {
    String problem = problem(text);
    if (problem != null) {
      throw SourceChecks.bad(where + ": contains " + problem);
    }
  }

  // Input records are a few levels deep (a category's rules at most), so recursion is bounded by
  // their types, not by what a caller sends.
  private static void walk(String path, @Nullable Object value) {
    if (value instanceof String s) {
      check(path.isEmpty() ? "body" : path, s);
    } else if (value instanceof Record r) {
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        walk(path.isEmpty() ? c.getName() : path + "." + c.getName(), component(r, c));
      }
    } else if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(path + "[" + i++ + "]", item);
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (e.getKey() instanceof String key && problem(key) != null) {
          throw SourceChecks.bad(path + ": a key contains " + problem(key));
        }
        walk(path + "['" + e.getKey() + "']", e.getValue());
      }
    }
  }

  private static Object component(Record r, RecordComponent c) {
    try {
      c.getAccessor().setAccessible(true); // the input records are package-private
      return c.getAccessor().invoke(r);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e);
    }
  }

  /** What makes the text unstorable, or null when it is fine. */
  @Nullable
  static String problem(@Nullable String text) {
    if (text == null) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return "a NUL character (U+0000), which cannot be stored; remove it";
      }
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return "an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT)
              + "), which is not a Unicode character; send the text as UTF-8";
        }
        i++;
      }
    }
    return null;
  }
}
