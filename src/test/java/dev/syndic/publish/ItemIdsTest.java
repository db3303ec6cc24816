package dev.syndic.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.syndic.support.Await;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readers and partners know an item by its id: a source that moves (a publisher's permanent
 * redirect, http to https, or an admin's new address) must not give its stored entries new ids,
 * or every reader shows them all again as new and partners republish them twice.
 */
@MicronautTest(transactional = false)
class ItemIdsTest extends FeedServerTest {

  private static final byte[] FEED = Fixtures.rss(new String[] {"move-1", "Moving feed story one", "<p>First story of a feed that moves.</p>"},
      new String[] {"move-2", "Moving feed story two", "<p>Second story of a feed that moves.</p>"});

  @Inject
  ObjectMapper json;

  @Test
  void aPermanentRedirectKeepsTheIdsOfStoredEntries() {
    server.serve("/old.xml", FEED);
    long id = source("/old.xml");
    assertEquals("ok", api.poll(id).get("outcome"));
    Map<String, String> before = idsWith("Moving feed story two");

    server.redirect("/old.xml", 301, server.url("/new.xml"));
    server.serve("/new.xml", Fixtures.rss(new String[] {"move-1", "Moving feed story one", "<p>First story of a feed that moves.</p>"},
        new String[] {"move-2", "Moving feed story two", "<p>Second story of a feed that moves.</p>"},
        new String[] {"move-3", "Moving feed story three", "<p>A story first seen at the new address.</p>"}));
    assertEquals("ok", api.poll(id).get("outcome"));
    assertEquals(server.url("/new.xml"), api.body(HttpRequest.GET("/api/v1/sources/" + id)).get("url"), "the move is stored");

    Map<String, String> after = idsWith("Moving feed story three");
    assertEquals(before.get("Moving feed story one"), after.get("Moving feed story one"));
    assertEquals(before.get("Moving feed story two"), after.get("Moving feed story two"));
    assertNotNull(after.get("Moving feed story three"));
    assertNotEquals(after.get("Moving feed story one"), after.get("Moving feed story three"));
    assertEquals(before.get("Moving feed story one"), partnerIds().get("Moving feed story one"), "partners get the same id");
  }

  @Test
  void anAdminsNewAddressKeepsTheIdsOfStoredEntries() {
    server.serve("/admin-old.xml", Fixtures.rss(new String[] {"adm-1", "Readdressed story", "<p>A story whose feed an admin readdresses.</p>"}));
    long id = source("/admin-old.xml");
    assertEquals("ok", api.poll(id).get("outcome"));
    String before = idsWith("Readdressed story").get("Readdressed story");
    assertNotNull(before);

    String[] story = {"adm-1", "Readdressed story", "<p>A story whose feed an admin readdresses.</p>"};
    server.serve("/admin-new.xml", Fixtures.rss(story, new String[] {"adm-2", "Readdressed once", "<p>Seen at the second address.</p>"}));
    api.body(HttpRequest.PATCH("/api/v1/sources/" + id, Map.of("url", server.url("/admin-new.xml"))));
    assertEquals("ok", api.poll(id).get("outcome"));
    assertEquals(before, idsWith("Readdressed once").get("Readdressed story"));
    // A second move keeps the first address too.
    server.serve("/admin-newer.xml", Fixtures.rss(story, new String[] {"adm-3", "Readdressed twice", "<p>Seen at the third address.</p>"}));
    api.body(HttpRequest.PATCH("/api/v1/sources/" + id, Map.of("url", server.url("/admin-newer.xml"))));
    assertEquals("ok", api.poll(id).get("outcome"));
    assertEquals(before, idsWith("Readdressed twice").get("Readdressed story"));
  }

  /**
   * A copy republished by a content site is stored first; the original, published earlier, arrives
   * later and becomes the entry shown. The story keeps the id readers already have (its title and
   * link are the original's now): a new id showed them the story a second time.
   */
  @Test
  void aStoryKeepsItsIdWhenAnotherCopyBecomesTheOneShown() {
    server.serve("/copy.xml", Fixtures.sample("samples/republished-zh.xml"));
    long copy = source("/copy.xml");
    assertEquals("ok", api.poll(copy).get("outcome"));
    Map<String, String> before = idsWith("国产大模型API再掀降价潮 推理成本竞赛升温");
    String shown = before.get("国产大模型API再掀降价潮 推理成本竞赛升温");
    assertNotNull(shown);

    server.serve("/original.xml", Fixtures.sample("samples/ai-zh.xml"));
    assertEquals("ok", api.poll(source("/original.xml")).get("outcome"));
    @SuppressWarnings("unchecked")
    Map<String, Object>[] item = new Map[1];
    Await.until("the original shown for the story", Duration.ofSeconds(10), () -> (item[0] = itemsByTitle().get("国产大模型API再掀降价潮 推理成本竞赛升温")) != null
        && "https://news.example.cn/ai/2026/03/16/llm-api-price-cut.html".equals(item[0].get("url")));

    assertEquals(shown, item[0].get("id"), "the story's id stays");
    assertEquals(1, items().stream().filter(i -> i.get("title").equals("国产大模型API再掀降价潮 推理成本竞赛升温")).count(), "once in the feed");
  }

  private long source(String path) {
    return ((Number) api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", server.url(path), "category", "ai"))).get("id")).longValue();
  }

  /** The ids once the feed shows {@code title}: a rendering made after the last poll. */
  @SuppressWarnings("unchecked")
  private Map<String, String> idsWith(String title) {
    Map<String, String>[] ids = new Map[1];
    Await.until("the feed showing " + title, Duration.ofSeconds(10), () -> (ids[0] = idsByTitle()).containsKey(title));
    return ids[0];
  }

  /** The ids of the {@code all} JSON feed by title. */
  private Map<String, String> idsByTitle() {
    Map<String, String> ids = new HashMap<>();
    itemsByTitle().forEach((title, item) -> ids.put(title, (String) item.get("id")));
    return ids;
  }

  /** The items of the {@code all} JSON feed by title. */
  private Map<String, Map<String, Object>> itemsByTitle() {
    Map<String, Map<String, Object>> byTitle = new HashMap<>();
    items().forEach(item -> byTitle.put((String) item.get("title"), item));
    return byTitle;
  }

  /** The items of the {@code all} JSON feed. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> items() {
    try {
      return (List<Map<String, Object>>) json.readValue(http.toBlocking().retrieve("/feeds/all.json?limit=500"), Map.class).get("items");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> partnerIds() {
    Map<String, Object> created = api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", "ids-test", "categories", List.of("all"),
        "ratePerMinute", 1000)));
    String key = (String) created.get("key");
    Map<String, Object> page = http.toBlocking().retrieve(HttpRequest.GET("/partner/v1/entries?limit=100").bearerAuth(key), Map.class);
    Map<String, String> ids = new HashMap<>();
    for (Map<String, Object> item : (List<Map<String, Object>>) page.get("items")) {
      ids.put((String) item.get("title"), (String) item.get("id"));
    }
    return ids;
  }
}
