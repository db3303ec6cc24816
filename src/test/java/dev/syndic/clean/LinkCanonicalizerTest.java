package dev.syndic.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkCanonicalizerTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // tracking parameters dropped, others kept in their order
        "https://example.com/a?utm_source=rss&utm_medium=feed           | https://example.com/a",
        "https://example.com/a?id=3&utm_campaign=x&page=2              | https://example.com/a?id=3&page=2",
        "https://example.com/a?z=1&utm_content=y&a=2&m=3              | https://example.com/a?z=1&a=2&m=3",
        "https://example.com/a?fbclid=IwAR0abc                         | https://example.com/a",
        "https://example.com/a?UTM_Source=rss&FBCLID=x&id=7            | https://example.com/a?id=7",
        "https://example.com/a?gclid=1&id=7                            | https://example.com/a?id=7",
        "https://example.com/a?id=7&ref=utm_source                     | https://example.com/a?id=7&ref=utm_source",
        "https://example.com/a?utmost=1                                | https://example.com/a?utmost=1",
        "https://example.com/a?id=1&&utm_term=&x                       | https://example.com/a?id=1&x",
        "https://example.com/a?q=%E4%B8%AD%E6%96%87&utm_source=x      | https://example.com/a?q=%E4%B8%AD%E6%96%87",
        // fragment dropped
        "https://example.com/a#comments                                | https://example.com/a",
        "https://example.com/a?id=1&utm_source=x#top                   | https://example.com/a?id=1",
        // a route of a single-page site names the page: kept
        "https://m.example.com/#/news/123                              | https://m.example.com/#/news/123",
        "https://m.example.com/?utm_source=rss#!/news/456              | https://m.example.com/#!/news/456",
        "https://m.example.com/#/                                      | https://m.example.com/",
        // scheme and host lower-cased, path case kept
        "HTTPS://News.Example.COM/Story/ABC                            | https://news.example.com/Story/ABC",
        // default ports dropped, others kept
        "http://example.com:80/a                                       | http://example.com/a",
        "https://example.com:443/a                                     | https://example.com/a",
        "https://example.com:8443/a                                    | https://example.com:8443/a",
        "http://example.com:443/a                                      | http://example.com:443/a",
        // empty path is the root
        "https://example.com                                           | https://example.com/",
        "https://example.com?id=1                                      | https://example.com/?id=1",
        // surrounding whitespace
        "'  https://example.com/a?utm_source=x  '                      | https://example.com/a",
        // hosts java.net.URI reads no server name from: IDN, underscores (kept as written, lower-cased)
        "https://例子.中国/a?utm_source=x                              | https://xn--fsqu00a.xn--fiqs8s/a",
        "https://例子.中国:443/a?id=1&utm_medium=rss#top               | https://xn--fsqu00a.xn--fiqs8s/a?id=1",
        "http://新闻.例子.中国:8080                                    | http://xn--efvy88h.xn--fsqu00a.xn--fiqs8s:8080/",
        "https://xn--fsqu00a.xn--fiqs8s/a?utm_source=x                 | https://xn--fsqu00a.xn--fiqs8s/a",
        "https://my_site.example.com/a?utm_source=x                    | https://my_site.example.com/a",
        "HTTPS://Ed@My_Site.Example.com:/A?fbclid=1                    | https://Ed@my_site.example.com/A",
        // a port URI reads with the host is kept as it reads it; where it reads none, five digits at most
        "https://example.com:123456/a                                  | https://example.com:123456/a",
        "http://例子.中国:0080/a                                       | http://xn--fsqu00a.xn--fiqs8s/a",
        "https://例子.中国:99999/a                                     | https://xn--fsqu00a.xn--fiqs8s:99999/a",
      })
  void canonicalizes(String link, String expected) {
    assertEquals(expected, LinkCanonicalizer.canonical(link));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "'  http://exa mple.com/a b  '   | http://exa mple.com/a b",
        "'not a link'                    | not a link",
        "' /relative/path?utm_source=x ' | /relative/path?utm_source=x",
        "mailto:editor@example.com       | mailto:editor@example.com",
        "'http://[broken/a '             | http://[broken/a",
        "'https://例子.中国:port/a '      | https://例子.中国:port/a",
        "'https://例子.中国:123456/a'     | https://例子.中国:123456/a",
        "'https://example.com:8o8o/a'    | https://example.com:8o8o/a",
      })
  void unparsableOrHostlessLinkIsReturnedTrimmed(String link, String expected) {
    assertEquals(expected, LinkCanonicalizer.canonical(link));
  }

  @Test
  void nullStaysNull() {
    assertNull(LinkCanonicalizer.canonical(null));
  }

  @Test
  void isIdempotent() {
    String once = LinkCanonicalizer.canonical("HTTP://Example.com:80/p?b=2&utm_source=x&a=1#f");

    assertEquals("http://example.com/p?b=2&a=1", once);
    assertEquals(once, LinkCanonicalizer.canonical(once));
  }

  /** Outbound links lose their tracking parameters and nothing else: host case, fragment and order stay. */
  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://News.Example.com/a?id=3&utm_source=rss&page=2#part   | https://News.Example.com/a?id=3&page=2#part",
        "https://example.com/a?utm_source=rss&fbclid=x                | https://example.com/a",
        "https://example.com/a?utm_source=rss#top                     | https://example.com/a#top",
        "https://example.com/a?id=7                                   | https://example.com/a?id=7",
        "https://example.com/list?from=20&spm=a2c.1                   | https://example.com/list?from=20",
        "https://example.com/p?share_token=abc&gclid=x                | https://example.com/p?share_token=abc",
        "https://example.com/a#/news?utm_source=x                     | https://example.com/a#/news?utm_source=x",
        "https://example.com/a                                        | https://example.com/a",
        "mailto:a@example.com?subject=hi&utm_source=x                 | mailto:a@example.com?subject=hi",
      })
  void withoutTrackingKeepsTheRestOfTheLink(String link, String expected) {
    assertEquals(expected, LinkCanonicalizer.withoutTracking(link));
  }
}
