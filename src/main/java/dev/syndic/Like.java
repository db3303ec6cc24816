package dev.syndic;

/** Patterns for SQL {@code LIKE} and {@code ILIKE} (backslash, PostgreSQL's default escape). */
public final class Like {

  private Like() {}

  /** A pattern that finds {@code text} anywhere, its own {@code %}, {@code _} and {@code \} taken literally. */
  public static String contains(String text) {
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
