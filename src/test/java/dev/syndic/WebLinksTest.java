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
  }

  @Test
  void onlyHttpAndHttpsAreWebAddresses() {
    assertTrue(WebLinks.isWeb(" HTTPS://a.example/"));
    assertTrue(WebLinks.isWeb("http://a.example/"));
    assertFalse(WebLinks.isWeb("javascript:alert(1)"));
    assertFalse(WebLinks.isWeb("/relative"));
    assertFalse(WebLinks.isWeb(null));
    assertEquals("rel", WebLinks.resolve(null, "rel"), "no base: as sent");
  }
}
