package dev.syndic;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import org.jsoup.internal.StringUtil;

/**
 * Links as feeds send them: whether one is a web address, and a relative one read against a base.
 * Parsing (Atom's xml:base), ingest (the feed's site or address) and publishing (only web links
 * go out) all use these two, so they agree on what counts.
 */
public final class WebLinks {

  private WebLinks() {}

  /** Whether {@code link} is an http or https address (any case, surrounding blanks ignored). */
  public static boolean isWeb(String link) {
    if (link == null) {
      return false;
    }
    String u = link.strip();
    return u.regionMatches(true, 0, "http://", 0, 7) || u.regionMatches(true, 0, "https://", 0, 8);
  }

  /**
   * {@code link} read against {@code base} as a browser reads it on the page at {@code base}
   * ("/blog/1.html", "posts/2.html", "?p=3", "../x"), with jsoup's resolver, the one the bodies'
   * links and images go through; {@code link} itself when absolute already, when there is no base,
   * or when it cannot be resolved.
   */
  public static String resolve(String base, String link) {
    if (link == null || base == null) {
      return link;
    }
    String resolved = StringUtil.resolve(base, link.strip());
    return resolved.isEmpty() ? link : resolved;
  }

  /**
   * {@code link} in the characters a URI may hold, for the documents Syndic writes: spaces,
   * controls, {@code "<>\^`{|}} and non-ASCII characters percent-encoded as UTF-8, a
   * non-ASCII host in its ASCII (punycode) form. Feeds send links such as "/a b.html" or
   * "/新闻/1.html" that browsers repair and stricter readers refuse; an existing {@code %xx} and
   * the URI's own delimiters stay as they are, so a valid URI comes back unchanged.
   */
  public static String asUri(String link) {
    if (link == null || plainUri(link)) {
      return link;
    }
    int hostStart = link.indexOf("://");
    hostStart = hostStart < 0 ? 0 : hostStart + 3;
    int hostEnd = hostStart;
    while (hostEnd < link.length() && "/?#".indexOf(link.charAt(hostEnd)) < 0) {
      hostEnd++;
    }
    StringBuilder out = new StringBuilder(link.length() + 16).append(link, 0, hostStart);
    String authority = link.substring(hostStart, hostEnd);
    if (hostStart > 0 && !plainUri(authority) && authority.indexOf('@') < 0 && authority.indexOf('[') < 0) {
      int colon = authority.lastIndexOf(':');
      boolean port = colon >= 0 && authority.substring(colon + 1).chars().allMatch(Character::isDigit);
      String host = port ? authority.substring(0, colon) : authority;
      try {
        authority = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED) + (port ? authority.substring(colon) : "");
      } catch (IllegalArgumentException e) {
        // not a name IDNA can write: percent-encoded below like the rest
      }
    }
    encodeInto(out, authority);
    encodeInto(out, link.substring(hostEnd));
    return out.toString();
  }

  private static void encodeInto(StringBuilder out, String part) {
    for (int i = 0; i < part.length(); ) {
      int cp = part.codePointAt(i);
      if (cp > 0x20 && cp < 0x7F && "\"<>\\^`{|}".indexOf(cp) < 0) {
        out.append((char) cp);
      } else {
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
              .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
        }
      }
      i += Character.charCount(cp);
    }
  }

  private static boolean plainUri(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7F || "\"<>\\^`{|}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }
}
