package dev.syndic;

import java.net.IDN;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Links as feeds send them: whether one is a web address, and a relative one read against a base.
 * Parsing (Atom's xml:base), ingest (the feed's site or address) and publishing (only web links
 * go out, written as URIs) all use these, so they agree on what counts.
 */
public final class WebLinks {

  /**
   * The longest address Syndic keeps for a source, in characters: its feed's ({@code
   * Source.MAX_URL}) and its site's ({@link #siteLink}). Here rather than on {@code Source} so that
   * this package, which the pure steps use, depends on no other.
   */
  public static final int MAX_ADDRESS = 2048;

  private WebLinks() {}

  /**
   * A site link ({@code link}: a feed's own link to its site, an OPML outline's {@code htmlUrl})
   * as a source keeps it, read against {@code base} (the address the feed came from: a feed's "/"
   * is its host's home page). Kept when it is an http(s) address with a host (and a port a
   * request can go to, if it names one) of at most {@link #MAX_ADDRESS} characters, and kept
   * without the credentials an address may carry: a site link goes out with the source's entries
   * (feeds, partner API, home page) and is the base of their relative links. Null otherwise, and
   * for a null {@code link}: a bad site link is no reason to refuse a feed or an import, and
   * outputs handle "no site". Polls and imports both ask this, so a source's site follows one
   * rule whichever wrote it.
   */
  public static String siteLink(String base, String link) {
    String resolved = resolve(base, link);
    if (!isWeb(resolved)) {
      return null;
    }
    String kept = withoutCredentials(resolved.strip());
    if (kept.length() > MAX_ADDRESS) {
      return null;
    }
    try {
      // Authority, not URI.getHost(), which is null for a host name with an underscore: browsers
      // and publishers use them all the same.
      Authority authority = Authority.of(new URI(asUri(kept)));
      return authority == null || !authority.portIsTcp() ? null : kept;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** Whether {@code link} is an http or https address (any case, surrounding blanks ignored). */
  public static boolean isWeb(String link) {
    if (link == null) {
      return false;
    }
    String u = link.strip();
    return u.regionMatches(true, 0, "http://", 0, 7) || u.regionMatches(true, 0, "https://", 0, 8);
  }

  /**
   * {@code address} without the credentials its authority may carry ({@code
   * https://user:password@host/feed} to {@code https://host/feed}): a source's address as output
   * shows it, the credentials being the admin's to send, not the public's to read. Null for null;
   * an address without credentials as it is.
   */
  public static String withoutCredentials(String address) {
    if (address == null) {
      return null;
    }
    int scheme = address.indexOf("://");
    if (scheme < 0) {
      return address;
    }
    int start = scheme + 3;
    int end = start;
    while (end < address.length() && "/?#".indexOf(address.charAt(end)) < 0) {
      end++;
    }
    int at = address.lastIndexOf('@', end - 1);
    return at < start ? address : address.substring(0, start) + address.substring(at + 1);
  }

  /**
   * {@code link} read against {@code base} as a browser reads it on the page at {@code base}
   * ("/blog/1.html", "posts/2.html", "?p=3", "../x"), with jsoup's resolver, the one the bodies'
   * links and images go through; {@code link} itself when absolute already, when there is no base,
   * or when it cannot be resolved.
   */
  public static String resolve(String base, String link) {
    return link == null || base == null ? link : Base.of(base).resolve(link);
  }

  /**
   * A base address for the many links read against it (a feed's entries' links), parsed at most
   * once ({@link #reader}): {@link WebLinks#resolve(String, String)} parses its base again at each
   * call that needs it.
   */
  public static final class Base {
    private final String address;
    private final UnaryOperator<String> reader;

    private Base(String address) {
      this.address = address;
      this.reader = address == null ? null : reader(address);
    }

    /** {@code address} parsed to read links against; a null address reads every link as sent. */
    public static Base of(String address) {
      return new Base(address);
    }

    /** The address as given, or null. */
    public String address() {
      return address;
    }

    /** What {@link WebLinks#resolve(String, String)} answers for {@link #address} and {@code link}. */
    public String resolve(String link) {
      if (link == null || reader == null) {
        return link;
      }
      String resolved = reader.apply(link.strip());
      return resolved.isEmpty() ? link : resolved;
    }
  }

  /**
   * Reads links against one base as the sanitizer reads a body's links, images and players:
   * jsoup's resolver, with ASCII control characters taken out of the base and the link (as
   * browsers do), {@code ""} for a link that can be read neither against the base nor alone, and
   * one that names a scheme Java has no handler for ({@code javascript:}, {@code tel:}) as it is.
   * The base is parsed once: an entry's body holds dozens of links, and the sanitizer's own reading
   * parsed the base and ran its control-character pattern over both strings twice for each, a sixth
   * of the CPU of preparing an entry. It is parsed when a link first needs it: most links are
   * plain web addresses ({@link #isPlainWebAddress}), which are read without it.
   */
  public static UnaryOperator<String> reader(String base) {
    return new Reader(base == null ? "" : base);
  }

  /** {@link #reader}: the base parsed at most once, by the first link that needs it. */
  private static final class Reader implements UnaryOperator<String> {
    private final String base;
    /** The parsed base (its one element null when it is no URL), once a link needed it. */
    private volatile URL[] parsed;

    Reader(String base) {
      this.base = base;
    }

    @Override
    public String apply(String link) {
      String relative = withoutAsciiControls(link);
      if (isPlainWebAddress(relative)) {
        return relative;
      }
      URL against = against();
      try {
        return (against == null ? new URL(relative) : resolved(against, relative)).toExternalForm();
      } catch (MalformedURLException e) {
        return NAMES_SCHEME.matcher(relative).find() ? relative : "";
      }
    }

    private URL against() {
      URL[] known = parsed;
      if (known == null) {
        known = new URL[1];
        try {
          known[0] = new URL(withoutAsciiControls(base));
        } catch (MalformedURLException e) {
          known[0] = null;
        }
        parsed = known;
      }
      return known[0];
    }
  }

  /**
   * {@code relative} read against {@code base} as jsoup's {@code StringUtil.resolve(URL, String)}
   * reads it, with its two corrections of Java's reading (a link that is only a query keeps the
   * base's path; dot segments that would climb above the root go), but without its own pass taking
   * control characters out, which {@link #reader} has done: a regular expression that matches the
   * empty string at every character, a twentieth of the CPU of preparing an entry.
   */
  private static URL resolved(URL base, String relative) throws MalformedURLException {
    URL url = new URL(base, relative.startsWith("?") ? base.getPath() + relative : relative);
    String file = url.getFile().startsWith("/.") ? EXTRA_DOT_SEGMENTS.matcher(url.getFile()).replaceFirst("/") : url.getFile();
    return new URL(url.getProtocol(), url.getHost(), url.getPort(), url.getRef() == null ? file : file + "#" + url.getRef());
  }

  /**
   * Whether {@code link} is an absolute http(s) address that the reading above gives back as it
   * is: a lower-case scheme, a host of letters, digits, dots and hyphens (no port, no user), then
   * nothing or a path and query of URL characters without a dot segment ("/." starts none), no
   * fragment. Nearly every link and image of a feed is one, and reading it through {@link URL}
   * twice, as any other is, took 1.2 us (throwaway fuzzing, not in the project: millions of random
   * links this says yes to, against six bases, all came back as themselves).
   */
  private static boolean isPlainWebAddress(String link) {
    int start = link.startsWith("https://") ? 8 : link.startsWith("http://") ? 7 : -1;
    if (start < 0) {
      return false;
    }
    int i = start;
    while (i < link.length() && isHostChar(link.charAt(i))) {
      i++;
    }
    if (i == start || link.charAt(start) == '.' || link.charAt(start) == '-' || i < link.length() && link.charAt(i) != '/') {
      return false;
    }
    for (; i < link.length(); i++) {
      char c = link.charAt(i);
      if (!(isLetterOrDigit(c) || PLAIN_PATH.indexOf(c) >= 0) || c == '.' && link.charAt(i - 1) == '/') {
        return false;
      }
    }
    return true;
  }

  /** What a plain address's path and query may hold besides ASCII letters and digits. */
  private static final String PLAIN_PATH = "-._~/?&=%+,;!*'()$:@";

  private static boolean isHostChar(char c) {
    return isLetterOrDigit(c) || c == '.' || c == '-';
  }

  private static boolean isLetterOrDigit(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  /** Dot segments at the start of a resolved path ("/../x", "/./x"). */
  private static final Pattern EXTRA_DOT_SEGMENTS = Pattern.compile("^/(?>(?>\\.\\.?/)+)");

  /** A link that starts with a scheme ({@code tel:}, {@code javascript:}). */
  private static final Pattern NAMES_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

  /** {@code s} without the characters U+0000 to U+001F; {@code s} itself when it has none. */
  private static String withoutAsciiControls(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) >= 0x20) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length()).append(s, 0, i);
    for (; i < s.length(); i++) {
      if (s.charAt(i) >= 0x20) {
        out.append(s.charAt(i));
      }
    }
    return out.toString();
  }

  /**
   * An http(s) address written one way, so that one feed is one source: scheme and host in lower
   * case, no default port, "/" for an empty path and no fragment (never sent) are what RFC 3986
   * counts as the same address. The path and query are kept as they are: servers may tell their
   * case apart. {@code V32__source_address_written_one_way.sql} writes stored addresses so.
   */
  public static String sameAddress(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort() == (scheme.equals("https") ? 443 : 80) ? -1 : uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return scheme + "://" + (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@") + uri.getHost().toLowerCase(Locale.ROOT)
        + (port == -1 ? "" : ":" + port) + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  /**
   * {@code link} in the characters a URI may hold, for the documents Syndic writes: spaces,
   * controls, {@code "<>\^`{|}}, non-ASCII characters, a {@code %} that starts no {@code %xx},
   * a second {@code #} and (past the host, where only an IPv6 address may hold them) {@code []}
   * percent-encoded as UTF-8; a non-ASCII host name in its ASCII (punycode) form. Feeds send links
   * such as "/a b.html", "/新闻/1.html", "?id[0]=1" or "/100%" that browsers repair and stricter
   * readers (and the W3C validator) refuse; an existing {@code %xx} and the URI's own delimiters
   * stay as they are, so a valid URI comes back as the same string.
   */
  public static String asUri(String link) {
    if (link == null || isUri(link)) {
      return link;
    }
    int hostStart = authorityStart(link);
    int hostEnd = hostStart;
    while (hostStart > 0 && hostEnd < link.length() && "/?#".indexOf(link.charAt(hostEnd)) < 0) {
      hostEnd++;
    }
    StringBuilder out = new StringBuilder(link.length() + 16).append(link, 0, hostStart);
    String authority = link.substring(hostStart, hostEnd);
    int at = authority.lastIndexOf('@');
    String userInfo = authority.substring(0, at + 1);
    String hostPort = authority.substring(at + 1);
    if (!hostPort.startsWith("[") && hostPort.chars().anyMatch(c -> c >= 0x80)) {
      int colon = hostPort.lastIndexOf(':');
      boolean port = colon >= 0 && hostPort.substring(colon + 1).chars().allMatch(Character::isDigit);
      String host = port ? hostPort.substring(0, colon) : hostPort;
      // A name IDNA cannot write stays as it is, and is percent-encoded below like the rest.
      hostPort = asciiHost(host) + (port ? hostPort.substring(colon) : "");
    }
    boolean[] fragment = {false};
    encodeInto(out, userInfo, false, fragment);
    encodeInto(out, hostPort, false, fragment);
    encodeInto(out, link.substring(hostEnd), true, fragment);
    return out.toString();
  }

  /**
   * The user information (raw, or null), host and port (as written, empty for none) of a link.
   * {@link URI} leaves the host null when the authority is no server's by RFC 2396: a non-ASCII host
   * ({@code 例子.中国}), an underscore (which browsers and publishers use all the same), or a port
   * that is not digits. Such an authority is split here, the port being what follows the last
   * colon and the host written in its ASCII (punycode) form, so the source API and the links'
   * canonical form read one authority alike.
   */
  public record Authority(String userInfo, String host, String port) {

    /** The authority of {@code uri}, or null when it has none or one without a host. */
    public static Authority of(URI uri) {
      if (uri.getHost() != null) {
        return new Authority(uri.getRawUserInfo(), uri.getHost(), uri.getPort() < 0 ? "" : Integer.toString(uri.getPort()));
      }
      String raw = uri.getRawAuthority();
      if (raw == null) {
        return null;
      }
      int at = raw.lastIndexOf('@');
      String hostPort = raw.substring(at + 1);
      int colon = hostPort.lastIndexOf(':');
      String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      if (host.isEmpty() || host.indexOf(':') >= 0 || host.indexOf('[') >= 0) {
        return null;
      }
      return new Authority(at < 0 ? null : raw.substring(0, at), asciiHost(host), colon < 0 ? "" : hostPort.substring(colon + 1));
    }

    /** Whether the port is not written, or digits whose number fits an {@code int}, as {@link URI} reads a port. */
    public boolean portIsNumber() {
      return port.length() <= 10 && port.chars().allMatch(c -> c >= '0' && c <= '9') && Long.parseLong("0" + port) <= Integer.MAX_VALUE;
    }

    /** The port's number, -1 when none is written; for an authority whose {@link #portIsNumber}. */
    public int portNumber() {
      return port.isEmpty() ? -1 : Integer.parseInt(port);
    }

    /** Whether the port is one a request can be sent to (1 to 65535), or not written. */
    public boolean portIsTcp() {
      return portIsNumber() && portNumber() != 0 && portNumber() <= 65535;
    }
  }

  /** A non-ASCII host name in its ASCII (punycode) form; {@code host} itself when IDNA cannot write it. */
  public static String asciiHost(String host) {
    try {
      return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      return host;
    }
  }

  /** Where the authority of {@code link} starts (after "scheme://"), or 0 when it has none. */
  private static int authorityStart(String link) {
    int i = 0;
    while (i < link.length() && (Character.isLetterOrDigit(link.charAt(i)) && link.charAt(i) < 0x80 || "+.-".indexOf(link.charAt(i)) >= 0)) {
      i++;
    }
    return i > 0 && Character.isLetter(link.charAt(0)) && link.startsWith("://", i) ? i + 3 : 0;
  }

  /** ASCII a URI never holds as itself. */
  private static final String UNSAFE = "\"<>\\^`{|}";

  /**
   * Appends {@code part} with what a URI cannot hold percent-encoded: {@code pastHost} adds
   * brackets; {@code fragment} says whether a {@code #} was written already (and is updated).
   */
  private static void encodeInto(StringBuilder out, String part, boolean pastHost, boolean[] fragment) {
    for (int i = 0; i < part.length(); ) {
      int cp = part.codePointAt(i);
      boolean keep = cp > 0x20 && cp < 0x7F && UNSAFE.indexOf(cp) < 0
          && !(pastHost && (cp == '[' || cp == ']'))
          && !(cp == '%' && !escapeAt(part, i))
          && !(cp == '#' && fragment[0]);
      if (cp == '#' && keep) {
        fragment[0] = true;
      }
      if (keep) {
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

  /** Whether {@code s} at {@code i} holds a {@code %} and two hex digits. */
  private static boolean escapeAt(String s, int i) {
    return i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0
        && s.charAt(i + 1) < 0x80 && s.charAt(i + 2) < 0x80;
  }

  /** True when {@code link} needs no encoding: the common case, checked without copying. */
  private static boolean isUri(String link) {
    int hostStart = authorityStart(link);
    int hostEnd = hostStart;
    while (hostStart > 0 && hostEnd < link.length() && "/?#".indexOf(link.charAt(hostEnd)) < 0) {
      hostEnd++;
    }
    boolean fragment = false;
    for (int i = 0; i < link.length(); i++) {
      char c = link.charAt(i);
      if (c <= 0x20 || c >= 0x7F || UNSAFE.indexOf(c) >= 0 || (c == '[' || c == ']') && i >= hostEnd
          || c == '%' && !escapeAt(link, i) || c == '#' && fragment) {
        return false;
      }
      fragment |= c == '#';
    }
    return true;
  }
}
