package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Api;
import dev.syndic.support.Await;
import dev.syndic.support.FeedServer;
import dev.syndic.support.Fixtures;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The admin API: authentication, validation with problem+json, sources and entries. */
@MicronautTest(transactional = false)
class AdminApiTest {

  @Inject
  @Client("/")
  HttpClient http;

  static Stream<Arguments> adminRoutes() {
    return Stream.of(
        Arguments.of(HttpRequest.GET("/api/v1/sources")),
        Arguments.of(HttpRequest.POST("/api/v1/sources", Map.of("url", "https://example.com/feed"))),
        Arguments.of(HttpRequest.GET("/api/v1/sources/1")),
        Arguments.of(HttpRequest.PATCH("/api/v1/sources/1", Map.of("title", "x"))),
        Arguments.of(HttpRequest.DELETE("/api/v1/sources/1")),
        Arguments.of(HttpRequest.DELETE("/api/v1/sources?status=error&dryRun=true")),
        Arguments.of(HttpRequest.DELETE("/api/v1/sources?q=example&expect=1")),
        Arguments.of(HttpRequest.POST("/api/v1/sources/1/poll?wait=true", "")),
        Arguments.of(HttpRequest.GET("/api/v1/sources/1/fetches")),
        Arguments.of(HttpRequest.GET("/api/v1/entries")),
        Arguments.of(HttpRequest.GET("/api/v1/entries/1")));
  }

  @ParameterizedTest
  @MethodSource("adminRoutes")
  void everyAdminRouteAnswers401WithoutAValidToken(MutableHttpRequest<?> request) {
    for (String auth : new String[] {null, "Bearer wrong-token", "Basic dGVzdDp0ZXN0", "Bearer "}) {
      MutableHttpRequest<?> r = auth == null ? request : request.header("Authorization", auth);
      HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
          () -> http.toBlocking().exchange(r, String.class));
      assertEquals(401, e.getStatus().getCode(), () -> request.getPath() + " with " + auth);
      assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
      assertTrue(e.getResponse().getHeaders().get("WWW-Authenticate").startsWith("Bearer"));
    }
  }

  /**
   * The 401 says what to change: Basic credentials or an empty bearer token were answered "the
   * bearer token is not a valid admin token", as a wrong token is, though no token was sent.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Basic dGVzdDp0ZXN0 | not a bearer token: send 'Authorization: Bearer <token>'",
      "'Bearer ' | no token after 'Bearer': send 'Authorization: Bearer <token>'",
      "Bearer wrong-token | the bearer token is not a valid admin token"})
  void the401SaysWhatTheAuthorizationLacked(String auth, String detail) {
    HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
        () -> http.toBlocking().exchange(HttpRequest.GET("/api/v1/sources").header("Authorization", auth), String.class));
    assertEquals(401, e.getStatus().getCode());
    String body = e.getResponse().getBody(String.class).orElse("");
    assertTrue(body.contains(detail), () -> auth + ": " + body);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"url\":\"ftp://example.com/feed\"} | url: must start with http:// or https://",
      "{\"url\":\"file:/etc/hosts\"} | file sources must lie under",
      "{\"url\":\"file:../../etc/hosts\"} | file sources must lie under",
      "{\"url\":\"\"} | url: required",
      "{} | url: required",
      "{\"url\":\"https:///nohost\"} | has no host",
      "{\"url\":\"https://my_site.example.com/rss\"} | 'my_site.example.com' is not a host name an HTTP client can reach",
      "{\"url\":\"http://999.1.1.1/\"} | url: the host 999.1.1.1 is not a valid IPv4 address (four numbers from 0 to 255, such as 192.0.2.1)",
      "{\"url\":\"http://reader:pw@1.2.3.4.5:8080/feed\"} | url: the host 1.2.3.4.5 is not a valid IPv4 address",
      "{\"url\":\"https://256.0.0.1/rss\"} | url: the host 256.0.0.1 is not a valid IPv4 address",
      "{\"url\":\"http://4294967296/feed.xml\"} | url: the host 4294967296 is not a valid IPv4 address",
      "{\"url\":\"https://example.com:99999/rss\"} | url: port 99999 is not a TCP port (1 to 65535)",
      "{\"url\":\"http://example.com:0/rss\"} | url: port 0 is not a TCP port (1 to 65535)",
      "{\"url\":\"https://例子.中国:99999/rss\"} | url: port 99999 is not a TCP port (1 to 65535)",
      "{\"url\":\"https://example.com:8o8o/rss\"} | url: port 8o8o is not a TCP port (1 to 65535)",
      "{\"url\":\"https://例子.中国:rss/feed\"} | url: port rss is not a TCP port (1 to 65535)",
      "{\"url\":\"https://my_site.example.com:2147483648/rss\"} | url: port 2147483648 is not a TCP port (1 to 65535)",
      "{\"url\":\"https://example.com/f\",\"category\":\"no-such\"} | no category 'no-such'",
      "{\"url\":\"https://example.com/f\",\"pollIntervalSeconds\":5} | pollIntervalSeconds: must be between",
      "{\"url\":\"https://example.com/f\",\"status\":\"sleeping\"} | status: must be 'active' or 'paused', was 'sleeping'",
      "{\"url\": | Invalid JSON"})
  void invalidSourcesGet400WithAProblemSayingWhatIsWrong(String json, String detail) {
    HttpResponse<Map<String, Object>> r = new Api(http.toBlocking()).call(HttpRequest.POST("/api/v1/sources", json).contentType("application/json"));
    assertEquals(400, r.code());
    assertEquals("application/problem+json", r.getContentType().orElseThrow().toString());
    Map<?, ?> problem = r.getBody(Map.class).orElseThrow();
    assertEquals(400, ((Number) problem.get("status")).intValue());
    assertTrue(String.valueOf(problem.get("detail")).contains(detail), () -> "detail: " + problem.get("detail"));
  }

  /** A Chinese host name or path is a valid address: kept in the form the HTTP client can request. */
  @Test
  void aSourceOnAChineseHostNameIsAddedInItsUriForm() {
    Api api = new Api(http.toBlocking());
    HttpResponse<Map<String, Object>> created = api.call(HttpRequest.POST("/api/v1/sources", Map.of("url", "https://新闻.例子.中国/频道/rss.xml")));
    assertEquals(201, created.code(), () -> "answered " + created.code() + ": " + created.getBody(Map.class).orElse(null));
    String ascii = "https://" + java.net.IDN.toASCII("新闻.例子.中国") + "/%E9%A2%91%E9%81%93/rss.xml";
    assertEquals(ascii, created.body().get("url"));
    assertEquals(409, api.call(HttpRequest.POST("/api/v1/sources", Map.of("url", ascii))).code(), "the same address written either way is one source");
  }

  /**
   * An address with characters a URI must percent-encode (a space, quotes, braces, a caret: a search
   * feed's query as typed) is added in its URI form, as a Chinese path is and as the poller requests
   * it; it was a 400 "not a valid URL (Illegal character in query...)", and one such outline made a
   * whole OPML import fail.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://news.example.org/rss/search?q=\"ai safety\"&hl=en  | https://news.example.org/rss/search?q=%22ai%20safety%22&hl=en",
      "https://cms.example.org/index.php?format=feed&tag={ai}      | https://cms.example.org/index.php?format=feed&tag=%7Bai%7D",
      "https://hub.example.org/tag/c^2/rss                         | https://hub.example.org/tag/c%5E2/rss"})
  void anAddressWithCharactersAUriEncodesIsAddedInItsUriForm(String typed, String stored) {
    Api api = new Api(http.toBlocking());
    HttpResponse<Map<String, Object>> created = api.call(HttpRequest.POST("/api/v1/sources", Map.of("url", typed)));
    assertEquals(201, created.code(), () -> "answered " + created.code() + ": " + created.getBody(Map.class).orElse(null));
    assertEquals(stored, created.body().get("url"));
    assertEquals(409, api.call(HttpRequest.POST("/api/v1/sources", Map.of("url", stored))).code(), "the same address written either way");
    api.call(HttpRequest.DELETE("/api/v1/sources/" + created.body().get("id")));

    String opml = "<opml version=\"2.0\"><body><outline text=\"Search\" xmlUrl=\"" + typed.replace("&", "&amp;").replace("\"", "&quot;")
        + "\"/></body></opml>";
    Map<String, Object> imported = api.body(HttpRequest.POST("/api/v1/sources/import", opml).contentType("text/x-opml"));
    Object id = ((List<?>) imported.get("sourceIds")).get(0);
    assertEquals(stored, api.body(HttpRequest.GET("/api/v1/sources/" + id)).get("url"));
    api.call(HttpRequest.DELETE("/api/v1/sources/" + id));
  }

  /** An address written another way (scheme or host in capitals, the default port, a fragment) is the same feed: one source. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://feeds.example.org/Case.xml     | HTTPS://FEEDS.EXAMPLE.ORG/Case.xml",
      "https://feeds.example.org/Case.xml     | https://Feeds.Example.org:443/Case.xml",
      "https://feeds.example.org/Case.xml     | https://feeds.example.org/Case.xml#latest",
      "http://feeds.example.org:8080/a?b=C    | HTTP://feeds.EXAMPLE.org:8080/a?b=C",
      "http://feeds.example.org/              | http://FEEDS.example.org:80"})
  void anAddressWrittenAnotherWayIsTheSameSource(String stored, String other) {
    Api api = new Api(http.toBlocking());
    HttpResponse<Map<String, Object>> created = api.call(HttpRequest.POST("/api/v1/sources", Map.of("url", other)));
    assertEquals(201, created.code(), () -> "answered " + created.getBody(Map.class).orElse(null));
    assertEquals(stored, created.body().get("url"));
    HttpResponse<Map<String, Object>> again = api.call(HttpRequest.POST("/api/v1/sources", Map.of("url", stored)));
    assertEquals(409, again.code(), () -> stored + " after " + other + " answered " + again.getBody(Map.class).orElse(null));
    api.call(HttpRequest.DELETE("/api/v1/sources/" + created.body().get("id")));
  }

  @Test
  void sourceLifecycle() {
    Api api = new Api(http.toBlocking());
    HttpResponse<Map<String, Object>> created = api.call(HttpRequest.POST("/api/v1/sources", Map.of("url", "https://feeds.example.org/lifecycle.xml", "category", "ai")));
    assertEquals(201, created.code());
    Map<String, Object> source = created.body();
    for (String key : List.of("id", "url", "title", "enabled", "status", "nextPollAt", "lastError")) {
      assertTrue(source.containsKey(key), () -> "source has " + key + ": " + source);
    }
    long id = ((Number) source.get("id")).longValue();
    assertEquals("/api/v1/sources/" + id, created.header("Location"));

    HttpResponse<Map<String, Object>> duplicate = api.call(HttpRequest.POST("/api/v1/sources", Map.of("url", "https://feeds.example.org/lifecycle.xml")));
    assertEquals(409, duplicate.code());

    Map<String, Object> paused = api.body(HttpRequest.PATCH("/api/v1/sources/" + id, Map.of("status", "paused", "pollIntervalSeconds", 600)));
    assertEquals("paused", paused.get("status"));
    assertEquals(600, ((Number) paused.get("pollIntervalSeconds")).intValue());
    assertEquals(400, api.call(HttpRequest.PATCH("/api/v1/sources/" + id, Map.of("status", "sleeping"))).code());

    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/sources/" + id)).code());
    HttpResponse<Map<String, Object>> gone = api.call(HttpRequest.GET("/api/v1/sources/" + id));
    assertEquals(404, gone.code());
    assertEquals("application/problem+json", gone.getContentType().orElseThrow().toString());
    assertEquals(404, api.call(HttpRequest.POST("/api/v1/sources/" + id + "/poll?wait=true", "")).code());
  }

  /** A create takes the status a patch takes: one created paused is not polled until resumed (it was created active, its status dropped). */
  @Test
  void aSourceCreatedPausedStaysPaused() {
    Api api = new Api(http.toBlocking());
    HttpResponse<Map<String, Object>> created = api.call(HttpRequest.POST("/api/v1/sources",
        Map.of("url", "https://feeds.example.org/created-paused.xml", "status", "paused")));
    assertEquals(201, created.code(), () -> "answered " + created.getBody(Map.class).orElse(null));
    assertEquals("paused", created.body().get("status"));
    long id = ((Number) created.body().get("id")).longValue();
    assertEquals("paused", api.body(HttpRequest.GET("/api/v1/sources/" + id)).get("status"), "stored paused");
    assertEquals("paused by an admin", api.body(HttpRequest.GET("/api/v1/sources/" + id)).get("statusReason"));
    api.call(HttpRequest.DELETE("/api/v1/sources/" + id));
  }

  @Test
  void aPausedSourceStaysPausedWhenPolledByHandOrPausedWhileItsPollRuns() throws Exception {
    Api api = new Api(http.toBlocking());
    CountDownLatch answer = new CountDownLatch(1);
    try (FeedServer server = FeedServer.start()) {
      server.serve("/paused.xml", Fixtures.rss(new String[] {"pz-1", "Paused story", "<p>Body</p>"}));
      server.handle("/slow-paused.xml", exchange -> {
        try {
          answer.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        FeedServer.reply(exchange, 200, Fixtures.rss(new String[] {"ps-1", "Slow story", "<p>Body</p>"}));
      });

      long byHand = api.addSource(server.url("/paused.xml"));
      api.body(HttpRequest.PATCH("/api/v1/sources/" + byHand, Map.of("status", "paused")));
      assertEquals("ok", api.poll(byHand).get("outcome"));
      Map<String, Object> afterPoll = api.body(HttpRequest.GET("/api/v1/sources/" + byHand));
      assertEquals("paused", afterPoll.get("status"), "a poll by hand looks; only a PATCH resumes");
      assertEquals("paused by an admin", afterPoll.get("statusReason"));

      long slow = api.addSource(server.url("/slow-paused.xml"));
      assertEquals(202, api.call(HttpRequest.POST("/api/v1/sources/" + slow + "/poll", "")).code());
      Await.until("the poll has asked", Duration.ofSeconds(10), () -> server.hits("/slow-paused.xml") == 1);
      api.body(HttpRequest.PATCH("/api/v1/sources/" + slow, Map.of("status", "paused")));
      answer.countDown();
      Await.until("the poll has ended", Duration.ofSeconds(10), () -> api.body(HttpRequest.GET("/api/v1/sources/" + slow)).get("lastPolledAt") != null);
      Map<String, Object> after = api.body(HttpRequest.GET("/api/v1/sources/" + slow));
      assertEquals("paused", after.get("status"), "the admin's pause outlives the poll that was running");
      assertEquals(1, api.entries("source=" + slow).size(), "the poll's entries are kept");

      api.body(HttpRequest.PATCH("/api/v1/sources/" + slow, Map.of("status", "active")));
      assertEquals("active", api.body(HttpRequest.GET("/api/v1/sources/" + slow)).get("status"));
    }
  }

  @Test
  void aPermanentRedirectUpdatesTheStoredAddressAndATemporaryOneDoesNot() {
    Api api = new Api(http.toBlocking());
    try (FeedServer server = FeedServer.start()) {
      server.serve("/moved-here.xml", Fixtures.rss(new String[] {"mv-1", "Moved story", "<p>Body</p>"}));
      server.redirect("/moved-away.xml", 301, server.url("/moved-here.xml"));
      server.redirect("/away-for-now.xml", 302, server.url("/moved-here.xml"));

      long moved = api.addSource(server.url("/moved-away.xml"));
      assertEquals("ok", api.poll(moved).get("outcome"));
      assertEquals(server.url("/moved-here.xml"), api.body(HttpRequest.GET("/api/v1/sources/" + moved)).get("url"));

      long visiting = api.addSource(server.url("/away-for-now.xml"));
      assertEquals("ok", api.poll(visiting).get("outcome"));
      assertEquals(server.url("/away-for-now.xml"), api.body(HttpRequest.GET("/api/v1/sources/" + visiting)).get("url"));
    }
  }

  /**
   * The common move, http to https with the same feed: the new address answers 304 to the old
   * validators, and the source takes the new address all the same (it went through the redirect
   * on every poll).
   */
  @Test
  void aPermanentRedirectToAnUnchangedFeedUpdatesTheStoredAddress() {
    Api api = new Api(http.toBlocking());
    try (FeedServer server = FeedServer.start()) {
      byte[] feed = Fixtures.rss(new String[] {"mu-1", "Moved unchanged", "<p>Body</p>"});
      server.serve("/moving-unchanged.xml", 200, feed, "Content-Type", "application/rss+xml", "ETag", "\"mu-v1\"");
      server.serve("/moved-unchanged.xml", 200, feed, "Content-Type", "application/rss+xml", "ETag", "\"mu-v1\"");
      long id = api.addSource(server.url("/moving-unchanged.xml"));
      assertEquals("ok", api.poll(id).get("outcome"));

      server.redirect("/moving-unchanged.xml", 301, server.url("/moved-unchanged.xml"));
      Map<String, Object> fetch = api.poll(id);

      assertEquals("not_modified", fetch.get("outcome"), () -> "fetch: " + fetch);
      assertEquals(server.url("/moved-unchanged.xml"), api.body(HttpRequest.GET("/api/v1/sources/" + id)).get("url"));
    }
  }

  /**
   * A page announcing a feed whose address redirects for now (to a signed or balanced address)
   * moves the source to the announced address, not to where it redirected that time.
   */
  @Test
  void aSourceAddedByItsPageTakesTheAnnouncedAddressNotWhereItRedirectedForNow() {
    Api api = new Api(http.toBlocking());
    try (FeedServer server = FeedServer.start()) {
      server.serve("/announcing/", ("<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/announced.xml\">"
          + "</head><body>A blog</body></html>").getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/html");
      server.redirect("/announced.xml", 302, server.url("/edge/announced.xml?expires=1"));
      server.serve("/edge/announced.xml", Fixtures.rss(new String[] {"an-1", "Announced", "<p>Body</p>"}));
      long id = api.addSource(server.url("/announcing/"));

      Map<String, Object> fetch = api.poll(id);

      assertEquals("ok", fetch.get("outcome"), () -> "fetch: " + fetch);
      assertEquals(server.url("/announced.xml"), api.body(HttpRequest.GET("/api/v1/sources/" + id)).get("url"));
    }
  }

  /** A feed whose site link is relative ("/", "../") names its host's page, read against where the feed came from. */
  @Test
  void aRelativeSiteLinkIsStoredReadAgainstTheFeedsAddress() {
    Api api = new Api(http.toBlocking());
    try (FeedServer server = FeedServer.start()) {
      server.serve("/news/rel-site.xml", ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Relative</title><link>../</link>"
          + "<description>d</description><item><guid>rs-1</guid><title>Story</title><description>Body</description></item></channel></rss>")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      long id = api.addSource(server.url("/news/rel-site.xml"));
      assertEquals("ok", api.poll(id).get("outcome"));
      assertEquals(server.url("/"), api.body(HttpRequest.GET("/api/v1/sources/" + id)).get("siteUrl"));
    }
  }

  @Test
  void entriesPageWithCursorsAndFilterBySource() throws Exception {
    Api api = new Api(http.toBlocking());
    try (FeedServer server = FeedServer.start()) {
      String[][] items = new String[7][];
      for (int i = 0; i < items.length; i++) {
        items[i] = new String[] {"p-" + i, "Story " + i, "<p>Body " + i + "</p>"};
      }
      server.serve("/paging.xml", Fixtures.rss(items));
      long id = api.addSource(server.url("/paging.xml"));
      api.poll(id);
      List<Map<String, Object>> all = api.entries("source=" + id);
      assertEquals(7, all.size());
      assertEquals(7, new HashSet<>(all.stream().map(e -> e.get("id")).toList()).size(), "no entry twice across pages");
      for (Map<String, Object> e : all) {
        assertEquals(id, ((Number) e.get("sourceId")).longValue());
        for (String key : List.of("id", "sourceId", "guid", "link", "title", "published", "categories", "clusterId", "canonical")) {
          assertTrue(e.containsKey(key), () -> "entry has " + key);
        }
      }
      Map<String, Object> one = api.body(HttpRequest.GET("/api/v1/entries/" + all.get(0).get("id")));
      assertNotNull(one.get("content"));
    }
    assertEquals(400, api.call(HttpRequest.GET("/api/v1/entries?cursor=not-a-cursor")).code());
    assertEquals(400, api.call(HttpRequest.GET("/api/v1/entries?limit=0")).code());
    assertEquals(400, api.call(HttpRequest.GET("/api/v1/entries?source=abc")).code());
    assertEquals(404, api.call(HttpRequest.GET("/api/v1/entries/999999")).code());
  }

  @Test
  void healthIsPublic() {
    Map<?, ?> health = http.toBlocking().retrieve(HttpRequest.GET("/health"), Argument.of(Map.class));
    assertEquals("UP", health.get("status"));
  }
}
