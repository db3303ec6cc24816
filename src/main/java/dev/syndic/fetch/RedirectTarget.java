package dev.syndic.fetch;

import dev.syndic.WebLinks;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where a redirect leads: its Location read against the address that answered as RFC 3986 (5.2)
 * reads a reference, as browsers do. {@link URI#resolve} reads RFC 2396, which differs twice for
 * Locations servers send: a bare query ({@code ?format=rss}) went on the folder
 * ({@code /feed/?format=rss}, mostly the site's home page) instead of the request's own path, and
 * dot segments that climb above the root stayed ({@code /../feed.xml}, which servers refuse).
 */
final class RedirectTarget {

  /** Dot segments at the start of a resolved path, which RFC 3986 removes and RFC 2396 keeps. */
  private static final Pattern ABOVE_ROOT = Pattern.compile("^/(?:\\.\\.?(?:/|$))+");

  private RedirectTarget() {}

  /**
   * The address {@code location} leads to from {@code from}; non-URI characters in it (spaces,
   * Chinese) percent-encoded first, as browsers send them.
   *
   * @throws IllegalArgumentException when the Location is no URI reference even so
   */
  static URI of(URI from, String location) {
    URI reference = URI.create(WebLinks.asUri(location.trim()));
    URI target;
    if (reference.getScheme() == null && reference.getRawAuthority() == null
        && (reference.getRawPath() == null || reference.getRawPath().isEmpty())) {
      // A query alone (or a fragment, or nothing): the request's own path (RFC 3986 5.2.2).
      String query = reference.getRawQuery() != null ? reference.getRawQuery() : from.getRawQuery();
      target = URI.create(from.getScheme() + "://" + from.getRawAuthority() + from.getRawPath() + (query == null ? "" : "?" + query));
    } else {
      target = from.resolve(reference);
    }
    String path = target.getRawPath();
    if (target.isOpaque() || target.getRawAuthority() == null || path == null || !ABOVE_ROOT.matcher(path).find()) {
      return target;
    }
    return URI.create(target.getScheme() + "://" + target.getRawAuthority() + ABOVE_ROOT.matcher(path).replaceFirst("/")
        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
  }
}
