package dev.syndic.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
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
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The partner API and private feeds; and, in the same running service, WebSub pings to a local fake hub. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerApiTest implements TestPropertyProvider {

  @Inject
  @Client("/")
  HttpClient http;

  Api api;
  FeedServer feeds;
  HttpServer hub;
  final List<String> pings = new CopyOnWriteArrayList<>();

  @Override
  public Map<String, String> getProperties() {
    try {
      hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    hub.createContext("/hub", exchange -> {
      pings.add(URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    hub.start();
    return Map.of("syndic.websub.hub", "http://127.0.0.1:" + hub.getAddress().getPort() + "/hub",
        "syndic.site.base-url", "https://feeds.example.test", "syndic.websub.check", "200ms");
  }

  @BeforeAll
  void ingest() throws Exception {
    api = new Api(http.toBlocking());
    feeds = FeedServer.start();
    List<String[]> ai = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      ai.add(new String[] {"ai-" + i, "人工智能新闻第" + i + "条", "<p>" + "大模型的长篇报道。".repeat(60) + i + "</p>"});
    }
    feeds.serve("/ai.xml", Fixtures.rss(ai.toArray(new String[0][])));
    feeds.serve("/agri.xml", Fixtures.rss(new String[] {"agri-1", "小麦丰收", "<p>粮食产量创新高。</p>"}));
    for (String[] s : new String[][] {{"/ai.xml", "ai"}, {"/agri.xml", "agriculture"}}) {
      Map<String, Object> source = api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", feeds.url(s[0]), "category", s[1])));
      assertEquals("ok", api.poll(((Number) source.get("id")).longValue()).get("outcome"));
    }
  }

  @AfterAll
  void stop() {
    feeds.close();
    hub.stop(0);
  }

  @Test
  void keysAreShownOnceWorkOnlyOnThePartnerApiAndRotate() {
    Map<String, Object> created = create("key-test", List.of("ai"), 1000);
    String key = (String) created.get("key");
    assertTrue(key.startsWith("syn_partner_") && key.length() > 40);
    long id = id(created);
    Map<String, Object> shown = api.body(HttpRequest.GET("/api/v1/partners/" + id));
    assertFalse(shown.toString().contains(key), "the key is never shown again");
    assertEquals(200, partner(HttpRequest.GET("/partner/v1/entries?category=ai"), key).code());
    for (String admin : List.of("/api/v1/sources", "/api/v1/partners", "/api/v1/entries", "/api/v1/disclaimers")) {
      assertEquals(401, status(HttpRequest.GET(admin).bearerAuth(key)), () -> "a partner key must not open " + admin);
    }
    assertEquals(401, status(HttpRequest.GET("/partner/v1/entries").bearerAuth(Api.TOKEN)), "an admin token is no partner key");
    String rotated = (String) api.body(HttpRequest.POST("/api/v1/partners/" + id + "/rotate-key", "")).get("key");
    assertNotEquals(key, rotated);
    assertEquals(401, partner(HttpRequest.GET("/partner/v1/entries?category=ai"), key).code(), "the old key stops at once");
    assertEquals(200, partner(HttpRequest.GET("/partner/v1/entries?category=ai"), rotated).code());
  }

  @Test
  void withoutAValidKey401OutsideTheGrant403() {
    String key = (String) create("grant-test", List.of("ai"), 1000).get("key");
    assertEquals(401, status(HttpRequest.GET("/partner/v1/entries")));
    assertEquals(401, status(HttpRequest.GET("/partner/v1/entries").bearerAuth("syn_partner_nope")));
    HttpResponse<Map<String, Object>> forbidden = partner(HttpRequest.GET("/partner/v1/entries?category=agriculture"), key);
    assertEquals(403, forbidden.code());
    assertTrue(forbidden.getContentType().orElseThrow().toString().startsWith("application/problem+json"));
    assertEquals(403, status(HttpRequest.GET("/partner/v1/feeds/agriculture.rss?key=" + key)));
    assertEquals(403, status(HttpRequest.GET("/partner/v1/feeds/all.rss?key=" + key)), "all needs an 'all' grant");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items = (List<Map<String, Object>>) partner(HttpRequest.GET("/partner/v1/entries"), key).body().get("items");
    assertFalse(items.isEmpty());
    assertTrue(items.stream().allMatch(i -> ((List<?>) i.get("categories")).contains("ai")), "without a category: only granted ones");
  }

  /**
   * Both partner routes refuse alike: the feeds answered a category outside the grant 400 when
   * its limit was wrong (the entries 403), an unknown category or format in text/plain (the
   * entries and every other refusal in problem+json), and neither said which Bearer error it was.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      "none    | /partner/v1/entries                                | 401 | Bearer realm=\"syndic-partner\"",
      "none    | /partner/v1/feeds/ai.rss                           | 401 | Bearer realm=\"syndic-partner\"",
      "invalid | /partner/v1/entries                                | 401 | Bearer realm=\"syndic-partner\", error=\"invalid_token\"",
      "invalid | /partner/v1/feeds/ai.rss                           | 401 | Bearer realm=\"syndic-partner\", error=\"invalid_token\"",
      "revoked | /partner/v1/entries?category=ai                    | 401 | Bearer realm=\"syndic-partner\", error=\"invalid_token\"",
      "revoked | /partner/v1/feeds/ai.rss                           | 401 | Bearer realm=\"syndic-partner\", error=\"invalid_token\"",
      "valid   | /partner/v1/entries?category=agriculture           | 403 | Bearer realm=\"syndic-partner\", error=\"insufficient_scope\"",
      "valid   | /partner/v1/feeds/agriculture.rss                  | 403 | Bearer realm=\"syndic-partner\", error=\"insufficient_scope\"",
      "valid   | /partner/v1/entries?category=agriculture&limit=0   | 403 | Bearer realm=\"syndic-partner\", error=\"insufficient_scope\"",
      "valid   | /partner/v1/feeds/agriculture.rss?limit=0          | 403 | Bearer realm=\"syndic-partner\", error=\"insufficient_scope\"",
      "valid   | /partner/v1/feeds/all.json                         | 403 | Bearer realm=\"syndic-partner\", error=\"insufficient_scope\"",
      "valid   | /partner/v1/entries?category=no-such-category      | 404 | none",
      "valid   | /partner/v1/feeds/no-such-category.rss             | 404 | none",
      "valid   | /partner/v1/feeds/ai.txt                           | 404 | none",
      "valid   | /partner/v1/entries?category=ai&limit=0            | 400 | none",
      "valid   | /partner/v1/feeds/ai.rss?limit=0                   | 400 | none"})
  void bothPartnerRoutesRefuseAlike(String key, String path, int status, String challenge) {
    synchronized (this) {
      if (refusalKeys == null) {
        Map<String, Object> revoked = create("refusals-revoked", List.of("ai"), 1000);
        api.body(HttpRequest.PATCH("/api/v1/partners/" + id(revoked), Map.of("enabled", false)));
        refusalKeys = Map.of("valid", (String) create("refusals", List.of("ai"), 1000).get("key"), "invalid", "syn_partner_nope",
            "revoked", (String) revoked.get("key"));
      }
    }
    MutableHttpRequest<?> request = HttpRequest.GET(path);
    HttpResponse<Map<String, Object>> r = key == null ? partner(request) : partner(request, refusalKeys.get(key));
    assertEquals(status, r.code(), () -> String.valueOf(r.getBody(String.class).orElse("")));
    assertEquals("application/problem+json", r.getContentType().orElseThrow().toString(), path);
    assertEquals(challenge, r.getHeaders().get("WWW-Authenticate"), path);
    assertEquals(status, ((Number) r.body().get("status")).intValue());
    assertFalse(String.valueOf(r.body().get("detail")).contains("/feeds.opml"), "the public feeds' advice is no partner's: " + r.body());
  }

  private Map<String, String> refusalKeys;

  /**
   * The 401 says what to change, in the admin API's words: Basic credentials ({@code curl -u}) and
   * {@code Bearer} with no key were told "the key is not a valid partner key", as a wrong key is.
   * The status and the challenge stay as they were; a {@code ?key=} is still the key tried when
   * the header holds none, and its refusal names it.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      "Basic dGVzdDp0ZXN0      | /partner/v1/entries                 | the Authorization header is not a bearer token: send 'Authorization: Bearer <key>'",
      "Basic dGVzdDp0ZXN0      | /partner/v1/feeds/ai.rss            | the Authorization header is not a bearer token: send 'Authorization: Bearer <key>'",
      "'Bearer '               | /partner/v1/entries                 | no key after 'Bearer': send 'Authorization: Bearer <key>'",
      "Bearer                  | /partner/v1/feeds/ai.rss            | no key after 'Bearer': send 'Authorization: Bearer <key>'",
      "Bearer syn_partner_nope | /partner/v1/entries                 | the key is not a valid partner key",
      "Basic dGVzdDp0ZXN0      | /partner/v1/entries?key=syn_partner_nope | the key is not a valid partner key",
      "none                    | /partner/v1/feeds/ai.rss            | send your partner key: 'Authorization: Bearer <key>'"})
  void the401SaysWhatTheAuthorizationLacked(String auth, String path, String detail) {
    MutableHttpRequest<?> request = auth == null ? HttpRequest.GET(path) : HttpRequest.GET(path).header("Authorization", auth);
    HttpResponse<Map<String, Object>> r = partner(request);
    assertEquals(401, r.code());
    assertEquals("application/problem+json", r.getContentType().orElseThrow().toString());
    assertEquals(detail, r.body().get("detail"));
    assertEquals(auth == null ? "Bearer realm=\"syndic-partner\"" : "Bearer realm=\"syndic-partner\", error=\"invalid_token\"",
        r.getHeaders().get("WWW-Authenticate"), "the challenge as before");
  }

  /** A key in the query is taken when the header holds no bearer key, as before. */
  @Test
  void aQueryKeyIsTakenBesideAHeaderWithoutABearerKey() {
    String key = (String) create("query-key", List.of("ai"), 1000).get("key");
    assertEquals(200, status(HttpRequest.GET("/partner/v1/feeds/ai.rss?key=" + key).header("Authorization", "Basic dGVzdDp0ZXN0")));
    assertEquals(200, status(HttpRequest.GET("/partner/v1/entries?key=" + key).header("Authorization", "Bearer")));
  }

  /** A partner's reader asking for the feed's own type gets it (it got 406), and refusals stay problems. */
  @Test
  void aPrivateFeedIsServedWhateverTheAccept() {
    String key = (String) create("accept-test", List.of("ai"), 1000).get("key");
    HttpResponse<String> rss = http.toBlocking().exchange(HttpRequest.GET("/partner/v1/feeds/ai.rss").bearerAuth(key)
        .header("Accept", "application/rss+xml"), String.class);
    assertEquals(200, rss.code());
    assertTrue(rss.getContentType().orElseThrow().toString().startsWith("application/rss+xml"));
    assertTrue(rss.body().contains("<rss"));
    HttpResponse<String> atom = http.toBlocking().exchange(HttpRequest.GET("/partner/v1/feeds/ai.atom").bearerAuth(key)
        .header("Accept", "application/atom+xml, application/xml;q=0.5"), String.class);
    assertTrue(atom.getContentType().orElseThrow().toString().startsWith("application/atom+xml"));
    HttpClientResponseException refused = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
        () -> http.toBlocking().exchange(HttpRequest.GET("/partner/v1/feeds/agriculture.rss").bearerAuth(key)
            .header("Accept", "application/rss+xml"), String.class));
    assertEquals(403, refused.getStatus().getCode());
    assertTrue(refused.getResponse().getContentType().orElseThrow().toString().startsWith("application/problem+json"));
    assertTrue(refused.getResponse().getBody(String.class).orElse("").contains("not granted"));
  }

  /**
   * A partner's reader that keeps only Last-Modified (If-Modified-Since, no ETag) gets its private
   * feed again once an admin changes what the partner receives: the rendering changed, its date did
   * not, and it was told 304, keeping the whole text of a partner switched to summaries, until an
   * entry of the feed changed.
   */
  @Test
  void aPrivateFeedIsModifiedWhenThePartnersOptionsChange() {
    Map<String, Object> created = create("modified-test", List.of("ai"), 1000);
    String key = (String) created.get("key");
    // Once the second the partner was made in is past, the date its feed was sent with answers 304.
    List<HttpResponse<String>> sent = new ArrayList<>();
    Await.until("a 304 for the date sent", Duration.ofSeconds(5), () -> {
      sent.add(http.toBlocking().exchange(HttpRequest.GET("/partner/v1/feeds/ai.rss").bearerAuth(key), String.class));
      return status(HttpRequest.GET("/partner/v1/feeds/ai.rss").bearerAuth(key).header("If-Modified-Since", sent.get(sent.size() - 1)
          .header("Last-Modified"))) == 304;
    });
    HttpResponse<String> first = sent.get(sent.size() - 1);
    String lastModified = first.header("Last-Modified");

    api.body(HttpRequest.PATCH("/api/v1/partners/" + id(created), Map.of("fullContent", false)));
    HttpResponse<String> after = http.toBlocking().exchange(HttpRequest.GET("/partner/v1/feeds/ai.rss").bearerAuth(key)
        .header("If-Modified-Since", lastModified), String.class);
    assertEquals(200, after.code(), "the summaries, not a 304 for the whole texts");
    assertNotEquals(first.body(), after.body());
  }

  @Test
  @SuppressWarnings("unchecked")
  void cursorPagingStaysStableWhileEntriesArrive() {
    String key = (String) create("paging-test", List.of("ai", "agriculture"), 1000).get("key");
    Set<String> seen = new HashSet<>();
    List<String> order = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Map<String, Object> page = partner(HttpRequest.GET("/partner/v1/entries?category=ai&limit=2" + (cursor == null ? "" : "&cursor=" + cursor)),
          key).body();
      for (Map<String, Object> item : (List<Map<String, Object>>) page.get("items")) {
        assertTrue(seen.add((String) item.get("id")), "no entry twice");
        order.add((String) item.get("published"));
        assertTrue(((String) item.get("id")).startsWith("urn:syndic:entry:"));
        assertTrue(((String) item.get("contentHtml")).contains("syndic-disclaimer"));
        assertEquals("Test feed", ((Map<String, Object>) item.get("source")).get("title"));
      }
      if (pages++ == 1) {
        // New stories arrive between two pages.
        feeds.serve("/ai.xml", Fixtures.rss(new String[] {"ai-new", "人工智能突发新闻", "<p>新到的大模型报道。</p>"}));
        api.poll(((Number) api.entries("category=ai").get(0).get("sourceId")).longValue());
      }
      cursor = (String) page.get("next");
    } while (cursor != null);
    assertEquals(7, seen.size(), "every entry there at the start, once; the newcomer is on a first page");
    assertEquals(400, partner(HttpRequest.GET("/partner/v1/entries?cursor=bogus"), key).code());
    // Each bad parameter is named, also a cursor that decodes but holds no number.
    String numberless = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("p:abc:1".getBytes(StandardCharsets.UTF_8));
    for (String[] bad : new String[][] {{"cursor=" + numberless, "cursor:"}, {"limit=ten", "limit:"}, {"since=yesterday", "since:"}}) {
      HttpResponse<Map<String, Object>> r = partner(HttpRequest.GET("/partner/v1/entries?" + bad[0]), key);
      assertEquals(400, r.code(), bad[0]);
      assertTrue(String.valueOf(r.getBody().orElseThrow().get("detail")).startsWith(bad[1]), () -> bad[0] + ": " + r.getBody().orElse(null));
    }
    Map<String, Object> since = partner(HttpRequest.GET("/partner/v1/entries?category=ai&since=2030-01-01T00:00:00Z"), key).body();
    assertTrue(((List<?>) since.get("items")).isEmpty());
    assertNull(since.get("next"));
  }

  /**
   * A story whose canonical entry is filed under travel and whose copy is filed under
   * entertainment reaches an entertainment partner once, by the copy, through cursor pages.
   */
  @Test
  @SuppressWarnings("unchecked")
  void aCopyStandsForItsClusterInACategoryItsCanonicalEntryIsNotIn() {
    feeds.serve("/cluster.xml", Fixtures.rss(new String[] {"orig", "Harvest festival draws record crowds", "<p>Farmers gather.</p>"},
        new String[] {"copy", "Concert film opens the summer season", "<p>A premiere.</p>"},
        new String[] {"other", "Streaming service orders a second series", "<p>Renewed.</p>"}));
    long source = api.addSource(feeds.url("/cluster.xml"));
    assertEquals("ok", api.poll(source).get("outcome"));
    Map<String, Long> ids = new java.util.HashMap<>();
    api.entries("source=" + source).forEach(e -> ids.put((String) e.get("guid"), id(e)));
    api.body(HttpRequest.POST("/api/v1/entries/" + ids.get("orig") + "/merge", Map.of("with", ids.get("copy"))));
    long canonical = (Boolean) api.body(HttpRequest.GET("/api/v1/entries/" + ids.get("orig"))).get("canonical") ? ids.get("orig") : ids.get("copy");
    long copy = canonical == ids.get("orig") ? ids.get("copy") : ids.get("orig");
    api.body(HttpRequest.PATCH("/api/v1/entries/" + canonical, Map.of("categories", List.of("travel"))));
    api.body(HttpRequest.PATCH("/api/v1/entries/" + copy, Map.of("categories", List.of("entertainment"))));
    api.body(HttpRequest.PATCH("/api/v1/entries/" + ids.get("other"), Map.of("categories", List.of("entertainment"))));
    String key = (String) create("cluster-test", List.of("entertainment"), 1000).get("key");
    List<String> links = new ArrayList<>();
    String cursor = null;
    do {
      Map<String, Object> page = partner(HttpRequest.GET("/partner/v1/entries?category=entertainment&limit=1"
          + (cursor == null ? "" : "&cursor=" + cursor)), key).body();
      ((List<Map<String, Object>>) page.get("items")).forEach(i -> links.add((String) i.get("link")));
      cursor = (String) page.get("next");
    } while (cursor != null);
    String copyLink = (String) api.body(HttpRequest.GET("/api/v1/entries/" + copy)).get("link");
    String otherLink = (String) api.body(HttpRequest.GET("/api/v1/entries/" + ids.get("other"))).get("link");
    assertEquals(Set.of(copyLink, otherLink), new HashSet<>(links));
    assertEquals(2, links.size(), () -> "each once: " + links);
  }

  @Test
  @SuppressWarnings("unchecked")
  void summaryRelatedBlockAndDisclaimerVariantFollowThePartner() {
    Map<String, Object> created = create("options-test", List.of("ai"), 1000);
    String key = (String) created.get("key");
    String full = (String) ((List<Map<String, Object>>) partner(HttpRequest.GET("/partner/v1/entries?category=ai&limit=1"), key).body()
        .get("items")).get(0).get("contentHtml");
    api.body(HttpRequest.PATCH("/api/v1/partners/" + id(created), Map.of("fullContent", false, "related", true, "disclaimerVariant", "partner")));
    long template = id(api.body(HttpRequest.POST("/api/v1/disclaimers", Map.of("scope", "global", "language", "zh", "variant", "partner",
        "template", "合作方转载声明:{title},来源{source}。"))));
    try {
      String summary = (String) ((List<Map<String, Object>>) partner(HttpRequest.GET("/partner/v1/entries?category=ai&limit=1"), key).body()
          .get("items")).get(0).get("contentHtml");
      String body = summary.substring(0, summary.indexOf("<p class=\"syndic-disclaimer"));
      assertTrue(body.length() < full.indexOf("<p class=\"syndic-disclaimer") - 200, () -> "a summary, not the whole text: " + body);
      assertTrue(summary.contains("…"));
      assertTrue(summary.contains("合作方转载声明:"), summary);
      assertTrue(summary.contains("syndic-related"), "related block on for this partner");
      assertFalse(http.toBlocking().retrieve("/feeds/ai.rss").contains("合作方转载声明"), "public feeds keep the default variant");
      String privateFeed = http.toBlocking().retrieve(HttpRequest.GET("/partner/v1/feeds/ai.rss").bearerAuth(key));
      assertTrue(privateFeed.contains("合作方转载声明"));
      assertFalse(privateFeed.contains(key), "the key is not echoed into the feed");
    } finally {
      api.call(HttpRequest.DELETE("/api/v1/disclaimers/" + template));
    }
  }

  /** An entry of a granted and another category is shown under the granted one, and lists only granted entries. */
  @Test
  @SuppressWarnings("unchecked")
  void theRelatedBlockNeverListsAnEntryOutsideTheGrant() {
    Map<String, Object> created = create("related-grant-test", List.of("technology"), 1000);
    String key = (String) created.get("key");
    api.body(HttpRequest.PATCH("/api/v1/partners/" + id(created), Map.of("related", true)));
    List<Map<String, Object>> all = (List<Map<String, Object>>) api.body(HttpRequest.GET("/api/v1/entries?category=ai&limit=50")).get("items");
    Map<String, Object> both = all.stream().filter(e -> "人工智能新闻第1条".equals(e.get("title"))).findFirst().orElseThrow();
    String path = "/api/v1/entries/" + id(both);
    api.body(HttpRequest.PATCH(path, Map.of("categories", List.of("ai", "technology"))));
    try {
      List<Map<String, Object>> items = (List<Map<String, Object>>) partner(HttpRequest.GET("/partner/v1/entries?limit=50"), key).body().get("items");
      assertEquals(Set.of("人工智能新闻第1条"), new HashSet<>(items.stream().map(i -> i.get("title")).toList()));
      for (Map<String, Object> item : items) {
        String html = (String) item.get("contentHtml");
        for (int i = 2; i <= 7; i++) {
          assertFalse(html.contains("人工智能新闻第" + i + "条"), () -> item.get("title") + " lists an ai-only entry: " + html);
        }
      }
    } finally {
      api.body(HttpRequest.PATCH(path, Map.of("categories", List.of("ai"))));
    }
  }

  @Test
  void overTheRate429WithRetryAfterAndUsageIsCounted() {
    Map<String, Object> created = create("rate-test", List.of("ai"), 3);
    String key = (String) created.get("key");
    for (int i = 0; i < 3; i++) {
      assertEquals(200, partner(HttpRequest.GET("/partner/v1/entries?category=ai&limit=2"), key).code());
    }
    HttpResponse<Map<String, Object>> limited = partner(HttpRequest.GET("/partner/v1/entries?category=ai"), key);
    assertEquals(429, limited.code());
    assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 1);
    Map<String, Object> usage = api.body(HttpRequest.GET("/api/v1/partners/" + id(created) + "/usage"));
    @SuppressWarnings("unchecked")
    Map<String, Object> today = ((List<Map<String, Object>>) usage.get("items")).get(0);
    assertEquals(4, ((Number) today.get("requests")).intValue());
    assertEquals(6, ((Number) today.get("entries")).intValue());
    assertEquals(1, ((Number) today.get("limited")).intValue());
  }

  /** Usage is gathered in memory and written in batches: concurrent requests are each counted once. */
  @Test
  void concurrentRequestsAreEachCountedOnceInTheUsage() throws Exception {
    Map<String, Object> created = create("usage-concurrency", List.of("ai"), 10_000);
    String key = (String) created.get("key");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        answers.add(pool.submit(() -> partner(HttpRequest.GET("/partner/v1/entries?category=ai&limit=1"), key).code()));
      }
      for (java.util.concurrent.Future<Integer> a : answers) {
        assertEquals(200, a.get());
      }
    } finally {
      pool.shutdown();
    }
    Map<String, Object> usage = api.body(HttpRequest.GET("/api/v1/partners/" + id(created) + "/usage"));
    @SuppressWarnings("unchecked")
    Map<String, Object> today = ((List<Map<String, Object>>) usage.get("items")).get(0);
    assertEquals(40, ((Number) today.get("requests")).intValue());
    assertEquals(0, ((Number) today.get("limited")).intValue());
  }

  /** Pages are kept in memory per feed version: an entry hidden by an admin leaves the next answer. */
  @Test
  @SuppressWarnings("unchecked")
  void aCachedPageFollowsChangesOfTheEntries() throws Exception {
    String key = (String) create("page-cache", List.of("ai"), 10_000).get("key");
    MutableHttpRequest<?> newest = HttpRequest.GET("/partner/v1/entries?category=ai&limit=3");
    List<Map<String, Object>> before = (List<Map<String, Object>>) partner(newest, key).body().get("items");
    assertEquals(before, partner(HttpRequest.GET("/partner/v1/entries?category=ai&limit=3"), key).body().get("items"), "the same page twice");
    Object link = before.get(0).get("link");
    long entryId = ((Number) api.entries("category=ai").stream().filter(e -> link.equals(e.get("link"))).findFirst().orElseThrow().get("id"))
        .longValue();
    try {
      api.body(HttpRequest.PATCH("/api/v1/entries/" + entryId, Map.of("hidden", true)));
      long deadline = System.nanoTime() + 5_000_000_000L;
      List<Map<String, Object>> after;
      do {
        Thread.sleep(100);
        after = (List<Map<String, Object>>) partner(HttpRequest.GET("/partner/v1/entries?category=ai&limit=3"), key).body().get("items");
      } while (after.equals(before) && System.nanoTime() < deadline);
      assertNotEquals(before.stream().map(i -> i.get("link")).toList(), after.stream().map(i -> i.get("link")).toList(),
          "hiding an entry changed the page");
    } finally {
      api.body(HttpRequest.PATCH("/api/v1/entries/" + entryId, Map.of("hidden", false)));
    }
  }

  @Test
  void partnerInputIsChecked() {
    assertEquals(400, api.call(HttpRequest.POST("/api/v1/partners", Map.of("name", "x", "categories", List.of("nope")))).code());
    assertEquals(400, api.call(HttpRequest.POST("/api/v1/partners", Map.of("name", "x", "categories", List.of("ai"), "ratePerMinute", 0))).code());
    assertEquals(400, api.call(HttpRequest.POST("/api/v1/partners", Map.of("name", "x", "categories", List.of("ai"), "ratePerMinute", 1_000_001)))
        .code());
    assertEquals(201, api.call(HttpRequest.POST("/api/v1/partners", Map.of("name", "fast", "categories", List.of("ai"), "ratePerMinute", 1_000_000)))
        .code());
    assertEquals(400, api.call(HttpRequest.POST("/api/v1/partners", Map.of("categories", List.of("ai")))).code());
    create("dup-name", List.of("ai"), 10);
    assertEquals(409, api.call(HttpRequest.POST("/api/v1/partners", Map.of("name", "dup-name", "categories", List.of("ai")))).code());
    assertEquals(404, api.call(HttpRequest.GET("/api/v1/partners/999999")).code());
  }

  /**
   * A granted category an admin disabled is a 404 that says so, in both orders: it was "no category
   * 'x'", which told a partner syncing it to forget the position it should keep for its return.
   */
  @ParameterizedTest
  @CsvSource({"published", "arrival"})
  void aDisabledCategoryIsToldApartFromAMissingOne(String order) {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "paused-" + order)));
    String key = (String) create("paused-" + order, List.of("ai", "paused-" + order), 1000).get("key");
    assertEquals(200, api.call(HttpRequest.PATCH("/api/v1/categories/paused-" + order, Map.of("enabled", false))).code());

    HttpResponse<Map<String, Object>> paused = partner(HttpRequest.GET("/partner/v1/entries?order=" + order + "&category=paused-" + order), key);
    assertEquals(404, paused.code());
    assertTrue(String.valueOf(paused.body().get("detail")).contains("is disabled"), () -> String.valueOf(paused.body()));
    HttpResponse<Map<String, Object>> missing = partner(HttpRequest.GET("/partner/v1/entries?order=" + order + "&category=never-" + order), key);
    assertEquals(404, missing.code());
    assertEquals("category: no category 'never-" + order + "'", missing.body().get("detail"));
  }

  /** A granted category disabled since must not lock the partner: an admin can still disable it or change its rate. */
  @Test
  void aPartnerWhoseGrantedCategoryIsDisabledCanStillBeDisabledAndChanged() {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "short-lived")));
    Map<String, Object> created = create("stale-grant", List.of("ai", "short-lived"), 100);
    long id = id(created);
    assertEquals(200, api.call(HttpRequest.PATCH("/api/v1/categories/short-lived", Map.of("enabled", false))).code());

    HttpResponse<Map<String, Object>> disabled = api.call(HttpRequest.PATCH("/api/v1/partners/" + id, Map.of("enabled", false)));
    assertEquals(200, disabled.code(), () -> "answered " + disabled.getBody(Map.class).orElse(null));
    assertEquals(false, disabled.body().get("enabled"));
    assertEquals(401, partner(HttpRequest.GET("/partner/v1/entries?category=ai"), (String) created.get("key")).code(), "disabled at once");
    HttpResponse<Map<String, Object>> rate = api.call(HttpRequest.PATCH("/api/v1/partners/" + id, Map.of("ratePerMinute", 10)));
    assertEquals(200, rate.code(), () -> "answered " + rate.getBody(Map.class).orElse(null));
    assertEquals(10, rate.body().get("ratePerMinute"));
    // A grant the admin sends is checked whole.
    HttpResponse<Map<String, Object>> regrant = api.call(HttpRequest.PATCH("/api/v1/partners/" + id, Map.of("categories", List.of("short-lived"))));
    assertEquals(400, regrant.code());
    assertTrue(String.valueOf(regrant.getBody(Map.class).orElseThrow().get("detail")).contains("short-lived"));
  }

  /** A deleted category leaves the grants: a category created later under its slug is not granted to partners by accident. */
  @Test
  @SuppressWarnings("unchecked")
  void aDeletedCategoryLeavesTheGrantsAndARecreatedOneIsNotGranted() {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "reused-slug")));
    Map<String, Object> created = create("grant-of-deleted", List.of("ai", "reused-slug"), 1000);
    long id = id(created);
    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/categories/reused-slug")).code());
    assertEquals(List.of("ai"), api.body(HttpRequest.GET("/api/v1/partners/" + id)).get("categories"));

    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "reused-slug")));
    assertEquals(403, partner(HttpRequest.GET("/partner/v1/entries?category=reused-slug"), (String) created.get("key")).code());
  }

  @Test
  void theHubIsAdvertisedAndPingedWhenAFeedChanges() throws Exception {
    String rss = http.toBlocking().retrieve("/feeds/agriculture.rss");
    assertTrue(rss.contains("rel=\"hub\""), "RSS advertises the hub");
    assertTrue(http.toBlocking().retrieve("/feeds/agriculture.atom").contains("rel=\"hub\""));
    waitFor("https://feeds.example.test/feeds/agriculture.rss");
    // The first round announces every feed; let it finish before changing one.
    for (int size = -1; size != pings.size(); ) {
      size = pings.size();
      Thread.sleep(1000);
    }
    pings.clear();
    feeds.serve("/agri.xml", Fixtures.rss(new String[] {"agri-2", "玉米收购价上涨", "<p>农业新闻。</p>"}));
    long agri = ((Number) api.entries("category=agriculture").get(0).get("sourceId")).longValue();
    api.poll(agri);
    waitFor("https://feeds.example.test/feeds/agriculture.rss");
    waitFor("https://feeds.example.test/feeds/agriculture.json");
    assertFalse(pings.stream().anyMatch(p -> p.contains("/feeds/education.")), "an unchanged feed is not pinged: " + pings);
  }

  /**
   * Only the feeds the hub is told about name it: a reader subscribed through a hub stops polling,
   * and a {@code ?limit=} variant or a private feed (which the hub cannot read) is never announced.
   */
  @Test
  void onlyTheFeedsThatArePingedNameTheHub() {
    String key = (String) create("hub-test", List.of("ai"), 1000).get("key");
    assertTrue(http.toBlocking().retrieve("/feeds/ai.rss").contains("rel=\"hub\""));
    assertTrue(http.toBlocking().retrieve("/feeds/ai.json").contains("\"hubs\""));
    assertFalse(http.toBlocking().retrieve("/feeds/ai.rss?limit=5").contains("rel=\"hub\""), "a variant never announced");
    assertFalse(http.toBlocking().retrieve("/feeds/ai.json?limit=5").contains("\"hubs\""));
    for (String ext : List.of("rss", "atom", "json")) {
      String feed = http.toBlocking().retrieve(HttpRequest.GET("/partner/v1/feeds/ai." + ext).bearerAuth(key));
      assertFalse(feed.contains("rel=\"hub\"") || feed.contains("\"hubs\""), () -> "the private " + ext + " feed names no hub: " + feed);
    }
  }

  private void waitFor(String url) throws InterruptedException {
    for (int i = 0; i < 100 && pings.stream().noneMatch(p -> p.endsWith("hub.url=" + url)); i++) {
      Thread.sleep(100);
    }
    assertTrue(pings.stream().anyMatch(p -> p.endsWith("hub.url=" + url)), () -> "pinged " + url + ": " + pings);
  }

  private Map<String, Object> create(String name, List<String> categories, int rate) {
    return flatten(api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", name, "categories", categories, "ratePerMinute", rate))));
  }

  /** {@code {"partner": {...}, "key"}} as one map: the partner's fields plus the key. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> flatten(Map<String, Object> withKey) {
    Map<String, Object> out = new java.util.HashMap<>((Map<String, Object>) withKey.get("partner"));
    out.put("key", withKey.get("key"));
    return out;
  }

  private static long id(Map<String, Object> m) {
    return ((Number) m.get("id")).longValue();
  }

  private HttpResponse<Map<String, Object>> partner(MutableHttpRequest<?> request, String key) {
    try {
      return http.toBlocking().exchange(request.bearerAuth(key), Argument.mapOf(String.class, Object.class), Argument.mapOf(String.class, Object.class));
    } catch (HttpClientResponseException e) {
      @SuppressWarnings("unchecked")
      HttpResponse<Map<String, Object>> r = (HttpResponse<Map<String, Object>>) e.getResponse();
      return r;
    }
  }

  /** Without a key. */
  private HttpResponse<Map<String, Object>> partner(MutableHttpRequest<?> request) {
    try {
      return http.toBlocking().exchange(request, Argument.mapOf(String.class, Object.class), Argument.mapOf(String.class, Object.class));
    } catch (HttpClientResponseException e) {
      @SuppressWarnings("unchecked")
      HttpResponse<Map<String, Object>> r = (HttpResponse<Map<String, Object>>) e.getResponse();
      return r;
    }
  }

  private int status(MutableHttpRequest<?> request) {
    try {
      return http.toBlocking().exchange(request, String.class).code();
    } catch (HttpClientResponseException e) {
      return e.getStatus().getCode();
    }
  }
}
