package dev.syndic.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Await;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Cross-source clusters, admin split and merge, tombstones, and feeds that are awkward to key. */
@MicronautTest(transactional = false)
@Property(name = "syndic.catalogue.import-on-first-start", value = "false")
class DedupeTest extends FeedServerTest {

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  static final String ORIGINAL_GUID = "news.example.cn:ai:20260316-0412";
  static final String COPY_GUID = "zixun-a-8f3a9c21";

  @Test
  void theRepublishedSampleJoinsItsOriginalEvenWhenBothArriveAtOnce() throws Exception {
    server.serve("/orig.xml", Fixtures.sample("samples/ai-zh.xml"));
    server.serve("/copy.xml", Fixtures.sample("samples/republished-zh.xml"));
    long original = api.addSource(server.url("/orig.xml"));
    long copy = api.addSource(server.url("/copy.xml"));
    CompletableFuture<?> a = CompletableFuture.runAsync(() -> api.poll(original));
    CompletableFuture<?> b = CompletableFuture.runAsync(() -> api.poll(copy));
    CompletableFuture.allOf(a, b).get();

    Map<String, Object> o = byGuid("source=" + original, ORIGINAL_GUID);
    Map<String, Object> c = byGuid("source=" + copy, COPY_GUID);
    assertEquals(o.get("clusterId"), c.get("clusterId"));
    assertTrue((Boolean) o.get("canonical"), "the original, published first, is canonical");
    assertFalse((Boolean) c.get("canonical"));
    assertEquals(6, api.entries("source=" + original).size(), "every source keeps all its entries");
    assertEquals(4, api.entries("source=" + copy).size());

    Map<String, Object> detail = api.body(HttpRequest.GET("/api/v1/entries/" + c.get("id")));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> duplicates = (List<Map<String, Object>>) detail.get("duplicates");
    assertEquals(List.of(o.get("id")), duplicates.stream().map(d -> d.get("id")).toList());
    String content = (String) detail.get("content");
    assertFalse(content.contains("猜你喜欢") || content.contains("仅提供信息存储空间服务") || content.contains("『"),
        () -> "readers get the story without the republisher's noise: " + content);
    assertFalse(((String) detail.get("title")).endsWith(")"), "the SEO suffix is gone from the title");

    String feed = http.toBlocking().retrieve("/feeds/all.rss?limit=500");
    assertEquals(1, count(feed, "<title>国产大模型API再掀降价潮"), "the story appears once in outbound feeds");

    // An admin splits the copy out, then merges it back.
    Map<String, Object> split = api.body(HttpRequest.POST("/api/v1/entries/" + c.get("id") + "/split", ""));
    assertEquals(c.get("id"), split.get("clusterId"));
    assertTrue((Boolean) split.get("canonical"));
    assertTrue((Boolean) byGuid("source=" + original, ORIGINAL_GUID).get("canonical"));
    Map<String, Object> merged = api.body(HttpRequest.POST("/api/v1/entries/" + o.get("id") + "/merge", Map.of("with", c.get("id"))));
    Object cluster = byGuid("source=" + original, ORIGINAL_GUID).get("clusterId");
    assertEquals(cluster, merged.get("clusterId"));
    assertEquals(cluster, byGuid("source=" + copy, COPY_GUID).get("clusterId"));
    assertFalse((Boolean) byGuid("source=" + copy, COPY_GUID).get("canonical"));
    assertEquals(400, api.call(HttpRequest.POST("/api/v1/entries/" + o.get("id") + "/merge", Map.of())).code());
  }

  /**
   * Unsubscribing from the source whose copy of a story was canonical leaves the story in the
   * feeds through another source's copy: the copies left behind keep a cluster and a canonical.
   */
  @Test
  void aDeletedSourceLeavesTheStoriesItSharedToTheOtherSourcesCopies() {
    String title = "Harbour cranes idle as dock workers strike for a third week";
    String body = "<p>Container ships queued outside the harbour on Monday as the dock workers' strike entered its third week, "
        + "with union leaders and port operators still far apart on pay and automation.</p>";
    server.serve("/unsub-orig.xml", Fixtures.rss(new String[] {"unsub-orig-1", title, body}));
    server.serve("/unsub-copy.xml", Fixtures.rss(new String[] {"unsub-copy-1", title, body}));
    long original = api.addSource(server.url("/unsub-orig.xml"));
    long copy = api.addSource(server.url("/unsub-copy.xml"));
    api.poll(original);
    api.poll(copy);
    Map<String, Object> o = byGuid("source=" + original, "unsub-orig-1");
    Map<String, Object> c = byGuid("source=" + copy, "unsub-copy-1");
    assertEquals(o.get("clusterId"), c.get("clusterId"));
    assertFalse((Boolean) c.get("canonical"));

    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/sources/" + original)).code());

    Map<String, Object> left = byGuid("source=" + copy, "unsub-copy-1");
    assertTrue((Boolean) left.get("canonical"), "the copy left behind is its story's canonical entry now");
    assertEquals(left.get("id"), left.get("clusterId"), "and its cluster is named after an entry that exists");
    awaitOnceInFeeds("the story still in the feeds, once", "<title>" + title);
  }

  /**
   * A source that publishes a report every day in the same words but for its figures: its items
   * are never clustered with each other, yet once another source had copied Monday's report, the
   * copy matched Tuesday's and put it in Monday's cluster, so Tuesday's report never reached the
   * feeds (its cluster was shown by Monday's). A new entry does not join a cluster holding an
   * entry of its own source.
   */
  @Test
  void aCopyFromAnotherSourceDoesNotClusterTwoItemsOfOneSource() {
    String monday = dailyReport("Monday", "2,412", "1.8");
    String tuesday = dailyReport("Tuesday", "2,398", "2.1");
    server.serve("/daily.xml", Fixtures.rss(new String[] {"daily-mon", "Grain market report: Monday", monday}));
    server.serve("/daily-copy.xml", Fixtures.rss(new String[] {"copy-mon", "Grain market report: Monday", monday}));
    long daily = api.addSource(server.url("/daily.xml"));
    long copy = api.addSource(server.url("/daily-copy.xml"));
    api.poll(daily);
    api.poll(copy);
    Object mondayCluster = byGuid("source=" + daily, "daily-mon").get("clusterId");
    assertEquals(mondayCluster, byGuid("source=" + copy, "copy-mon").get("clusterId"), "the copy is Monday's story");

    server.serve("/daily.xml", Fixtures.rss(new String[] {"daily-tue", "Grain market report: Tuesday", tuesday},
        new String[] {"daily-mon", "Grain market report: Monday", monday}));
    api.poll(daily);

    Map<String, Object> tue = byGuid("source=" + daily, "daily-tue");
    assertNotEquals(mondayCluster, tue.get("clusterId"), "two items of one source are two stories");
    assertTrue((Boolean) tue.get("canonical"), "Tuesday's report is shown");
    awaitOnceInFeeds("Tuesday's report in the feeds", "<title>Grain market report: Tuesday");
  }

  /**
   * The canonical entry of a story is the one published first. The original's publisher corrected
   * its story and its date, now later than a copy's: the original stayed canonical, and stayed so
   * until something else in the cluster changed. The canonical entry is chosen again when an entry
   * that shares its story changes.
   */
  @Test
  void aPublishersEditThatMovesTheDateChoosesTheCanonicalEntryAgain() {
    String title = "Ferry services cancelled as gales sweep the northern isles";
    String body = "<p>Every ferry sailing to the northern isles was cancelled on Thursday as gales of up to ninety miles an hour "
        + "swept the coast, leaving islanders without deliveries of fuel and fresh food for a second day.</p>";
    server.serve("/redated-a.xml", Fixtures.rss(new String[] {"redated-a", title, body}));
    server.serve("/redated-b.xml", dated(item("redated-b", title, "https://redated.example.com/b", body, "Tue, 17 Mar 2026 09:00:00 GMT")));
    long a = api.addSource(server.url("/redated-a.xml"));
    long b = api.addSource(server.url("/redated-b.xml"));
    api.poll(a);
    api.poll(b);
    assertTrue((Boolean) byGuid("source=" + a, "redated-a").get("canonical"), "published at 08:00, before the copy");

    server.serve("/redated-a.xml", dated(item("redated-a", title, "https://test.example.com/redated-a",
        body + "<p>Correction: the cancellations began on Thursday evening.</p>", "Tue, 17 Mar 2026 10:00:00 GMT")));
    assertEquals(1, ((Number) api.poll(a).get("updatedEntries")).intValue());

    Map<String, Object> original = byGuid("source=" + a, "redated-a");
    Map<String, Object> copy = byGuid("source=" + b, "redated-b");
    assertEquals(original.get("clusterId"), copy.get("clusterId"));
    assertEquals("2026-03-17T10:00:00Z", original.get("published"));
    assertTrue((Boolean) copy.get("canonical"), "the copy, at 09:00, is now the first published");
    assertFalse((Boolean) original.get("canonical"));
  }

  /**
   * A publisher rewrites its entry, the canonical one of a story another source copied, as another
   * story under the same GUID (a desk's "top story" slot, a wrong body pasted and corrected). It
   * stayed in the cluster, canonical, so the feeds showed the new story and the copy of the first
   * was shown by nothing: the first story left the feeds.
   */
  @Test
  void anEntryRewrittenAsAnotherStoryLeavesTheStoryItNoLongerTells() {
    String title = "Flood barrier closes for the first time in a decade";
    String body = "<p>The river's flood barrier was closed on Sunday night for the first time in ten years, as a spring tide and "
        + "two days of heavy rain pushed water levels towards the top of the embankments through the old town and the docks.</p>";
    String other = "<p>The city's oldest bakery shut its doors on Saturday after serving bread for a hundred and twelve years, "
        + "its owners saying that rising flour and energy prices had made the ovens impossible to keep running any longer.</p>";
    server.serve("/rewritten-a.xml", dated(item("rewritten-a", title, "https://redated.example.com/a", body, "Tue, 17 Mar 2026 08:00:00 GMT")));
    server.serve("/rewritten-b.xml", dated(item("rewritten-b", title, "https://redated.example.com/b", body, "Tue, 17 Mar 2026 09:00:00 GMT")));
    long a = api.addSource(server.url("/rewritten-a.xml"));
    long b = api.addSource(server.url("/rewritten-b.xml"));
    api.poll(a);
    api.poll(b);
    assertEquals(byGuid("source=" + a, "rewritten-a").get("clusterId"), byGuid("source=" + b, "rewritten-b").get("clusterId"));
    assertTrue((Boolean) byGuid("source=" + a, "rewritten-a").get("canonical"));

    // Another source carries the story the entry is rewritten as, from before the rewrite.
    server.serve("/rewritten-c.xml", dated(item("rewritten-c", "Bakery closes its doors after 112 years",
        "https://redated.example.com/c", other, "Tue, 17 Mar 2026 10:00:00 GMT")));
    long c = api.addSource(server.url("/rewritten-c.xml"));
    api.poll(c);
    server.serve("/rewritten-a.xml", dated(item("rewritten-a", "Oldest bakery in the city closes after 112 years",
        "https://redated.example.com/a", other, "Tue, 17 Mar 2026 08:00:00 GMT")));
    assertEquals(1, ((Number) api.poll(a).get("updatedEntries")).intValue());

    Map<String, Object> rewritten = byGuid("source=" + a, "rewritten-a");
    Map<String, Object> copy = byGuid("source=" + b, "rewritten-b");
    assertNotEquals(rewritten.get("clusterId"), copy.get("clusterId"), "two stories now");
    assertTrue((Boolean) copy.get("canonical"), "the copy is what is left of the first story");
    awaitOnceInFeeds("the first story still in the feeds", "<title>" + title);
    assertEquals(byGuid("source=" + c, "rewritten-c").get("clusterId"), rewritten.get("clusterId"), "and it joins the story it tells now");
    assertTrue((Boolean) rewritten.get("canonical"), "published first");
    awaitOnceInFeeds("the second story once in the feeds", "<title>Oldest bakery", "<title>Bakery closes");
  }

  /**
   * Two feeds of one portal's headlines that link every item to the same section page (not the
   * site's root, which names no story already): each headline of the second feed matched a headline
   * of the first by that link, so unrelated stories were clustered in pairs, and one of each pair
   * left the feeds. A link that other items of the entry's own feed have names no story.
   */
  @Test
  void aLinkEveryItemOfAFeedSharesDoesNotMakeUnrelatedStoriesOne() {
    String section = "https://portal.example.com/news/index.html";
    server.serve("/section-a.xml", dated(item("sec-a-1", "快讯", section, "", "Tue, 17 Mar 2026 08:00:00 GMT")
        + item("sec-a-2", "Update", section, "", "Tue, 17 Mar 2026 07:00:00 GMT")));
    server.serve("/section-b.xml", dated(item("sec-b-1", "快讯", section, "", "Tue, 17 Mar 2026 09:00:00 GMT")
        + item("sec-b-2", "Update", section, "", "Tue, 17 Mar 2026 06:00:00 GMT")));
    long a = api.addSource(server.url("/section-a.xml"));
    long b = api.addSource(server.url("/section-b.xml"));
    api.poll(a);
    api.poll(b);

    Set<Object> clusters = new HashSet<>();
    for (Map<String, Object> e : api.entries("source=" + a)) {
      clusters.add(e.get("clusterId"));
    }
    for (Map<String, Object> e : api.entries("source=" + b)) {
      clusters.add(e.get("clusterId"));
    }
    assertEquals(4, clusters.size(), "four headlines with nothing in common but a section page: four stories");
  }

  /**
   * A content site whose CMS dates every item at the Unix epoch (1 January 1970, a date field left
   * at zero) copies a story: "published first", its copy became the story's canonical entry, and
   * the story sorted under every other in the feeds, off their first page. No web page, and no
   * feed, is older than the web: such a date is no date.
   */
  @Test
  void aCopyDatedAtTheUnixEpochDoesNotTakeTheStoryFromItsOriginal() {
    String title = "Tidal turbines begin supplying power to the island grid";
    String body = "<p>The first of six tidal turbines moored in the sound began sending power to the island's grid on Monday, "
        + "enough for four hundred homes, and the engineers expect the other five to be connected before the end of the summer.</p>";
    server.serve("/epoch-orig.xml", dated(item("epoch-orig", title, "https://redated.example.com/epoch-orig", body,
        "Tue, 17 Mar 2026 08:00:00 GMT")));
    server.serve("/epoch-copy.xml", dated(item("epoch-copy", title, "https://redated.example.com/epoch-copy", body,
        "Thu, 01 Jan 1970 00:00:00 GMT")));
    long original = api.addSource(server.url("/epoch-orig.xml"));
    long copy = api.addSource(server.url("/epoch-copy.xml"));
    api.poll(original);
    api.poll(copy);

    Map<String, Object> o = byGuid("source=" + original, "epoch-orig");
    Map<String, Object> c = byGuid("source=" + copy, "epoch-copy");
    assertEquals(o.get("clusterId"), c.get("clusterId"));
    assertTrue((Boolean) o.get("canonical"), "the original stays its story's canonical entry");
    assertFalse((Boolean) c.get("canonical"));
  }

  /**
   * An admin pins a story through the copy they found it by (the entry list, a search): the copy
   * was pinned, but feeds show the story by its canonical entry, so the pin changed nothing a
   * reader sees. A pinned visible entry puts its story first, by the entry that shows it.
   */
  @Test
  void pinningACopyPutsItsStoryFirstInTheFeeds() {
    String title = "Lighthouse keepers return to the rock after forty years";
    String body = "<p>For the first time in forty years the lighthouse on the rock has keepers again, two volunteers who will "
        + "live there through the summer to guide the visitors who come out by boat from the harbour every morning.</p>";
    server.serve("/pin-orig.xml", dated(item("pin-orig", title, "https://redated.example.com/pin-orig", body, "Mon, 16 Mar 2026 08:00:00 GMT")));
    server.serve("/pin-copy.xml", dated(item("pin-copy", title, "https://redated.example.com/pin-copy", body, "Mon, 16 Mar 2026 09:00:00 GMT")
        + item("pin-newer", "A newer story about something else entirely", "https://redated.example.com/pin-newer",
            "<p>Something else.</p>", "Wed, 18 Mar 2026 09:00:00 GMT")));
    long original = api.addSource(server.url("/pin-orig.xml"));
    long copy = api.addSource(server.url("/pin-copy.xml"));
    api.poll(original);
    api.poll(copy);
    Map<String, Object> c = byGuid("source=" + copy, "pin-copy");
    assertEquals(byGuid("source=" + original, "pin-orig").get("clusterId"), c.get("clusterId"));
    assertFalse((Boolean) c.get("canonical"));

    assertEquals(true, api.body(HttpRequest.PATCH("/api/v1/entries/" + c.get("id"), Map.of("pinned", true))).get("pinned"));

    Await.until("the pinned story first in the feed of every category", Duration.ofSeconds(10), () -> {
      String feed = http.toBlocking().retrieve("/feeds/all.rss?limit=500");
      int item = feed.indexOf("<item>");
      return item >= 0 && feed.indexOf("<title>" + title, item) >= 0 && feed.indexOf("<title>" + title, item) < feed.indexOf("</item>", item);
    });
    awaitOnceInFeeds("and once", "<title>" + title);
  }

  private static byte[] dated(String items) {
    return ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><link>https://redated.example.com/</link>"
        + "<description>d</description>" + items + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A mirror republishes a desk's two daily reports, written in fixed wording under one title, in
   * one poll: first a shortened copy (close to both days, a little closer to Tuesday), then
   * Tuesday's report word for word. Taken in feed order, the shortened copy took Tuesday's story
   * and left the exact copy Monday's; the closest pairs of a batch are joined first now.
   */
  @Test
  void theExactCopyOfADailyReportJoinsItsOwnDayWhenTheMirrorPostsTwo() {
    String title = "Harbour traffic bulletin from the port authority";
    String monday = harbourBulletin("Monday", "412", "18");
    String tuesday = harbourBulletin("Tuesday", "398", "14");
    server.serve("/desk.xml", Fixtures.rss(new String[] {"desk-tue", title, tuesday}, new String[] {"desk-mon", title, monday}));
    long desk = api.addSource(server.url("/desk.xml"));
    api.poll(desk);
    Object mondayCluster = byGuid("source=" + desk, "desk-mon").get("clusterId");
    Object tuesdayCluster = byGuid("source=" + desk, "desk-tue").get("clusterId");
    assertNotEquals(mondayCluster, tuesdayCluster);

    String shortened = "<p>Harbour traffic bulletin. The port authority counted 398 vessel movements, as container traffic from the southern "
        + "terminals recovered after the storm. Pilots reported light winds in the approach channel and no delays at the outer "
        + "anchorage. The next bulletin is issued tomorrow at noon.</p>";
    server.serve("/mirror.xml", Fixtures.rss(new String[] {"mirror-short", title, shortened}, new String[] {"mirror-tue", title, tuesday}));
    long mirror = api.addSource(server.url("/mirror.xml"));
    api.poll(mirror);

    assertEquals(tuesdayCluster, byGuid("source=" + mirror, "mirror-tue").get("clusterId"), "the word-for-word copy is Tuesday's story");
  }

  private static String harbourBulletin(String day, String movements, String more) {
    return "<p>Harbour traffic bulletin for " + day + ". The port authority counted " + movements + " vessel movements, " + more + " more than "
        + "the previous day, as container traffic from the southern terminals recovered after the storm. Pilots reported light winds in "
        + "the approach channel and no delays at the outer anchorage. The next bulletin is issued tomorrow at noon.</p>";
  }

  private static String dailyReport(String day, String price, String change) {
    return "<p>Grain market report for " + day + ". Wheat futures on the northern exchange closed at " + price + " yuan a tonne, a change of "
        + change + " percent on the previous session, as traders weighed the harvest forecast against export demand. Corn and soybean "
        + "contracts followed wheat, while storage operators reported steady arrivals at the port silos and inland depots. The "
        + "exchange will publish its weekly inventory figures on Friday.</p>";
  }

  @Test
  void aDeletedEntryLeavesATombstoneAndNeverComesBack() {
    server.serve("/tomb.xml", Fixtures.rss(new String[] {"t-1", "Keep me", "<p>kept</p>"}, new String[] {"t-2", "Delete me", "<p>spam</p>"}));
    long id = api.addSource(server.url("/tomb.xml"));
    api.poll(id);
    Map<String, Object> spam = byGuid("source=" + id, "t-2");
    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/entries/" + spam.get("id"))).code());
    assertEquals(404, api.call(HttpRequest.DELETE("/api/v1/entries/" + spam.get("id"))).code());
    server.serve("/tomb.xml", Fixtures.rss(new String[] {"t-1", "Keep me", "<p>kept, edited</p>"}, new String[] {"t-2", "Delete me", "<p>spam again</p>"}));
    Map<String, Object> fetch = api.poll(id);
    assertEquals(0, ((Number) fetch.get("newEntries")).intValue());
    assertEquals(List.of("t-1"), api.entries("source=" + id).stream().map(e -> e.get("guid")).toList());
  }

  /**
   * A feed that lists a story by its headline first and adds the body later (a wire service's
   * flash, then the story): the entry had nothing to match its copies by when it was stored, and
   * must meet them when the body arrives, whichever came first.
   */
  @Test
  void anEntryStoredWithoutItsBodyJoinsItsStoryWhenTheBodyArrives() {
    String body = "<p>Rail freight across the northern corridor stopped on Tuesday as signal engineers walked out over a new "
        + "rota, leaving grain wagons stranded in sidings from the coast to the border. Hauliers said lorries could carry "
        + "only a fraction of the load, and millers warned of flour shortages within a fortnight.</p>";
    server.serve("/flash.xml", Fixtures.rss(new String[] {"flash-1", "FLASH: rail strike", ""}));
    server.serve("/wire.xml", Fixtures.rss(new String[] {"wire-1", "Grain wagons stranded as signal engineers strike", body}));
    long flash = api.addSource(server.url("/flash.xml"));
    long wire = api.addSource(server.url("/wire.xml"));
    api.poll(flash);
    api.poll(wire);
    assertNotEquals(byGuid("source=" + flash, "flash-1").get("clusterId"), byGuid("source=" + wire, "wire-1").get("clusterId"),
        "a headline alone, in other words, matches nothing");

    server.serve("/flash.xml", Fixtures.rss(new String[] {"flash-1", "Rail strike strands grain wagons", body}));
    Map<String, Object> fetch = api.poll(flash);

    assertEquals(1, ((Number) fetch.get("updatedEntries")).intValue(), () -> "fetch: " + fetch);
    Map<String, Object> late = byGuid("source=" + flash, "flash-1");
    assertEquals(byGuid("source=" + wire, "wire-1").get("clusterId"), late.get("clusterId"), "the body arrived: one story");
    awaitOnceInFeeds("the story once in outbound feeds", "<title>Grain wagons stranded", "<title>Rail strike strands");

    api.body(HttpRequest.POST("/api/v1/entries/" + late.get("id") + "/split", ""));
    server.serve("/flash.xml", Fixtures.rss(new String[] {"flash-1", "Rail strike strands grain wagons", body + "<p>Updated at noon.</p>"}));
    api.poll(flash);
    assertEquals(late.get("id"), byGuid("source=" + flash, "flash-1").get("clusterId"), "an admin's split outlasts the publisher's edits");
  }

  /**
   * A desk posts a holding text of its own, long enough to be judged by (so not a headline), and
   * replaces it with the wire story another source already carries: judged by its first words and
   * alone, it stayed alone with its new ones, and the story was in the feeds twice. An entry whose
   * new words are another story than its old ones is judged again like a new one.
   */
  @Test
  void anEntryRewrittenIntoAStoryAnotherSourceCarriesJoinsIt() {
    String holding = "<p>Our correspondents are on their way to the scene and this page will be updated with their reports "
        + "as soon as they arrive, together with pictures and the reactions of local people.</p>";
    String body = "<p>A landslide blocked the mountain road to the ski resort on Wednesday morning, stranding some two hundred "
        + "visitors in the village overnight while engineers worked to clear the rocks and check the slope above the bend.</p>";
    server.serve("/holding.xml", Fixtures.rss(new String[] {"holding-1", "Landslide at the ski resort", holding}));
    server.serve("/carried.xml", Fixtures.rss(new String[] {"carried-1", "Landslide strands two hundred at ski resort", body}));
    long desk = api.addSource(server.url("/holding.xml"));
    long wire = api.addSource(server.url("/carried.xml"));
    api.poll(desk);
    api.poll(wire);
    assertNotEquals(byGuid("source=" + desk, "holding-1").get("clusterId"), byGuid("source=" + wire, "carried-1").get("clusterId"));

    server.serve("/holding.xml", Fixtures.rss(new String[] {"holding-1", "Landslide at the ski resort", body}));
    assertEquals(1, ((Number) api.poll(desk).get("updatedEntries")).intValue());

    assertEquals(byGuid("source=" + wire, "carried-1").get("clusterId"), byGuid("source=" + desk, "holding-1").get("clusterId"),
        "one story now");
    awaitOnceInFeeds("the story once in the feeds", "<title>Landslide at the ski resort", "<title>Landslide strands");
  }

  /**
   * An admin split a headline out of the story it was filed with: the publisher's next edit of
   * that headline (still no body to judge by) has it judged again, and its title alone would put
   * it back. The split is recorded, so it stays where the admin put it.
   */
  @Test
  void anAdminSplitOfAHeadlineOutlastsThePublishersEdits() {
    String title = "Harbour cranes stand idle as dockers strike over night shift pay";
    server.serve("/split-a.xml", Fixtures.rss(new String[] {"split-a-1", title, "<p>Developing.</p>"}));
    server.serve("/split-b.xml", Fixtures.rss(new String[] {"split-b-1", title, ""}));
    long a = api.addSource(server.url("/split-a.xml"));
    long b = api.addSource(server.url("/split-b.xml"));
    api.poll(a);
    api.poll(b);
    Map<String, Object> headline = byGuid("source=" + a, "split-a-1");
    assertEquals(byGuid("source=" + b, "split-b-1").get("clusterId"), headline.get("clusterId"), "one headline, one story");

    api.body(HttpRequest.POST("/api/v1/entries/" + headline.get("id") + "/split", ""));
    server.serve("/split-a.xml", Fixtures.rss(new String[] {"split-a-1", title, "<p>Developing story.</p>"}));
    Map<String, Object> fetch = api.poll(a);

    assertEquals(1, ((Number) fetch.get("updatedEntries")).intValue(), () -> "fetch: " + fetch);
    assertEquals(headline.get("id"), byGuid("source=" + a, "split-a-1").get("clusterId"), "split by an admin, split it stays");
  }

  /**
   * A CMS that gives a new story an old story's GUID while the old one is still listed: the two
   * items then key by GUID plus link, so the deleted item, tombstoned under its GUID alone, had a
   * key no tombstone held and was stored again.
   */
  @Test
  void aDeletedItemStaysDeletedWhenANewItemReusesItsGuid() {
    String old = reusedItem("https://reuse.example.com/old", "Old story the admin deleted", "<p>Spam the admin took down.</p>");
    server.serve("/reuse.xml", reusedFeed(old));
    long id = api.addSource(server.url("/reuse.xml"));
    api.poll(id);
    Map<String, Object> spam = byGuid("source=" + id, "post");
    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/entries/" + spam.get("id"))).code());

    String fresh = reusedItem("https://reuse.example.com/new", "A new story under the same guid", "<p>Something else entirely.</p>");
    server.serve("/reuse.xml", reusedFeed(fresh + old));
    Map<String, Object> fetch = api.poll(id);

    assertEquals(1, ((Number) fetch.get("newEntries")).intValue(), () -> "the new story only: " + fetch);
    assertEquals(List.of("A new story under the same guid"), api.entries("source=" + id).stream().map(e -> e.get("title")).toList());
    api.poll(id);
    assertEquals(1, api.entries("source=" + id).size());
  }

  /** A tombstone whose words an older preparation wrote learns them again while its feed lists the item. */
  @Test
  void aDeletedItemStaysDeletedWhenItsGuidIsReusedAfterAnUpgrade() {
    String old = reusedItem("https://reuse-later.example.com/old", "Old story deleted before an upgrade", "<p>Taken down.</p>");
    server.serve("/reuse-later.xml", reusedFeed(old));
    long id = api.addSource(server.url("/reuse-later.xml"));
    api.poll(id);
    Map<String, Object> gone = byGuid("source=" + id, "post");
    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/entries/" + gone.get("id"))).code());
    // What an upgrade that changes PREPARATION leaves: the words hashed the old way.
    tx.executeWrite(s -> jdbc.prepareStatement("UPDATE entry_tombstone SET source_hash = 'an older preparation' WHERE source_id = ?", ps -> {
      ps.setLong(1, id);
      return ps.executeUpdate();
    }));
    server.serve("/reuse-later.xml", reusedFeed(old + "<!-- changed markup -->"));
    assertEquals(0, ((Number) api.poll(id).get("newEntries")).intValue());

    String fresh = reusedItem("https://reuse-later.example.com/new", "A new story under the old guid", "<p>Something else.</p>");
    server.serve("/reuse-later.xml", reusedFeed(fresh + old));
    Map<String, Object> fetch = api.poll(id);

    assertEquals(1, ((Number) fetch.get("newEntries")).intValue(), () -> "the new story only: " + fetch);
    assertEquals(List.of("A new story under the old guid"), api.entries("source=" + id).stream().map(e -> e.get("title")).toList());
  }

  /**
   * A feed whose CMS stamps every GUID with the time of the request: each poll listed the same two
   * stories under new GUIDs, and each was stored again as a new entry of the source (never
   * clustered with the first, being of one source), so the store grew by the whole feed at every
   * poll and the category feeds showed each story once per poll.
   */
  @Test
  void aFeedThatStampsItsGuidsOnEveryFetchDoesNotStoreItsItemsAgain() {
    String title1 = "Reservoir levels fall to a ten-year low after a dry spring";
    String title2 = "City council approves the new tram line to the airport";
    String body1 = "<p>The reservoirs that supply the city are at their lowest level for ten years after the driest spring on record.</p>";
    String body2 = "<p>Councillors voted by a large majority on Tuesday to build the tram line, due to open in four years.</p>";
    server.serve("/stamped.xml", stampedFeed(1773734400L, title1, body1, title2, body2));
    long id = api.addSource(server.url("/stamped.xml"));
    assertEquals(2, ((Number) api.poll(id).get("newEntries")).intValue());

    for (long t = 1773734700L; t <= 1773735300L; t += 300) {
      server.serve("/stamped.xml", stampedFeed(t, title1, body1, title2, body2));
      Map<String, Object> fetch = api.poll(id);
      assertEquals(0, ((Number) fetch.get("newEntries")).intValue(), () -> "the same two stories: " + fetch);
    }
    assertEquals(2, api.entries("source=" + id).size());
    awaitOnceInFeeds("each story once in the feeds", "<title>" + title1);

    Object tram = api.entries("source=" + id).stream().filter(e -> title2.equals(e.get("title"))).findFirst().orElseThrow().get("id");
    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/entries/" + tram)).code());
    server.serve("/stamped.xml", stampedFeed(1773735600L, title1, body1, title2, body2));
    Map<String, Object> fetch = api.poll(id);
    assertEquals(0, ((Number) fetch.get("newEntries")).intValue(), () -> "the deleted story stays deleted under its new GUID: " + fetch);
    assertEquals(List.of(title1), api.entries("source=" + id).stream().map(e -> e.get("title")).toList());
  }

  /**
   * The twin lookup is for fetches whose items are half or more under GUIDs the source never sent
   * (a stamping feed lists them all so): a poll bringing one such item among stored ones reads
   * nothing more, and that item, though its words and link are a stored entry's, is a new entry,
   * as any item under a new GUID was before the lookup.
   */
  @Test
  void oneItemOfManyUnderANewGuidIsANewEntry() {
    String[] titles = {"Harbour ferry timetable changes for the winter", "Library opens on Sundays from next month",
        "New cycle lanes on the river road", "School meals to include more local vegetables"};
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < titles.length; i++) {
      items.append(item("few-" + i, titles[i], "https://few.example.com/" + i, "<p>" + titles[i] + ", the council said.</p>",
          "Tue, 17 Mar 2026 0" + i + ":00:00 GMT"));
    }
    server.serve("/few.xml", fewFeed(items.toString()));
    long id = api.addSource(server.url("/few.xml"));
    assertEquals(4, ((Number) api.poll(id).get("newEntries")).intValue());

    server.serve("/few.xml", fewFeed(items.toString().replace("<guid isPermaLink=\"false\">few-3</guid>",
        "<guid isPermaLink=\"false\">few-3-again</guid>")));

    assertEquals(1, ((Number) api.poll(id).get("newEntries")).intValue());
  }

  private static byte[] fewFeed(String items) {
    return ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Few</title><link>https://few.example.com/</link>"
        + "<description>d</description>" + items + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] stampedFeed(long stamp, String title1, String body1, String title2, String body2) {
    return ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Stamped</title><link>https://stamped.example.com/</link>"
        + "<description>d</description>"
        + item("https://stamped.example.com/reservoir?ts=" + stamp, title1, "https://stamped.example.com/reservoir", body1,
            "Tue, 17 Mar 2026 08:00:00 GMT")
        + item("https://stamped.example.com/tram?ts=" + stamp, title2, "https://stamped.example.com/tram", body2,
            "Tue, 17 Mar 2026 07:00:00 GMT")
        + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
  }

  private static String reusedItem(String link, String title, String body) {
    return "<item><guid isPermaLink=\"false\">post</guid><title>" + title + "</title><link>" + link + "</link><description><![CDATA[" + body
        + "]]></description></item>";
  }

  private static byte[] reusedFeed(String items) {
    return ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Reuse</title><link>https://reuse.example.com/</link>"
        + "<description>d</description>" + items + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theDedupeKeysOfDeletedEntriesAndSourcesGoWithThem() {
    server.serve("/keys.xml", Fixtures.rss(new String[] {"k-1", "A story long enough to be keyed by its title", "<p>one</p>"},
        new String[] {"k-2", "Another story long enough to be keyed by its title", "<p>two</p>"}));
    long id = api.addSource(server.url("/keys.xml"));
    api.poll(id);
    Map<String, Object> first = byGuid("source=" + id, "k-1");
    Map<String, Object> second = byGuid("source=" + id, "k-2");
    assertTrue(keysOf(first.get("id")) > 0 && keysOf(second.get("id")) > 0);

    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/entries/" + first.get("id"))).code());
    assertEquals(0, keysOf(first.get("id")), "an admin's deletion takes the entry's keys along");
    assertTrue(keysOf(second.get("id")) > 0);
    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/sources/" + id)).code());
    assertEquals(0, keysOf(second.get("id")), "so does deleting its source");
  }

  /**
   * A publisher's edit of a title changes one of the entry's keys: that key's row is replaced, and
   * the others (link, leading sentences, bands) stay the rows they were, not deleted and written
   * again.
   */
  @Test
  void aPublishersEditRewritesOnlyTheKeysItChanged() {
    String body = "<p>Dockers at the southern container terminal walked out on Monday over a pay offer they called an insult, "
        + "leaving twelve ships waiting at anchor outside the harbour wall. The port authority said perishable cargo would be "
        + "diverted to the northern quays while talks resumed, and hauliers warned of queues on the coast road by midweek.</p>";
    server.serve("/edited.xml", Fixtures.rss(new String[] {"edited-1", "Harbour cranes fall idle as dockers walk out over pay", body}));
    long id = api.addSource(server.url("/edited.xml"));
    api.poll(id);
    Object entry = byGuid("source=" + id, "edited-1").get("id");
    Map<Long, String> before = keyRows(entry);

    server.serve("/edited.xml", Fixtures.rss(new String[] {"edited-1", "Harbour cranes stand idle as dockers strike over pay", body}));
    assertEquals(1, ((Number) api.poll(id).get("updatedEntries")).intValue());
    Map<Long, String> after = keyRows(entry);

    Set<Long> lost = new HashSet<>(before.keySet());
    lost.removeAll(after.keySet());
    Set<Long> gained = new HashSet<>(after.keySet());
    gained.removeAll(before.keySet());
    assertEquals(1, lost.size(), () -> "the old title's key goes: " + before + " -> " + after);
    assertEquals(1, gained.size(), () -> "the new title's key comes: " + before + " -> " + after);
    assertTrue(after.size() > 10, "link, sentences and bands: " + after);
    Map<Long, String> kept = new HashMap<>(after);
    kept.keySet().removeAll(gained);
    Map<Long, String> keptBefore = new HashMap<>(before);
    keptBefore.keySet().removeAll(lost);
    assertEquals(keptBefore, kept, "the keys the edit kept are the rows written by the first poll (their xmin)");
  }

  /** An entry's keys, each with the transaction that wrote its row. */
  private Map<Long, String> keyRows(Object entryId) {
    return tx.executeRead(s -> jdbc.prepareStatement("SELECT key, xmin::text FROM entry_dedupe_key WHERE entry_id = ?", ps -> {
      ps.setLong(1, ((Number) entryId).longValue());
      Map<Long, String> out = new HashMap<>();
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), rs.getString(2));
        }
      }
      return out;
    }));
  }

  private long keysOf(Object entryId) {
    return tx.executeRead(s -> jdbc.prepareStatement("SELECT count(*) FROM entry_dedupe_key WHERE entry_id = ?", ps -> {
      ps.setLong(1, ((Number) entryId).longValue());
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }));
  }

  @Test
  void awkwardFeedsLoseNothingAndMergeNothing() {
    String big = "<p>" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(90_000) + "</p>";
    String sameGuid = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><link>https://awk.example.com/</link><description>d</description>"
        + item("same", "", "https://awk.example.com/1", "<p>Body of the first story about harvests.</p>", "Tue, 17 Mar 2026 08:00:00 GMT")
        + item("same", "Second story", "https://awk.example.com/2", "", "Tue, 17 Mar 2026 09:00:00 GMT")
        + item("same", "Third story", "https://awk.example.com/3", big, "Tue, 17 Mar 2026 10:00:00 GMT")
        + item(null, "Daily bulletin", "https://awk.example.com/", "<p>Nothing new today.</p>", "Wed, 18 Mar 2026 08:00:00 GMT")
        + item(null, "Daily bulletin", "https://awk.example.com/", "<p>Nothing new today.</p>", "Thu, 19 Mar 2026 08:00:00 GMT")
        + "</channel></rss>";
    server.serve("/awkward.xml", sameGuid.getBytes(StandardCharsets.UTF_8));
    long id = api.addSource(server.url("/awkward.xml"));
    Map<String, Object> fetch = api.poll(id);
    assertEquals("ok", fetch.get("outcome"), () -> "fetch: " + fetch);
    List<Map<String, Object>> entries = api.entries("source=" + id);
    assertEquals(5, entries.size(), "same GUID on every item, empty title, empty body, 5 MB body, identical but for the date");
    assertEquals(5, entries.stream().map(e -> e.get("clusterId")).distinct().count(), "distinct stories, and one source's repeated bulletins, stay apart");
    Map<String, Object> again = api.poll(id);
    assertEquals(0, ((Number) again.get("newEntries")).intValue());
    assertEquals(5, api.entries("source=" + id).size());
  }

  private static String item(String guid, String title, String link, String body, String date) {
    return "<item>" + (guid == null ? "" : "<guid isPermaLink=\"false\">" + guid + "</guid>") + "<title>" + title + "</title><link>" + link
        + "</link><description><![CDATA[" + body + "]]></description><pubDate>" + date + "</pubDate></item>";
  }

  private Map<String, Object> byGuid(String query, String guid) {
    return api.entries(query).stream().filter(e -> guid.equals(e.get("guid"))).findFirst()
        .orElseThrow(() -> new AssertionError("no entry with guid " + guid));
  }

  /**
   * Waits until the feed of every category shows one of {@code titles} once: a change shows in the
   * feeds within {@code syndic.publish.version-check}, so a rendering of a second ago may be served.
   */
  private void awaitOnceInFeeds(String what, String... titles) {
    Await.until(what, Duration.ofSeconds(10), () -> {
      String feed = http.toBlocking().retrieve("/feeds/all.rss?limit=500");
      return java.util.Arrays.stream(titles).mapToInt(t -> count(feed, t)).sum() == 1;
    });
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
