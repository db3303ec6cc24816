package dev.syndic.clean;

import dev.syndic.WebLinks;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The canonical form of an entry link: scheme and host lower-cased, default port, fragment and
 * tracking parameters ({@code utm_*}, {@code fbclid}, {@code gclid}, ...) dropped. A fragment
 * that is a route ({@code #/news/123}, {@code #!/news/123}: single-page sites, common among
 * Chinese mobile sites) names the page and stays. Links that do
 * not parse are returned trimmed. A host {@link URI} does not take as a server name (a
 * non-ASCII one as in {@code 例子.中国}, one with an underscore) is read from the authority; a
 * non-ASCII one is written in its ASCII (punycode) form, as {@code WebLinks.asUri} writes it for
 * sources and outbound links, so one story linked either way has one canonical link.
 */
public final class LinkCanonicalizer {

  private static final Set<String> TRACKING =
      Set.of("fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_hsenc", "_hsmi", "spm", "from", "share_token");

  /**
   * Parameters that name no other story (so identity ignores them) but can matter to the page a
   * reader lands on: {@code from=20} is a list's offset or a search's date, a share token opens a
   * paywalled page. Outbound links keep them.
   */
  private static final Set<String> IDENTITY_ONLY = Set.of("from", "share_token");

  private LinkCanonicalizer() {}

  public static String canonical(String link) {
    if (link == null) {
      return null;
    }
    String trimmed = link.strip();
    try {
      URI uri = new URI(trimmed);
      Authority authority = Authority.of(uri);
      if (uri.getScheme() == null || authority == null) {
        return trimmed;
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = authority.port();
      if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
        port = -1;
      }
      String query = uri.getRawQuery() == null ? null : Arrays.stream(uri.getRawQuery().split("&"))
          .filter(p -> !p.isEmpty() && !isTracking(p.split("=", 2)[0]))
          .collect(Collectors.joining("&"));
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      return scheme + "://" + (authority.userInfo() == null ? "" : authority.userInfo() + "@")
          + authority.host().toLowerCase(Locale.ROOT) + (port == -1 ? "" : ":" + port)
          + path + (query == null || query.isEmpty() ? "" : "?" + query) + route(uri.getRawFragment());
    } catch (URISyntaxException e) {
      return trimmed;
    }
  }

  /**
   * {@code link} as it was, without its tracking parameters: the link that goes out to readers,
   * where the rest of the canonical form (no fragment, a lower-cased host) would change the page or
   * the place on it. Parameters in a fragment ({@code #/news?utm_source=x}, a single-page site's
   * route) are the site's own and stay; null stays null.
   */
  public static String withoutTracking(String link) {
    if (link == null) {
      return null;
    }
    int query = link.indexOf('?');
    int fragment = link.indexOf('#');
    if (query < 0 || (fragment >= 0 && fragment < query)) {
      return link;
    }
    int end = fragment < 0 ? link.length() : fragment;
    String raw = link.substring(query + 1, end);
    String kept = Arrays.stream(raw.split("&"))
        .filter(p -> {
          String name = p.split("=", 2)[0];
          return !p.isEmpty() && (!isTracking(name) || IDENTITY_ONLY.contains(name.toLowerCase(Locale.ROOT)));
        })
        .collect(Collectors.joining("&"));
    if (kept.equals(raw)) {
      return link;
    }
    return link.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept) + link.substring(end);
  }

  /** User info (raw, or null), host and port (or -1) of a link. */
  private record Authority(String userInfo, String host, int port) {

    /**
     * The authority of {@code uri}, or null when it has none or none with a host. URI leaves the
     * host null when the authority is not a server name by RFC 2396 (IDN hosts, underscores, which
     * browsers and publishers use all the same): then it is split here, the port being the digits
     * (if any) after the last colon.
     */
    static Authority of(URI uri) {
      if (uri.getHost() != null) {
        return new Authority(uri.getRawUserInfo(), uri.getHost(), uri.getPort());
      }
      String raw = uri.getRawAuthority();
      if (raw == null) {
        return null;
      }
      int at = raw.lastIndexOf('@');
      String hostPort = raw.substring(at + 1);
      int colon = hostPort.lastIndexOf(':');
      String digits = colon < 0 ? "" : hostPort.substring(colon + 1);
      if (digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      if (host.isEmpty() || host.indexOf(':') >= 0 || host.indexOf('[') >= 0) {
        return null;
      }
      return new Authority(at < 0 ? null : raw.substring(0, at), WebLinks.asciiHost(host), digits.isEmpty() ? -1 : Integer.parseInt(digits));
    }
  }

  /** A fragment that routes a single-page site to a page, with its {@code #}; else empty. */
  private static String route(String fragment) {
    return fragment != null && (fragment.startsWith("/") || fragment.startsWith("!/")) && fragment.length() > 2 ? "#" + fragment : "";
  }

  private static boolean isTracking(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.startsWith("utm_") || TRACKING.contains(n);
  }
}
