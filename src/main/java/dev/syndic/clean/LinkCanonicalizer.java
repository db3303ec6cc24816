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
 * not parse (a port that is not digits among them) are returned trimmed. A host {@link URI}
 * does not take as a server name (a non-ASCII one as in {@code 例子.中国}, one with an underscore)
 * is read as {@link WebLinks.Authority} reads it; a non-ASCII one is written in its ASCII
 * (punycode) form, as {@code WebLinks.asUri} writes it for sources and outbound links, so one
 * story linked either way has one canonical link.
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
      WebLinks.Authority authority = WebLinks.Authority.of(uri);
      // Where URI read no server, a port of more than five digits has always left the link as it
      // was (identity keys are made of this form).
      if (uri.getScheme() == null || authority == null || !authority.portIsNumber() || uri.getHost() == null && authority.port().length() > 5) {
        return trimmed;
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = authority.portNumber();
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

  /** A fragment that routes a single-page site to a page, with its {@code #}; else empty. */
  private static String route(String fragment) {
    return fragment != null && (fragment.startsWith("/") || fragment.startsWith("!/")) && fragment.length() > 2 ? "#" + fragment : "";
  }

  private static boolean isTracking(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.startsWith("utm_") || TRACKING.contains(n);
  }
}
