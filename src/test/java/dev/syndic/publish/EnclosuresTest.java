package dev.syndic.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A podcast's episodes and a video feed's clips keep their files through ingest to every outbound
 * format, the admin API and partners: addresses read against the item's link or xml:base, only
 * http(s) ones, a type that is no media type and a length that is no number left out.
 */
@MicronautTest(transactional = false)
class EnclosuresTest extends FeedServerTest {

  private static final String EP1 = "https://pod.example.com/audio/ep1.mp3";
  private static final String EP2 = "https://cdn.example.com/ep2.m4a";
  private static final String EP3 = "https://cdn.example.com/ep3.mp4";
  private static final String NOTES = "https://cdn.example.com/notes.pdf";
  private static final String CLIP = "https://video.example.org/clips/barge.webm";

  @Inject
  ObjectMapper json;

  long podcast;

  @BeforeAll
  void ingest() {
    server.serve("/podcast.xml", Fixtures.feed("podcast-enclosures.xml"));
    server.serve("/clips.atom", Fixtures.feed("video-enclosures.atom"));
    podcast = ((Number) api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", server.url("/podcast.xml"), "category", "entertainment")))
        .get("id")).longValue();
    assertEquals("ok", api.poll(podcast).get("outcome"));
    assertEquals("ok", api.poll(api.addSource(server.url("/clips.atom"))).get("outcome"));
  }

  @Test
  void theAdminApiShowsEachEntrysCheckedFiles() {
    Map<String, Object> byGuid = new HashMap<>();
    api.entries("source=" + podcast).forEach(e -> byGuid.put((String) e.get("guid"), e.get("enclosures")));
    assertEquals(List.of(file(EP1, "audio/mpeg", 12345678)), byGuid.get("pod-ep1"), "read against the item's link");
    assertEquals(List.of(file(EP2, "audio/mp4", null)), byGuid.get("pod-ep2"),
        "javascript: and ftp: addresses dropped, the type without its parameters, a length that is no number left out");
    assertEquals(List.of(file(EP3, "video/mp4", 999)), byGuid.get("pod-ep3"), "Media RSS content");
    assertEquals(List.of(file(NOTES, null, 2048)), byGuid.get("pod-notes"), "a type that is no media type left out");
  }

  @Test
  void rssCarriesTheFirstFileOfEachItemWithTheAttributesItRequires() {
    Document rss = xml("/feeds/all.rss?limit=500");
    assertEquals(Map.of("url", EP1, "length", "12345678", "type", "audio/mpeg"), enclosure(rss, "https://pod.example.com/episodes/ep1"));
    assertEquals(Map.of("url", EP2, "length", "0", "type", "audio/mp4"), enclosure(rss, "https://pod.example.com/episodes/ep2"));
    assertEquals(Map.of("url", NOTES, "length", "2048", "type", "application/octet-stream"), enclosure(rss, "https://pod.example.com/notes"));
    assertEquals(Map.of("url", CLIP, "length", "2048", "type", "video/webm"), enclosure(rss, "https://video.example.org/clips/barge.html"));
    assertFalse(rss.outerHtml().contains("javascript:alert(1)"));
  }

  @Test
  void atomLinksEveryFileAsAnEnclosureUnderItsXmlBase() {
    Document atom = xml("/feeds/all.atom?limit=500");
    Element entry = atom.select("entry").stream()
        .filter(e -> e.select("link[rel=alternate]").attr("href").equals("https://video.example.org/clips/barge.html")).findFirst().orElseThrow();
    Element link = entry.selectFirst("link[rel=enclosure]");
    assertNotNull(link, entry::outerHtml);
    assertEquals(CLIP, link.attr("href"));
    assertEquals("video/webm", link.attr("type"));
    assertEquals("2048", link.attr("length"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonFeedListsTheFilesAsAttachmentsAndPartnersGetThemToo() throws Exception {
    Map<String, Object> feed = json.readValue(http.toBlocking().retrieve("/feeds/all.json?limit=500"), Map.class);
    Map<String, Object> ep3 = ((List<Map<String, Object>>) feed.get("items")).stream()
        .filter(i -> "https://pod.example.com/episodes/ep3".equals(i.get("url"))).findFirst().orElseThrow();
    assertEquals(List.of(Map.of("url", EP3, "mime_type", "video/mp4", "size_in_bytes", 999)), ep3.get("attachments"));

    Map<String, Object> created = api.body(HttpRequest.POST("/api/v1/partners",
        Map.of("name", "enclosures-test", "categories", List.of("entertainment"), "ratePerMinute", 1000)));
    String key = (String) created.get("key");
    Map<String, Object> ep1 = null;
    String cursor = null;
    do {
      Map<String, Object> page = http.toBlocking().retrieve(HttpRequest.GET("/partner/v1/entries?category=entertainment&limit=500"
          + (cursor == null ? "" : "&cursor=" + cursor)).bearerAuth(key), Map.class);
      for (Map<String, Object> item : (List<Map<String, Object>>) page.get("items")) {
        if ("https://pod.example.com/episodes/ep1".equals(item.get("link"))) {
          ep1 = item;
        }
      }
      cursor = (String) page.get("next");
    } while (ep1 == null && cursor != null);
    assertNotNull(ep1, "the partner reads the episode");
    assertEquals(List.of(file(EP1, "audio/mpeg", 12345678)), ep1.get("enclosures"));
  }

  /** A file attached to an item already stored reaches readers at the next poll; the item is not an update for it. */
  @Test
  void aFileAttachedLaterIsTakenWithoutAnUpdate() {
    String item = "<item><guid>late-1</guid><title>Episode 4: the tug crews</title><link>https://pod.example.com/episodes/ep4</link>"
        + "<description>Tug crews on a night of heavy weather.</description>%s</item>";
    String feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Late files</title><link>https://pod.example.com/</link>"
        + "<description>d</description>%s</channel></rss>";
    server.serve("/late.xml", feed.formatted(item.formatted("")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    long late = api.addSource(server.url("/late.xml"));
    api.poll(late);
    assertEquals(List.of(), api.entries("source=" + late).get(0).get("enclosures"));

    server.serve("/late.xml", feed.formatted(item.formatted("<enclosure url=\"https://cdn.example.com/ep4.mp3\" length=\"10\" type=\"audio/mpeg\"/>"))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Map<String, Object> fetch = api.poll(late);

    assertEquals(0, ((Number) fetch.get("updatedEntries")).intValue(), "the words are the same");
    Map<String, Object> entry = api.entries("source=" + late).get(0);
    assertEquals(List.of(file("https://cdn.example.com/ep4.mp3", "audio/mpeg", 10)), entry.get("enclosures"));
    assertEquals(1, ((Number) entry.get("revision")).intValue(), "not a new revision");
  }

  private static Map<String, Object> file(String url, String type, Integer length) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("url", url);
    f.put("type", type);
    f.put("length", length);
    return f;
  }

  private Document xml(String path) {
    return Jsoup.parse(http.toBlocking().retrieve(path), "", Parser.xmlParser());
  }

  private static Map<String, String> enclosure(Document rss, String link) {
    Element item = rss.select("item").stream().filter(i -> i.selectFirst("link").text().equals(link)).findFirst()
        .orElseThrow(() -> new AssertionError("no item " + link));
    List<Element> enclosures = item.select("enclosure");
    assertEquals(1, enclosures.size(), item::outerHtml);
    Element e = enclosures.get(0);
    return Map.of("url", e.attr("url"), "length", e.attr("length"), "type", e.attr("type"));
  }
}
