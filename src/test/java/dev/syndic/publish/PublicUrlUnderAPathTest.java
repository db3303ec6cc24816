package dev.syndic.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * A service published under a path ({@code syndic.site.base-url} with one, behind a proxy): every
 * address it gives readers and people is under that path, or the links lead to the host's root,
 * where nothing of it is.
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.site.base-url", value = "https://portal.example.test/news/")
class PublicUrlUnderAPathTest {

  static final String BASE = "https://portal.example.test/news";

  @Inject
  @Client("/")
  HttpClient http;

  @Test
  void theHomePageLinksEveryFeedUnderThePath() {
    Document page = Jsoup.parse(http.toBlocking().retrieve("/"));
    List<String> links = page.select("a[href], link[href]").eachAttr("href");
    assertFalse(links.isEmpty());
    assertTrue(links.contains(BASE + "/feeds/ai.rss"), () -> "ai.rss under the path: " + links);
    assertTrue(links.contains(BASE + "/feeds/all.json"), () -> "all.json under the path: " + links);
    assertTrue(links.contains(BASE + "/feeds.opml"), () -> "the OPML under the path: " + links);
    for (Element a : page.select("a[href*=feeds]")) {
      assertTrue(a.attr("href").startsWith(BASE + "/feeds"), () -> "subscribe link " + a.outerHtml());
    }
  }

  @Test
  void feedsAndTheOpmlNameThemselvesUnderThePath() {
    Document rss = Jsoup.parse(http.toBlocking().retrieve("/feeds/ai.rss?limit=5"), "", Parser.xmlParser());
    assertEquals(BASE + "/feeds/ai.rss?limit=5", rss.selectFirst("channel > atom|link[rel=self]").attr("href"));
    Document opml = Jsoup.parse(http.toBlocking().retrieve("/feeds.opml"), "", Parser.xmlParser());
    assertTrue(opml.select("outline").eachAttr("xmlUrl").contains(BASE + "/feeds/all.rss"));
  }
}
