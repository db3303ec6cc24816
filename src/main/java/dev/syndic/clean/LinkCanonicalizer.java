package dev.syndic.clean;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The canonical form of an entry link: scheme and host lower-cased, default port, fragment and
 * tracking parameters ({@code utm_*}, {@code fbclid}, {@code gclid}, ...) dropped. Links that do
 * not parse are returned trimmed.
 */
public final class LinkCanonicalizer {

  private static final Set<String> TRACKING =
      Set.of("fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_hsenc", "_hsmi", "spm", "from", "share_token");

  private LinkCanonicalizer() {}

  public static String canonical(String link) {
    if (link == null) {
      return null;
    }
    String trimmed = link.strip();
    try {
      URI uri = new URI(trimmed);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return trimmed;
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
        port = -1;
      }
      String query = uri.getRawQuery() == null ? null : Arrays.stream(uri.getRawQuery().split("&"))
          .filter(p -> !p.isEmpty() && !isTracking(p.split("=", 2)[0]))
          .collect(Collectors.joining("&"));
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      return scheme + "://" + (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@")
          + uri.getHost().toLowerCase(Locale.ROOT) + (port == -1 ? "" : ":" + port)
          + path + (query == null || query.isEmpty() ? "" : "?" + query);
    } catch (URISyntaxException e) {
      return trimmed;
    }
  }

  private static boolean isTracking(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.startsWith("utm_") || TRACKING.contains(n);
  }
}
