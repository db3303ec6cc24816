package dev.syndic.parse;

import dev.syndic.WebLinks;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Feed autodiscovery: the feed an HTML page announces with {@code <link rel="alternate"
 * type="application/rss+xml">} (or Atom), so a source can be added by the URL of a site's page.
 */
public final class FeedLinks {

  private FeedLinks() {}

  /**
   * The first RSS or Atom feed the page links to, absolute; empty when it announces none. Not a
   * JSON Feed: {@link FeedParser} reads XML only, and a page announcing its JSON Feed before its
   * RSS one got a source that could never be read.
   */
  public static Optional<URI> find(byte[] html, URI page) {
    Document doc = Jsoup.parse(CharsetSniffer.decode(html, null).text(), page.toString());
    for (Element link : doc.select("link[rel~=(?i)alternate][href]")) {
      String type = link.attr("type").toLowerCase(Locale.ROOT);
      if (type.contains("rss") || type.contains("atom")) {
        try {
          // In URI form, as redirects are followed: a Chinese path or host, a space, as browsers send them.
          URI feed = URI.create(WebLinks.asUri(link.absUrl("href")));
          if (feed.getScheme() != null && feed.getScheme().startsWith("http")) {
            return Optional.of(feed);
          }
        } catch (IllegalArgumentException e) {
          // a malformed href: try the next link
        }
      }
    }
    return Optional.empty();
  }
}
