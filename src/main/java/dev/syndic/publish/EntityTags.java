package dev.syndic.publish;

/** Reads an If-None-Match or If-Match field: {@code *} or a list of entity tags, weak or strong (RFC 9110 §8.8.3). */
final class EntityTags {

  private EntityTags() {}

  /**
   * True when the field is {@code *} or lists a tag that weakly matches {@code etag} (a quoted
   * strong tag): the opaque parts are equal, whether or not either is marked {@code W/}. A quoted
   * tag may hold commas, so the list is read tag by tag, not split; a malformed rest matches
   * nothing.
   */
  static boolean anyMatches(String field, String etag) {
    return anyMatches(field, etag, false);
  }

  /**
   * As {@link #anyMatches(String, String)}, or with the strong comparison If-Match requires (RFC
   * 9110 §13.1.1) when {@code strong}: a tag marked {@code W/} then matches nothing.
   */
  static boolean anyMatches(String field, String etag, boolean strong) {
    String f = field.strip();
    if (f.equals("*")) {
      return true;
    }
    String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
    int i = 0;
    while (i < f.length()) {
      char c = f.charAt(i);
      if (c == ',' || c == ' ' || c == '\t') {
        i++;
        continue;
      }
      boolean weak = f.startsWith("W/", i);
      if (weak) {
        i += 2;
      }
      if (i >= f.length() || f.charAt(i) != '"') {
        return false;
      }
      int end = f.indexOf('"', i + 1) + 1;
      if (end == 0 || end < f.length() && ",\t ".indexOf(f.charAt(end)) < 0) {
        return false;
      }
      if (!(strong && weak) && end - i == opaque.length() && f.startsWith(opaque, i)) {
        return true;
      }
      i = end;
    }
    return false;
  }
}
