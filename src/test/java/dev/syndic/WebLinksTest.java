package dev.syndic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebLinksTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "/blog/1.html           | http://h.example/blog/1.html",
      "posts/2.html           | http://h.example/f/posts/2.html",
      "?p=3                   | http://h.example/f/feed.xml?p=3",
      "../../../x.html        | http://h.example/x.html",
      "//cdn.example/y.html   | http://cdn.example/y.html",
      "https://o.example/a    | https://o.example/a"})
  void relativeLinksResolveAsABrowserWould(String link, String absolute) {
    assertEquals(absolute, WebLinks.resolve("http://h.example/f/feed.xml", link));
    assertEquals(absolute, WebLinks.Base.of("http://h.example/f/feed.xml").resolve(link), "the base parsed once reads it alike");
  }

  /**
   * The reader the sanitizer's pass uses reads each link as jsoup's own resolver (which the
   * sanitizer used before) does, base parsed once or not.
   */
  @ParameterizedTest(name = "{0} against {1}")
  @CsvSource(delimiter = '|', value = {
      "/blog/1.html            | http://h.example/f/feed.xml",
      "?p=3                    | http://h.example/f/feed.xml",
      "../../../x.html         | http://h.example/f/",
      "./a/./b/../c.html       | http://h.example/f/",
      "//cdn.example/y.png     | https://h.example/",
      "HTTP://O.example/A      | http://h.example/",
      "/新闻/1.html             | http://h.example/",
      "javascript:alert(1)     | http://h.example/",
      "tel:+861012345          | http://h.example/",
      "data:image/png;base64,x | http://h.example/",
      "mailto:a@b.example      | http://h.example/",
      "relative.html           | ''",
      "http://a.example/x      | ''",
      "relative.html           | not a base",
      "#top                    | http://h.example/p?q=1",
      "https://img.example.com/s/1.jpg?w=640&h=1    | http://h.example/",
      "http://H.Example/a:b@c/%7E(x)!*;$,+~'        | ''",
      "https://h.example/a/./b/../c                 | http://h.example/",
      "http://h.example:80/x                        | http://h.example/",
      "https://user@h.example/x                     | http://h.example/",
      "https://h.example/a#b                        | http://h.example/"})
  void theSanitizersReaderReadsLinksAsJsoupDoes(String link, String base) {
    assertEquals(org.jsoup.internal.StringUtil.resolve(base, link), WebLinks.reader(base).apply(link));
  }

  @Test
  void theSanitizersReaderIgnoresAsciiControlsAsBrowsersDo() {
    var read = WebLinks.reader("http://h.exam\tple/f/");
    assertEquals("http://h.example/f/a.html", read.apply("a\n.ht\rml"));
    assertEquals("javascript:alert(1)", read.apply("java\tscript:alert(1)"), "a scheme split by a tab is still that scheme");
    assertEquals("", WebLinks.reader(null).apply("relative.html"), "no base, relative: nothing to read it against");
  }

  @Test
  void onlyHttpAndHttpsAreWebAddresses() {
    assertTrue(WebLinks.isWeb(" HTTPS://a.example/"));
    assertTrue(WebLinks.isWeb("http://a.example/"));
    assertFalse(WebLinks.isWeb("javascript:alert(1)"));
    assertFalse(WebLinks.isWeb("/relative"));
    assertFalse(WebLinks.isWeb(null));
    assertEquals("rel", WebLinks.resolve(null, "rel"), "no base: as sent");
    assertEquals("rel", WebLinks.Base.of(null).resolve("rel"), "no base: as sent");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiterString = "=>", value = {
      "http://h.example/a b.html?q=x y#f g   => http://h.example/a%20b.html?q=x%20y#f%20g",
      "http://h.example/新闻/1.html           => http://h.example/%E6%96%B0%E9%97%BB/1.html",
      "http://例子.中国:8080/a                 => http://xn--fsqu00a.xn--fiqs8s:8080/a",
      "http://h.example/\\\"<x>|{y}^`         => http://h.example/%5C%22%3Cx%3E%7C%7By%7D%5E%60",
      "http://h.example/😀                     => http://h.example/%F0%9F%98%80",
      "http://h.example/a%20b?x=1&y=2#top      => http://h.example/a%20b?x=1&y=2#top",
      "http://h.example/item[0].link?y=[2]     => http://h.example/item%5B0%5D.link?y=%5B2%5D",
      "http://[2001:db8::1]:8080/a b           => http://[2001:db8::1]:8080/a%20b",
      "http://h.example/100%                   => http://h.example/100%25",
      "http://h.example/100% off?d=%zz&e=%4    => http://h.example/100%25%20off?d=%25zz&e=%254",
      "http://h.example/a b#x#y                => http://h.example/a%20b#x%23y",
      "http://user@例子.中国/a                   => http://user@xn--fsqu00a.xn--fiqs8s/a",
      "/a b?u=http://例子.中国/                  => /a%20b?u=http://%E4%BE%8B%E5%AD%90.%E4%B8%AD%E5%9B%BD/"})
  void linksGoOutInTheCharactersAUriMayHold(String link, String uri) {
    assertEquals(uri, WebLinks.asUri(link));
  }

  @Test
  void aValidUriComesBackAsTheSameString() {
    String link = "https://h.example/p?a=1&b=%E4%B8%AD#x";
    assertTrue(link == WebLinks.asUri(link), "no copy for the common case");
    for (String odd : java.util.List.of("http://h.example/100% off", "http://h.example/a b#x#y", "http://h.example/[x] 新",
        "http://user@例子.中国:81/p?q=[1]#f")) {
      String uri = WebLinks.asUri(odd);
      assertEquals(uri, java.net.URI.create(uri).toASCIIString(), "a URI java.net.URI reads as it is: " + odd);
      assertTrue(uri == WebLinks.asUri(uri), "encoding twice changes nothing: " + uri);
    }
    assertEquals(null, WebLinks.asUri(null));
  }

  /** One reading of an authority, whether URI reads its host or not: user information, host and the port as written. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "https://ed@example.com:8080/a      | ed   | example.com          | 8080  | true  | true",
      "https://example.com/a              | null | example.com          | ''    | true  | true",
      "https://example.com:99999/a        | null | example.com          | 99999 | true  | false",
      "https://example.com:0/a            | null | example.com          | 0     | true  | false",
      "https://ed@例子.中国:81/a           | ed   | xn--fsqu00a.xn--fiqs8s | 81  | true  | true",
      "https://例子.中国:/a                | null | xn--fsqu00a.xn--fiqs8s | ''  | true  | true",
      "https://例子.中国:99999/a           | null | xn--fsqu00a.xn--fiqs8s | 99999 | true | false",
      "https://my_site.example.com:8o8o/a | null | my_site.example.com  | 8o8o  | false | false",
      "https://example.com:2147483648/a   | null | example.com          | 2147483648 | false | false"})
  void anAuthorityIsReadOneWay(String link, String userInfo, String host, String port, boolean number, boolean tcp) {
    WebLinks.Authority a = WebLinks.Authority.of(java.net.URI.create(link));
    assertEquals(new WebLinks.Authority(userInfo, host, port), a);
    assertEquals(number, a.portIsNumber());
    assertEquals(tcp, a.portIsTcp());
  }

  @ParameterizedTest
  @CsvSource({"https:///a", "'http://:80/a'", "mailto:ed@example.com"})
  void noHostIsNoAuthority(String link) {
    assertEquals(null, WebLinks.Authority.of(java.net.URI.create(link)));
  }

  @ParameterizedTest
  @CsvSource({
      "https://reader:Pa55@feeds.example.com/private.xml, https://feeds.example.com/private.xml",
      "http://reader@feeds.example.com:8080/a.xml, http://feeds.example.com:8080/a.xml",
      "'https://a:b%40c@example.com/x?mail=ed@example.com', 'https://example.com/x?mail=ed@example.com'",
      "https://example.com/team@work/feed.xml, https://example.com/team@work/feed.xml",
      "file:samples/ai-zh.xml, file:samples/ai-zh.xml"})
  void anAddressShownWithoutItsCredentials(String address, String shown) {
    assertEquals(shown, WebLinks.withoutCredentials(address));
  }

  /**
   * A site link as a source keeps it, whether a poll or an OPML import wrote it: credentials go
   * even where no base is read (the base's reading drops them already), a host name with an
   * underscore is a host, a port no request can go to and an address past a source's longest
   * are no site.
   */
  @ParameterizedTest(name = "{1} against {0}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "https://f.example/feed.xml | /                             | https://f.example/",
      "https://u:pw@f.example/a   | /                             | https://f.example/",
      "null                       | https://u:pw@s.example/       | https://s.example/",
      "null                       | ' https://s.example/ '        | https://s.example/",
      "https://f.example/feed.xml | https://my_blog.example.com/  | https://my_blog.example.com/",
      "https://f.example/feed.xml | https://s.example:8443/       | https://s.example:8443/",
      "https://f.example/feed.xml | https://s.example:99999/      | null",
      "https://f.example/feed.xml | https://s.example:http/       | null",
      "null                       | https://:443/x                | null",
      "null                       | http:///x                     | null",
      "null                       | /relative                     | null",
      "https://f.example/feed.xml | javascript:alert(1)           | null",
      "https://f.example/feed.xml | null                          | null"})
  void aSiteLinkIsAWebAddressWithAHostAndNoCredentials(String base, String link, String kept) {
    assertEquals(kept, WebLinks.siteLink(base, link));
  }

  @Test
  void aSiteLinkIsAtMostASourcesLongestAddress() {
    String longest = "https://s.example/" + "a".repeat(WebLinks.MAX_ADDRESS - 18);
    assertEquals(longest, WebLinks.siteLink(null, longest));
    assertEquals(null, WebLinks.siteLink(null, longest + "a"));
    assertEquals(longest, WebLinks.siteLink(null, "https://u:pw@s.example/" + "a".repeat(WebLinks.MAX_ADDRESS - 18)),
        "the address kept is the one measured");
  }
}
