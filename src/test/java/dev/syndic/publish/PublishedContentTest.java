package dev.syndic.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Api;
import dev.syndic.support.Await;
import dev.syndic.support.FeedServer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What items carry once published: known XSS vectors ingested from a hostile feed come out of
 * every format harmless; relative links are absolute; disclaimers follow their templates, once;
 * the related-reading block follows its setting.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishedContentTest {

  /** Each vector is one item; its guid names it. */
  static final String[][] VECTORS = {
      {"script", "<p>a</p><script>alert('x1')</script>"},
      {"img-onerror", "<img src=\"x.png\" onerror=\"alert('x2')\">"},
      {"svg-onload", "<svg onload=\"alert('x3')\"><circle r=\"1\"/></svg>"},
      {"js-href", "<a href=\"javascript:alert('x4')\">x4</a>"},
      {"data-href", "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x5</a>"},
      {"style-url", "<div style=\"background:url(javascript:alert('x6'))\">x6</div><p style=\"width: expression(alert('x6'))\">x</p>"},
      {"iframe", "<iframe src=\"https://evil.example/x7\"></iframe>"},
      {"meta-refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('x8')\">"},
      {"form", "<form action=\"https://evil.example/x9\"><input name=\"a\"><button formaction=\"javascript:alert(9)\">b</button></form>"},
      {"entity-js", "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert('x10')\">x10</a>"},
      {"tab-js", "<a href=\"jav&#x09;ascript:alert('x11')\">x11</a>"},
      {"object-embed", "<object data=\"x12.swf\"></object><embed src=\"x12.swf\">"},
      {"data-img", "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">"},
      {"body-onload", "<body onload=\"alert('x14')\"><p>b</p></body>"},
      {"style-tag", "<style>@import 'https://evil.example/x15.css';</style><link rel=\"stylesheet\" href=\"https://evil.example/x16.css\">"},
      {"base", "<base href=\"javascript:alert(17)//\"><a href=\"rel\">r</a>"},
      {"math-xlink", "<math><a xlink:href=\"javascript:alert('x18')\">m</a></math>"},
      {"mixed-case", "<IMG SRC=JaVaScRiPt:alert('x19')><A HREF=\" javascript:alert(20)\">x</A>"},
      {"vbscript", "<a href=\"vbscript:msgbox(21)\">x21</a>"},
      {"srcdoc", "<iframe srcdoc=\"&lt;script&gt;alert(22)&lt;/script&gt;\"></iframe>"},
      {"event-on-a", "<a href=\"https://ok.example/\" onclick=\"alert(23)\" onmouseover=\"alert(23)\">ok</a>"},
      {"template-noscript", "<template><script>alert(24)</script></template><noscript><img src=x onerror=alert(24)></noscript>"},
  };

  static final String DUPLICATE = "<p>正文内容在这里。</p><p>特别声明:[旧的标题] 该文观点仅代表作者本人,某某网系信息发布平台,某某网仅提供信息存储空间服务。</p>";

  @Inject
  @Client("/")
  HttpClient http;

  @Inject
  ObjectMapper json;

  Api api;
  FeedServer server;
  long sourceId;

  @BeforeAll
  void ingestHostileAndChineseItems() throws Exception {
    api = new Api(http.toBlocking());
    server = FeedServer.start();
    StringBuilder rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Hostile</title>"
        + "<link>https://test.example.com/</link><description>x</description>\n");
    for (String[] v : VECTORS) {
      rss.append(item("xss-" + v[0], "Vector " + v[0] + " <script>alert(0)</script>", v[1] + "<p><a href=\"/rel/" + v[0] + "\">rel</a>"
          + "<img src=\"img/" + v[0] + ".png\"></p>"));
    }
    rss.append(item("dup", "国产大模型发布新版本", DUPLICATE));
    rss.append(item("zh2", "人工智能芯片产能扩张", "<p>人工智能芯片企业宣布扩产。</p>"));
    rss.append(item("zh3", "大模型推理价格下降", "<p>多家公司下调大模型推理价格。</p>"));
    rss.append(item("zh-untitled", "", "<p>一条没有标题的消息，正文在这里。</p>"));
    rss.append(item("spaced", "链接里有空格和中文", "<p>正文。</p>").replace("https://test.example.com/spaced", SPACED_LINK));
    server.serve("/hostile.xml", rss.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8));
    Map<String, Object> source = api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", server.url("/hostile.xml"), "category", "ai")));
    sourceId = ((Number) source.get("id")).longValue();
    assertEquals("ok", api.poll(sourceId).get("outcome"));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rss", "atom", "json"})
  void noVectorSurvivesInAnyFormat(String format) throws Exception {
    Map<String, String> items = contents("/feeds/all." + format + "?limit=500");
    int checked = 0;
    for (String[] v : VECTORS) {
      String html = items.entrySet().stream().filter(e -> e.getKey().equals("xss-" + v[0])).map(Map.Entry::getValue).findFirst()
          .orElseThrow(() -> new AssertionError(format + " lacks the item of vector " + v[0]));
      assertHarmless(v[0] + " in " + format, html);
      checked++;
    }
    assertEquals(VECTORS.length, checked);
  }

  @Test
  void relativeLinksAreMadeAbsolute() throws Exception {
    String html = contents("/feeds/all.json?limit=500").get("xss-script");
    Document doc = Jsoup.parseBodyFragment(html);
    assertEquals("https://test.example.com/rel/script", doc.selectFirst("a:contains(rel)").attr("href"));
    assertEquals("https://test.example.com/img/script.png", doc.selectFirst("img").attr("src"));
  }

  @Test
  void anUpstreamDisclaimerIsNotDoubled() throws Exception {
    for (String format : List.of("rss", "atom", "json")) {
      String html = contents("/feeds/ai." + format).get("dup");
      String text = Jsoup.parseBodyFragment(html).text();
      assertEquals(1, count(text, "该文观点仅代表作者本人"), () -> format + ": " + text);
      assertTrue(text.contains("特别声明:[国产大模型发布新版本]"), () -> "ours is the one kept: " + text);
      assertTrue(text.contains("正文内容在这里。"), "the article itself stays");
    }
  }

  static final String SPACED_LINK = "https://test.example.com/新闻/a b/spaced";

  @Test
  void anUntitledEntrySaysSoInItsTitleAndDisclaimer() throws Exception {
    assertTrue(disclaimerOf("zh-untitled").startsWith("特别声明:[（无标题）] 该文观点"), disclaimerOf("zh-untitled"));
    Document rss = Jsoup.parse(http.toBlocking().retrieve("/feeds/ai.rss"), "", Parser.xmlParser());
    Element item = rss.select("item").stream().filter(i -> i.selectFirst("link").text().endsWith("/zh-untitled")).findFirst().orElseThrow();
    assertEquals("（无标题）", item.selectFirst("title").text());
  }

  @Test
  void linksGoOutPercentEncoded() throws Exception {
    String uri = "https://test.example.com/%E6%96%B0%E9%97%BB/a%20b/spaced";
    Document rss = Jsoup.parse(http.toBlocking().retrieve("/feeds/ai.rss"), "", Parser.xmlParser());
    assertTrue(rss.select("item > link").stream().anyMatch(l -> l.text().equals(uri)), rss::outerHtml);
    Document atom = Jsoup.parse(http.toBlocking().retrieve("/feeds/ai.atom"), "", Parser.xmlParser());
    assertTrue(atom.select("entry > link[rel=alternate]").stream().anyMatch(l -> l.attr("href").equals(uri)));
    Map<String, Object> feed = json.readValue(http.toBlocking().retrieve("/feeds/ai.json"), Map.class);
    assertTrue(((List<Map<String, Object>>) feed.get("items")).stream().anyMatch(i -> uri.equals(i.get("url"))));
    assertTrue(rss.select("item > link").stream().noneMatch(l -> l.text().contains(" ")), "no link goes out with a space");
  }

  @Test
  void theMostSpecificTemplateWinsAndEnglishEntriesKeepTheEnglishOne() throws Exception {
    List<Long> ids = new ArrayList<>();
    try {
      ids.add(create("global", "", "zh", "全局声明:{title},来自{source},本站{site}。"));
      assertEquals("全局声明:人工智能芯片产能扩张,来自Hostile,本站Syndic。", disclaimerOf("zh2"));
      ids.add(create("category", "ai", "zh", "分类声明:{title}({date})"));
      assertEquals("分类声明:人工智能芯片产能扩张(2026-03-17)", disclaimerOf("zh2"));
      ids.add(create("source", Long.toString(sourceId), "zh", "来源声明:{source} {author}|{link}"));
      assertEquals("来源声明:Hostile |https://test.example.com/zh2", disclaimerOf("zh2"));
      assertTrue(disclaimerOf("xss-script").startsWith("Notice: \"Vector script"), "an English entry keeps the English default");
    } finally {
      for (long id : ids) {
        assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/disclaimers/" + id)).code());
      }
    }
    assertTrue(disclaimerOf("zh2").startsWith("特别声明:[人工智能芯片产能扩张]"), "back to the configured default");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{titel} is unknown", "{ title }", "{foo}{title}"})
  void anUnknownPlaceholderIsRefused(String template) {
    HttpResponse<Map<String, Object>> r = api.call(HttpRequest.POST("/api/v1/disclaimers",
        Map.of("scope", "global", "language", "en", "template", template)));
    assertEquals(400, r.code());
    assertTrue(r.getContentType().orElseThrow().toString().startsWith("application/problem+json"));
    assertTrue(String.valueOf(r.getBody(Map.class).orElseThrow().get("detail")).contains("unknown placeholder"));
  }

  @Test
  void badDisclaimerInputIsRefused() {
    assertEquals(400, api.call(HttpRequest.POST("/api/v1/disclaimers", Map.of("scope", "planet", "language", "zh", "template", "x"))).code());
    assertEquals(400, api.call(HttpRequest.POST("/api/v1/disclaimers", Map.of("scope", "category", "scopeKey", "nope", "language", "zh",
        "template", "x"))).code());
    assertEquals(400, api.call(HttpRequest.POST("/api/v1/disclaimers", Map.of("scope", "global", "language", "fr", "template", "x"))).code());
    assertEquals(404, api.call(HttpRequest.GET("/api/v1/disclaimers/999999")).code());
    var e = org.junit.jupiter.api.Assertions.assertThrows(io.micronaut.http.client.exceptions.HttpClientResponseException.class,
        () -> http.toBlocking().exchange(HttpRequest.GET("/api/v1/disclaimers").header("Authorization", "Bearer nope"), String.class));
    assertEquals(401, e.getStatus().getCode(), "admin only");
  }

  /**
   * A template keyed by a category or source goes with it: a category created again under the same
   * slug does not inherit the old one's disclaimer, and the admin's list holds no template of
   * something gone.
   */
  @Test
  void templatesOfADeletedCategoryOrSourceGoWithIt() {
    Map<String, Object> category = Map.of("slug", "gone-soon", "nameZh", "将删", "nameEn", "Gone soon");
    api.body(HttpRequest.POST("/api/v1/categories", category));
    long ofCategory = create("category", "gone-soon", "zh", "旧分类声明:{title}");
    server.serve("/other.xml", ("<rss version=\"2.0\"><channel><title>Other</title><link>https://other.example.com/</link>"
        + "<description>x</description></channel></rss>").getBytes(StandardCharsets.UTF_8));
    long otherSource = ((Number) api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", server.url("/other.xml")))).get("id")).longValue();
    long ofSource = create("source", Long.toString(otherSource), "zh", "旧来源声明:{title}");

    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/categories/gone-soon")).code());
    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/sources/" + otherSource)).code());

    assertEquals(404, api.call(HttpRequest.GET("/api/v1/disclaimers/" + ofCategory)).code());
    assertEquals(404, api.call(HttpRequest.GET("/api/v1/disclaimers/" + ofSource)).code());
    api.body(HttpRequest.POST("/api/v1/categories", category));
    try {
      List<Map<String, Object>> listed = (List<Map<String, Object>>) api.body(HttpRequest.GET("/api/v1/disclaimers")).get("items");
      assertTrue(listed.stream().noneMatch(d -> "gone-soon".equals(d.get("scopeKey"))), listed::toString);
    } finally {
      assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/categories/gone-soon")).code());
    }
  }

  @Test
  void theRelatedBlockFollowsTheCategorySetting() throws Exception {
    assertFalse(contents("/feeds/ai.rss").get("zh2").contains(ItemComposer.RELATED_CLASS));
    api.body(HttpRequest.PUT("/api/v1/related/ai", Map.of("enabled", true, "size", 2)));
    try {
      for (String format : List.of("rss", "atom", "json")) {
        String html = contents("/feeds/ai." + format).get("zh2");
        Document doc = Jsoup.parseBodyFragment(html);
        Element block = doc.selectFirst("div." + ItemComposer.RELATED_CLASS);
        assertTrue(block != null, () -> format + ": " + html);
        assertEquals(2, block.select("li").size());
        assertTrue(block.select("a").stream().noneMatch(a -> a.attr("href").endsWith("/zh2")), "an entry is not related to itself");
        assertTrue(html.indexOf(Disclaimer.CSS_CLASS) < html.indexOf(ItemComposer.RELATED_CLASS), "the block comes after the disclaimer");
      }
    } finally {
      api.body(HttpRequest.PUT("/api/v1/related/ai", Map.of("enabled", false)));
    }
    assertEquals(404, api.call(HttpRequest.PUT("/api/v1/related/nope", Map.of("enabled", true))).code());
  }

  /**
   * A story whose canonical entry is filed under agriculture while its copies are filed under
   * entertainment is shown once in each: by the canonical entry where it is, else by the first
   * visible copy; never twice, and the feed of every category still shows it once.
   */
  @Test
  void aClusterIsShownOnceInACategoryItsCanonicalEntryIsNotIn() throws Exception {
    server.serve("/story.xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Story</title>"
        + "<link>https://test.example.com/</link><description>x</description>\n"
        + story("story-a", hoursAgo(3), "Harvest festival draws record crowds")
        + story("story-b", hoursAgo(2), "Concert film opens the summer season")
        + story("story-c", hoursAgo(1), "Streaming service orders a second series")
        + "</channel></rss>\n").getBytes(StandardCharsets.UTF_8));
    long source = api.addSource(server.url("/story.xml"));
    assertEquals("ok", api.poll(source).get("outcome"));
    Map<String, Long> ids = new java.util.HashMap<>();
    for (Map<String, Object> e : api.entries("source=" + source)) {
      ids.put((String) e.get("guid"), ((Number) e.get("id")).longValue());
    }
    long a = ids.get("story-a");
    api.body(HttpRequest.POST("/api/v1/entries/" + a + "/merge", Map.of("with", ids.get("story-b"))));
    api.body(HttpRequest.POST("/api/v1/entries/" + a + "/merge", Map.of("with", ids.get("story-c"))));
    assertEquals(Boolean.TRUE, api.body(HttpRequest.GET("/api/v1/entries/" + a)).get("canonical"), "the earliest is canonical");
    api.body(HttpRequest.PATCH("/api/v1/entries/" + a, Map.of("categories", List.of("agriculture"))));
    api.body(HttpRequest.PATCH("/api/v1/entries/" + ids.get("story-b"), Map.of("categories", List.of("entertainment"))));
    api.body(HttpRequest.PATCH("/api/v1/entries/" + ids.get("story-c"), Map.of("categories", List.of("entertainment", "agriculture"))));

    // The rules may have shown story-b under entertainment before the corrections: wait for all three.
    awaitStories("/feeds/agriculture.json?limit=500", List.of("story-a"));
    awaitStories("/feeds/entertainment.json?limit=500", List.of("story-b"));
    for (String format : List.of("rss", "atom")) {
      assertEquals(List.of("story-b"), stories("/feeds/entertainment." + format + "?limit=500"), format);
    }
    assertEquals(List.of("story-a"), stories("/feeds/agriculture.json?limit=500"), "the canonical entry where it is filed");
    awaitStories("/feeds/all.json?limit=500", List.of("story-a"));

    api.body(HttpRequest.PATCH("/api/v1/entries/" + ids.get("story-b"), Map.of("hidden", true)));
    awaitStories("/feeds/entertainment.json?limit=500", List.of("story-c"));
    awaitStories("/feeds/agriculture.json?limit=500", List.of("story-a"));
    api.body(HttpRequest.PATCH("/api/v1/entries/" + a, Map.of("hidden", true)));
    awaitStories("/feeds/entertainment.json?limit=500", List.of());
    // A feed being rendered again answers its previous rendering meanwhile: wait for each.
    awaitStories("/feeds/agriculture.json?limit=500", List.of());
    awaitStories("/feeds/all.json?limit=500", List.of());
  }

  /** A date among the newest: the test database is shared, and a feed lists at most 500 entries. */
  private static String hoursAgo(int hours) {
    return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
        java.time.Instant.now().minus(Duration.ofHours(hours)).atOffset(java.time.ZoneOffset.UTC));
  }

  private void awaitStories(String path, List<String> expected) {
    Await.until(path + " shows " + expected, Duration.ofSeconds(10), () -> stories(path).equals(expected));
  }

  /** The guids of the story-* items of a feed, sorted, each as often as it appears. */
  @SuppressWarnings("unchecked")
  private List<String> stories(String path) {
    String body = http.toBlocking().retrieve(path);
    List<String> links = new ArrayList<>();
    if (path.contains(".json")) {
      try {
        ((List<Map<String, Object>>) json.readValue(body, Map.class).get("items")).forEach(i -> links.add((String) i.get("url")));
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    } else {
      Document xml = Jsoup.parse(body, "", Parser.xmlParser());
      xml.select("item > link").forEach(l -> links.add(l.text()));
      xml.select("entry > link[rel=alternate]").forEach(l -> links.add(l.attr("href")));
    }
    return links.stream().map(PublishedContentTest::guid).filter(g -> g.startsWith("story-")).sorted().toList();
  }

  private static String story(String guid, String date, String title) {
    return "<item><guid>" + guid + "</guid><title>" + title + "</title><link>https://test.example.com/" + guid + "</link>"
        + "<description>" + title + ", in its own words " + guid + ".</description><pubDate>" + date + "</pubDate></item>\n";
  }

  /** The admin API takes C0 controls in a category's names; the OPML list stays XML a real parser reads. */
  @Test
  void opmlOfACategoryNamedWithControlCharactersIsWellFormed() throws Exception {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "ctl", "nameZh", "控\u0001制", "nameEn", "Con\u000btrol & <more>")));
    try {
      long zh3 = api.entries("source=" + sourceId).stream().filter(e -> "zh3".equals(e.get("guid")))
          .mapToLong(e -> ((Number) e.get("id")).longValue()).findFirst().orElseThrow();
      api.body(HttpRequest.PATCH("/api/v1/entries/" + zh3, Map.of("categories", List.of("ai", "ctl"))));
      Await.until("the category in /feeds.opml", Duration.ofSeconds(10), () -> http.toBlocking().retrieve("/feeds.opml").contains("/feeds/ctl.rss"));
      byte[] opml = http.toBlocking().retrieve(HttpRequest.GET("/feeds.opml"), byte[].class);
      org.w3c.dom.Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(opml));
      org.w3c.dom.NodeList outlines = doc.getElementsByTagName("outline");
      List<String> titles = new ArrayList<>();
      for (int i = 0; i < outlines.getLength(); i++) {
        org.w3c.dom.Element o = (org.w3c.dom.Element) outlines.item(i);
        if (o.getAttribute("xmlUrl").endsWith("/feeds/ctl.rss")) {
          titles.add(o.getAttribute("title"));
        }
      }
      assertEquals(List.of("Syndic · 控制 / Control & <more>"), titles);
    } finally {
      assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/categories/ctl")).code());
    }
  }

  static void assertHarmless(String what, String html) {
    Document doc = Jsoup.parseBodyFragment(html);
    for (Element el : doc.body().getAllElements()) {
      assertFalse(List.of("script", "style", "iframe", "object", "embed", "meta", "form", "input", "button", "base", "link", "svg", "math",
          "template", "noscript", "frame", "frameset", "applet").contains(el.normalName()), () -> what + ": <" + el.normalName() + "> in " + html);
      for (Attribute a : el.attributes()) {
        String name = a.getKey().toLowerCase(Locale.ROOT);
        assertFalse(name.startsWith("on") || name.equals("style") || name.equals("srcdoc") || name.equals("formaction"),
            () -> what + ": attribute " + name + " in " + html);
        if (name.equals("href") || name.equals("src") || name.endsWith(":href") || name.equals("action") || name.equals("data")) {
          String value = a.getValue().replaceAll("[\\s\\p{Cntrl}]", "").toLowerCase(Locale.ROOT);
          assertTrue(value.startsWith("http://") || value.startsWith("https://") || value.startsWith("mailto:"),
              () -> what + ": " + name + "=" + a.getValue());
        }
      }
    }
    String lower = html.toLowerCase(Locale.ROOT);
    assertFalse(lower.contains("javascript:") || lower.contains("vbscript:") || lower.contains("alert("), () -> what + ": " + html);
  }

  /** Item guid (the last path segment of its link) to its content HTML, for any format. */
  @SuppressWarnings("unchecked")
  Map<String, String> contents(String path) throws Exception {
    String body = http.toBlocking().retrieve(path);
    Map<String, String> out = new java.util.HashMap<>();
    if (path.contains(".json")) {
      Map<String, Object> feed = json.readValue(body, Map.class);
      for (Map<String, Object> item : (List<Map<String, Object>>) feed.get("items")) {
        out.put(guid((String) item.get("url")), (String) item.get("content_html"));
      }
      return out;
    }
    Document xml = Jsoup.parse(body, "", Parser.xmlParser());
    boolean rss = path.contains(".rss");
    for (Element item : xml.select(rss ? "item" : "entry")) {
      String link = rss ? item.selectFirst("link").text() : item.selectFirst("link[rel=alternate]").attr("href");
      out.put(guid(link), item.selectFirst(rss ? "description" : "content").text());
    }
    return out;
  }

  private String disclaimerOf(String guid) throws Exception {
    String html = contents("/feeds/ai.json").get(guid);
    return Jsoup.parseBodyFragment(html).selectFirst("p." + Disclaimer.CSS_CLASS).text();
  }

  private long create(String scope, String key, String language, String template) {
    Map<String, Object> d = api.body(HttpRequest.POST("/api/v1/disclaimers", Map.of("scope", scope, "scopeKey", key, "language", language,
        "template", template)));
    return ((Number) d.get("id")).longValue();
  }

  private static String guid(String link) {
    return link == null ? "" : link.substring(link.lastIndexOf('/') + 1);
  }

  private static String item(String guid, String title, String html) {
    return "<item><guid>" + guid + "</guid><title>" + title.replace("&", "&amp;").replace("<", "&lt;") + "</title><link>https://test.example.com/"
        + guid + "</link><description><![CDATA[" + html + "]]></description><pubDate>Tue, 17 Mar 2026 08:00:00 GMT</pubDate></item>\n";
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
