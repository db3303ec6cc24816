package dev.syndic.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Await;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The text that goes out, character by character: what a strict reader or a partner's HTML
 * parser receives from the feed {@code feeds/outbound-text.xml} (emoji where summaries are cut,
 * character references to controls, links with tracking parameters).
 */
@MicronautTest(transactional = false)
class OutboundTextTest extends FeedServerTest {

  private static final Pattern REFERENCE = Pattern.compile("&#([xX][0-9a-fA-F]+|[0-9]+);");

  @Inject
  ObjectMapper json;

  String summaryKey;

  @BeforeAll
  void ingest() {
    server.serve("/outbound-text.xml", Fixtures.feed("outbound-text.xml"));
    Map<String, Object> source = api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", server.url("/outbound-text.xml"), "category", "ai")));
    assertEquals("ok", api.poll(((Number) source.get("id")).longValue()).get("outcome"));
    @SuppressWarnings("unchecked")
    Map<String, Object> partner = (Map<String, Object>) api.body(HttpRequest.POST("/api/v1/partners",
        Map.of("name", "outbound-summary", "categories", List.of("ai"), "ratePerMinute", 100_000, "fullContent", false, "related", true)));
    summaryKey = (String) partner.get("key");
  }

  /**
   * A summary cut where an emoji (two UTF-16 units) stands must not keep half of it: the half goes
   * out as {@code &#xd83d;}, a reference to no character, which HTML parsers turn into U+FFFD and
   * XML parsers of XHTML reject.
   */
  @Test
  void aSummaryNeverSplitsACharacter() throws Exception {
    List<Map<String, Object>> items = partnerItems("/partner/v1/entries?category=ai&limit=50");
    String emoji = item(items, "emoji-summary");
    assertTrue(emoji.contains("大模，…") || emoji.contains("🤖…"), emoji);
    for (Map<String, Object> item : items) {
      String html = (String) item.get("contentHtml");
      assertWhole(item.get("title") + " (partner summary)", html);
      assertTrue(html.contains("syndic-related"), "the related block, with summaries of 90 characters, is on: " + item.get("title"));
    }
  }

  /**
   * A character reference decodes to its character after the cleaner dropped the controls of the
   * text it was given: {@code &#1;} in a body went out as {@code &#x1;}, which strict readers reject
   * like the character itself, and a lone surrogate's reference as the reference to no character.
   */
  @Test
  @SuppressWarnings("unchecked")
  void characterReferencesToForbiddenCodePointsAreDropped() throws Exception {
    List<Map<String, Object>> items = (List<Map<String, Object>>) json.readValue(http.toBlocking().retrieve("/feeds/ai.json"), Map.class).get("items");
    Map<String, Object> refs = items.stream().filter(i -> String.valueOf(i.get("url")).endsWith("/char-refs.html")).findFirst().orElseThrow();
    assertEquals("人工智能周报第十二期", refs.get("title"));
    String html = (String) refs.get("content_html");
    // &#x85; stays as "…": HTML reads references to C1 controls as Windows-1252 does.
    assertTrue(html.contains("控制字符与和…、非字符以及孤立代理都不该出现。"), html);
    assertTrue(html.contains("alt=\"图表说明\""), html);
    for (Map<String, Object> item : items) {
      assertWhole(item.get("title") + " (public feed)", (String) item.get("content_html"));
      assertWhole("the title " + item.get("title"), Entities.escape((String) item.get("title")));
    }
  }

  /**
   * Links go out without the publisher's tracking parameters ({@code utm_*}, {@code fbclid},
   * {@code gclid}, {@code spm}, ...), in the item's link and in the body, everything else of them
   * kept (other parameters in their order, the fragment).
   */
  @Test
  @SuppressWarnings("unchecked")
  void trackingParametersLeaveTheLinksThatGoOut() throws Exception {
    List<Map<String, Object>> items = (List<Map<String, Object>>) json.readValue(http.toBlocking().retrieve("/feeds/ai.json"), Map.class).get("items");
    Map<String, Object> tracked = items.stream().filter(i -> String.valueOf(i.get("url")).contains("/tracking.html")).findFirst().orElseThrow();
    assertEquals("https://news.example.cn/ai/tracking.html?id=7", tracked.get("url"));
    Document body = Jsoup.parseBodyFragment((String) tracked.get("content_html"));
    assertEquals(List.of("https://x.example.com/p?id=3#part", "https://news.example.cn/ai/next.html?page=2", "https://x.example.com/q"),
        body.select("a[href]").stream().filter(a -> !a.parents().hasClass(ItemComposer.RELATED_CLASS)).map(a -> a.attr("href")).toList());
    String rss = http.toBlocking().retrieve("/feeds/ai.rss");
    assertTrue(rss.contains("<link>https://news.example.cn/ai/tracking.html?id=7</link>"), rss);
    assertFalse(rss.contains("utm_"), "no tracking parameter anywhere in the feed");
    assertEquals("https://news.example.cn/ai/tracking.html?id=7", partnerItems("/partner/v1/entries?category=ai").stream()
        .map(i -> (String) i.get("link")).filter(l -> l.contains("/tracking.html")).findFirst().orElseThrow());
  }

  /**
   * A template whose words hold an apostrophe or a quotation mark is recognised in content too:
   * the content's text has {@code '} where the check looked for {@code &apos;}, so a copy that
   * already carried the disclaimer went out with two.
   */
  @Test
  @SuppressWarnings("unchecked")
  void aDisclaimerWithAnApostropheIsNotDoubled() throws Exception {
    long template = ((Number) api.body(HttpRequest.POST("/api/v1/disclaimers", Map.of("scope", "global", "language", "en",
        "template", "Republished from {source}; this article's views aren't {site}'s."))).get("id")).longValue();
    try {
      Await.until("the template in the feed", Duration.ofSeconds(10), () -> http.toBlocking().retrieve("/feeds/ai.json").contains("Republished from 示例"));
      List<Map<String, Object>> items = (List<Map<String, Object>>) json.readValue(http.toBlocking().retrieve("/feeds/ai.json"), Map.class).get("items");
      String html = items.stream().filter(i -> String.valueOf(i.get("url")).endsWith("/open-model.html")).map(i -> (String) i.get("content_html"))
          .findFirst().orElseThrow();
      String text = Jsoup.parseBodyFragment(html).text();
      assertEquals(1, text.split("views aren't", -1).length - 1, text);
      assertTrue(text.endsWith("Republished from 示例科技新闻; this article's views aren't Syndic's."), text);
      assertTrue(text.startsWith("An AI lab released an open model"), text);
    } finally {
      assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/disclaimers/" + template)).code());
    }
  }

  /**
   * A source whose title an admin cleared is still named in the disclaimer, by its address as in
   * the item's source: "was published by ;" attributed the story to no one.
   */
  @Test
  @SuppressWarnings("unchecked")
  void aSourceWithoutATitleIsNamedByItsAddressInTheDisclaimer() throws Exception {
    server.serve("/untitled.xml", Fixtures.rss(new String[] {"nameless-1", "AI lab ships a compiler model", "<p>An AI lab shipped a model.</p>"}));
    String url = server.url("/untitled.xml");
    long id = ((Number) api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", url, "category", "ai"))).get("id")).longValue();
    assertEquals("ok", api.poll(id).get("outcome"));
    api.body(HttpRequest.PATCH("/api/v1/sources/" + id, Map.of("title", "")));
    Await.until("the untitled source in the feed", Duration.ofSeconds(10), () -> http.toBlocking().retrieve("/feeds/ai.json").contains("published by " + url));
    Map<String, Object> item = ((List<Map<String, Object>>) json.readValue(http.toBlocking().retrieve("/feeds/ai.json"), Map.class).get("items"))
        .stream().filter(i -> String.valueOf(i.get("url")).endsWith("/nameless-1")).findFirst().orElseThrow();
    assertTrue(((String) item.get("content_html")).contains("was published by " + url + ";"), (String) item.get("content_html"));
    assertEquals(url, ((Map<String, Object>) item.get("_source")).get("title"));
    String home = http.toBlocking().retrieve("/");
    assertTrue(home.contains("<small>" + url + " · "), "the home page names it the same way");
  }

  /**
   * 『』 around keywords is decoration in Simplified Chinese content farms, but in Traditional
   * Chinese, which quotes with 「」, it is the inner quotation mark: a story quoting a law's name
   * inside a quotation lost its punctuation.
   */
  @Test
  @SuppressWarnings("unchecked")
  void innerQuotationMarksOfTraditionalChineseStay() throws Exception {
    List<Map<String, Object>> items = (List<Map<String, Object>>) json.readValue(http.toBlocking().retrieve("/feeds/ai.json"), Map.class).get("items");
    String html = items.stream().filter(i -> String.valueOf(i.get("url")).endsWith("/basic-law.html")).map(i -> (String) i.get("content_html"))
        .findFirst().orElseThrow();
    assertTrue(html.contains("院長表示：「這部『人工智慧基本法』是重要的一步，業界說『終於等到了』。」"), html);
  }

  private static String item(List<Map<String, Object>> items, String linkEnd) {
    return items.stream().filter(i -> String.valueOf(i.get("link")).contains("/" + linkEnd)).map(i -> (String) i.get("contentHtml"))
        .findFirst().orElseThrow(() -> new AssertionError("no item " + linkEnd));
  }

  /** No reference to a forbidden code point, no lone surrogate, no U+FFFD in the text a parser reads. */
  private static void assertWhole(String what, String html) {
    Matcher m = REFERENCE.matcher(html);
    while (m.find()) {
      String n = m.group(1);
      int cp = n.charAt(0) == 'x' || n.charAt(0) == 'X' ? Integer.parseInt(n.substring(1), 16) : Integer.parseInt(n);
      assertFalse(forbidden(cp), () -> what + " has a reference to a forbidden code point, " + m.group() + ": " + html);
    }
    Document doc = Jsoup.parseBodyFragment(html);
    StringBuilder all = new StringBuilder(doc.body().text());
    for (Element e : doc.body().getAllElements()) {
      e.attributes().forEach(a -> all.append(' ').append(a.getValue()));
    }
    all.codePoints().forEach(cp -> assertFalse(forbidden(cp), () -> what + " carries U+" + Integer.toHexString(cp) + ": " + html));
  }

  private static boolean forbidden(int cp) {
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f') || (cp >= 0x7F && cp <= 0x9F)
        || (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE || cp == 0xFFFD;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> partnerItems(String path) throws Exception {
    Map<String, Object> page = json.readValue(http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(summaryKey)), Map.class);
    return (List<Map<String, Object>>) page.get("items");
  }
}
