package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.catalogue.OpmlOutline;
import dev.syndic.catalogue.OpmlReader;
import dev.syndic.support.Api;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sources' OPML import, export and stats; entries' search, filters, hide and pin. */
@MicronautTest(transactional = false)
class SourceEntryApiTest {

  @Inject
  @Client("/")
  HttpClient http;

  private Api api() {
    return new Api(http.toBlocking());
  }

  private static MutableHttpRequest<?> opml(String body) {
    return HttpRequest.POST("/api/v1/sources/import", body.getBytes(StandardCharsets.UTF_8)).contentType("text/x-opml");
  }

  private int sourceCount() {
    return api().entriesOf("/api/v1/sources?limit=500").size();
  }

  @Test
  @SuppressWarnings("unchecked")
  void opmlFromAnotherReaderImportsWithFoldersAsCategoriesAndExportsBack() throws Exception {
    String file = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="1.0"><head><title>Exported from NetNewsWire</title></head><body>
          <outline text="Reading">
            <outline text="人工智能" title="人工智能">
              <outline text="Lab blog" type="rss" xmlUrl="https://import.example.org/lab.xml" htmlUrl="https://import.example.org/"/>
            </outline>
            <outline text="Agriculture">
              <outline text="Farm news" type="rss" xmlUrl="https://import.example.org/farm.xml"/>
              <outline text="Tagged" type="rss" xmlUrl="https://import.example.org/tagged.xml" category="/News/entertainment"/>
            </outline>
            <outline text="Hobbies"><outline text="Kites" type="rss" xmlUrl="https://import.example.org/kites.xml"/></outline>
          </outline>
          <outline text="Loose" type="rss" xmlUrl="https://import.example.org/loose.xml"/>
        </body></opml>
        """;
    Map<String, Object> result = api().body(opml(file));
    assertEquals(5, ((Number) result.get("imported")).intValue(), result.toString());
    assertEquals(List.of("Hobbies"), result.get("unknownCategories"));
    Map<String, String> categoryByUrl = new java.util.HashMap<>();
    Map<String, String> siteByUrl = new java.util.HashMap<>();
    for (Object id : (List<Object>) result.get("sourceIds")) {
      Map<String, Object> s = api().body(HttpRequest.GET("/api/v1/sources/" + id));
      categoryByUrl.put((String) s.get("url"), (String) s.get("category"));
      siteByUrl.put((String) s.get("url"), (String) s.get("siteUrl"));
    }
    // The file's htmlUrl is the site from the import on; it was null until the first poll.
    assertEquals("https://import.example.org/", siteByUrl.get("https://import.example.org/lab.xml"), "the outline's htmlUrl");
    assertEquals(null, siteByUrl.get("https://import.example.org/farm.xml"), "none in the file");
    assertEquals("ai", categoryByUrl.get("https://import.example.org/lab.xml"), "folder named by Chinese name");
    assertEquals("agriculture", categoryByUrl.get("https://import.example.org/farm.xml"), "folder named by English name");
    assertEquals("entertainment", categoryByUrl.get("https://import.example.org/tagged.xml"), "category attribute wins");
    assertEquals(null, categoryByUrl.get("https://import.example.org/kites.xml"));

    Map<String, Object> again = api().body(opml(file));
    assertEquals(0, ((Number) again.get("imported")).intValue());
    assertEquals(5, ((Number) again.get("skipped")).intValue(), "already subscribed: skipped");

    HttpResponse<byte[]> exported = http.toBlocking().exchange(HttpRequest.GET("/api/v1/sources/export").bearerAuth(Api.TOKEN), byte[].class);
    assertTrue(exported.getContentType().orElseThrow().toString().startsWith("text/x-opml"));
    List<OpmlOutline> back = OpmlReader.read(exported.body());
    assertTrue(back.contains(new OpmlOutline("https://import.example.org/lab.xml", "Lab blog", "ai", true, false, null, "https://import.example.org/")),
        back.toString());
    assertTrue(back.contains(new OpmlOutline("https://import.example.org/loose.xml", "Loose", null)), back.toString());
  }

  /**
   * The export is OPML for any client that accepts it: axios names application/json first, then any
   * type (the route of one source took such a request and answered "id: 'export' is not a valid
   * value"); other clients name an XML type (refused with 406).
   */
  @ParameterizedTest
  @ValueSource(strings = {"application/json, text/plain, */*", "application/xml", "text/xml", "text/x-opml", "*/*"})
  void theExportIsOpmlWhateverTheClientAccepts(String accept) {
    HttpResponse<String> r;
    try {
      r = http.toBlocking().exchange(HttpRequest.GET("/api/v1/sources/export").accept(accept).bearerAuth(Api.TOKEN), String.class);
    } catch (HttpClientResponseException e) {
      throw new AssertionError("Accept: " + accept + " answered " + e.getStatus().getCode() + ": " + e.getResponse().getBody(String.class).orElse(null));
    }
    assertEquals(200, r.code());
    String type = r.getContentType().orElseThrow().toString();
    assertTrue(type.startsWith("text/x-opml") || type.startsWith(accept), () -> "Accept: " + accept + ", Content-Type: " + type);
    assertTrue(r.body().contains("<opml"), r.body());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "<opml><body><outline xmlUrl='https://bad.example.org/a.xml'/><outline | not well-formed XML",
      "<rss version='2.0'><channel/></rss> | the root element is <rss>",
      "<?xml version='1.0'?><!DOCTYPE opml [<!ENTITY x 'y'>]><opml><body/></opml> | DOCTYPE",
      "<opml version='2.0'><body><outline text='folder only'/></body></opml> | no subscriptions",
      "<opml><body><outline xmlUrl='https://bad.example.org/first.xml'/><outline text='FTP' xmlUrl='ftp://bad.example.org/b'/></body></opml> | outline 'FTP': url: must start with http",
      "<opml><body><outline text='Passwords' xmlUrl='file:/etc/passwd'/></body></opml> | outline 'Passwords': url: 'file:/etc/passwd': file sources must lie under",
      "'' | send the OPML file"})
  void badOpmlIsRefusedWith400AndNothingIsImported(String body, String detail) {
    int before = sourceCount();
    HttpResponse<Map<String, Object>> r = api().call(opml(body));
    assertEquals(400, r.code());
    assertEquals("application/problem+json", r.getContentType().orElseThrow().toString());
    String said = String.valueOf(r.getBody(Map.class).orElseThrow().get("detail"));
    assertTrue(said.contains(detail), said);
    assertEquals(before, sourceCount(), "nothing half-imported");
  }

  @Test
  void deeplyNestedOpmlIsRefusedWith400() {
    String deep = "<opml version='2.0'><body>" + "<outline text='f'>".repeat(5_000) + "<outline text='x' xmlUrl='https://deep.example.org/f'/>"
        + "</outline>".repeat(5_000) + "</body></opml>";
    HttpResponse<Map<String, Object>> r = api().call(opml(deep));
    assertEquals(400, r.code());
    assertTrue(String.valueOf(r.getBody(Map.class).orElseThrow().get("detail")).contains("more than 100 deep"));
  }

  @Test
  void opmlOverTheSubscriptionLimitIsRefusedWith400BeforeAnythingIsImported() {
    int before = sourceCount();
    StringBuilder b = new StringBuilder("<opml version='2.0'><body>");
    for (int i = 0; i <= SourceController.MAX_OPML_OUTLINES; i++) {
      b.append("<outline xmlUrl='https://huge.example.org/").append(i).append("'/>\n");
    }
    HttpResponse<Map<String, Object>> r = api().call(opml(b.append("</body></opml>").toString()));
    assertEquals(400, r.code());
    String said = String.valueOf(r.getBody(Map.class).orElseThrow().get("detail"));
    assertTrue(said.contains("more than 200000 subscriptions, over the limit; split it"), said);
    assertEquals(before, sourceCount(), "nothing imported");
  }

  @Test
  @SuppressWarnings("unchecked")
  void searchFiltersHidePinAndStats() throws Exception {
    Api api = api();
    try (FeedServer server = FeedServer.start()) {
      server.serve("/search.xml", Fixtures.rss(
          new String[] {"s-1", "国产大模型发布新版本", "<p>研究团队介绍了训练方法。</p>"},
          new String[] {"s-2", "秋收时节", "<p>东北玉米迎来丰收,农业部门统计产量。</p>"},
          new String[] {"s-3", "Quantum computing milestone", "<p>A lab reports 100% fidelity_gates.</p>"},
          new String[] {"s-4", "Weather report", "<p>Sunny and mild.</p>"}));
      long source = api.addSource(server.url("/search.xml"));
      api.poll(source);

      Map<String, Object> stats = api.body(HttpRequest.GET("/api/v1/sources/" + source + "/stats"));
      assertEquals(4, ((Number) stats.get("entries")).intValue());
      assertEquals(1, ((Number) stats.get("fetches")).intValue());
      assertEquals(0, ((Number) stats.get("errors")).intValue());
      Map<String, Object> day = (Map<String, Object>) stats.get("last24h");
      assertEquals(4, ((Number) day.get("entries")).intValue(), "first seen just now");
      assertEquals(1, ((Number) day.get("fetches")).intValue());
      assertEquals(4, ((Number) day.get("newEntries")).intValue());
      assertEquals(404, api.call(HttpRequest.GET("/api/v1/sources/999999/stats")).code());

      assertEquals(List.of("国产大模型发布新版本"), titles("source=" + source + "&q=大模型"), "three characters: trigram index");
      assertEquals(List.of("秋收时节"), titles("source=" + source + "&q=玉米"), "two characters, in the content");
      assertEquals(List.of("秋收时节"), titles("source=" + source + "&q=農業"), "Traditional query finds Simplified text");
      assertEquals(List.of("Quantum computing milestone"), titles("source=" + source + "&q=QUANTUM"), "case-insensitive");
      assertEquals(List.of("Quantum computing milestone"), titles("source=" + source + "&q=100%25"), "% is a character");
      assertEquals(List.of("Quantum computing milestone"), titles("source=" + source + "&q=%25"), "a percent sign, not a wildcard");
      assertEquals(List.of(), titles("source=" + source + "&q=fidelity%25gates"), "not a wildcard inside either");
      assertEquals(List.of(), titles("source=" + source + "&q=' OR 1=1 --"), "input is a bound parameter");

      List<Map<String, Object>> all = api.entries("source=" + source);
      Map<String, Object> weather = all.stream().filter(e -> e.get("title").equals("Weather report")).findFirst().orElseThrow();
      assertEquals(List.of("Weather report"), titles("cluster=" + weather.get("clusterId")));
      assertEquals(4, titles("source=" + source + "&from=2026-03-17&to=2026-03-18").size());
      assertEquals(0, titles("source=" + source + "&from=2026-03-17T08:00:01Z").size());
      assertEquals(0, titles("source=" + source + "&to=2026-03-17").size());
      assertEquals(400, api.call(HttpRequest.GET("/api/v1/entries?from=yesterday")).code());

      Map<String, Object> quantum = all.stream().filter(e -> e.get("title").toString().startsWith("Quantum")).findFirst().orElseThrow();
      assertEquals(true, api.body(HttpRequest.PATCH("/api/v1/entries/" + quantum.get("id"), Map.of("hidden", true))).get("hidden"));
      Map<String, Object> pinned = api.body(HttpRequest.PATCH("/api/v1/entries/" + weather.get("id"), Map.of("pinned", true)));
      assertEquals(true, pinned.get("pinned"));
      assertEquals(false, pinned.get("hidden"), "a patch changes only the fields it names");
      assertEquals(404, api.call(HttpRequest.PATCH("/api/v1/entries/999999", Map.of("pinned", true))).code());

      String quantumLink = (String) quantum.get("link");
      String weatherLink = (String) weather.get("link");
      List<Map<String, Object>> items = awaitFeed(feed -> feed.stream().noneMatch(i -> quantumLink.equals(i.get("url")))
          && !feed.isEmpty() && weatherLink.equals(feed.get(0).get("url")));
      assertTrue(items.stream().noneMatch(i -> quantumLink.equals(i.get("url"))), "hidden entries leave the feeds");
      assertEquals(weatherLink, items.get(0).get("url"), "the pinned entry comes first");
      assertTrue(titles("source=" + source).contains("Quantum computing milestone"), "admins still see hidden entries");

      api.body(HttpRequest.PATCH("/api/v1/entries/" + quantum.get("id"), Map.of("hidden", false)));
      items = awaitFeed(feed -> feed.stream().anyMatch(i -> quantumLink.equals(i.get("url"))));
      assertTrue(items.stream().anyMatch(i -> quantumLink.equals(i.get("url"))), "shown again");
    }
  }

  /** A category filter naming no category is refused, as the source list refuses one: not answered as an empty category. */
  @Test
  void entriesOfACategoryThatDoesNotExistAre400() {
    HttpResponse<Map<String, Object>> typo = api().call(HttpRequest.GET("/api/v1/entries?category=agricultre"));
    assertEquals(400, typo.code());
    assertTrue(typo.getBody(Map.class).orElseThrow().get("detail").toString().contains("no category 'agricultre'"));
    assertEquals(200, api().call(HttpRequest.GET("/api/v1/entries?category=agriculture")).code(), "a category without entries is a list");
  }

  /** A source filter naming no source is refused as an unknown category is: it answered an empty list, as a source without entries does. */
  @Test
  void entriesOfASourceThatDoesNotExistAre400() {
    long gone = api().addSource("https://gone.example.org/" + System.nanoTime() + ".xml");
    assertEquals(200, api().call(HttpRequest.GET("/api/v1/entries?source=" + gone)).code(), "a source without entries is a list");
    assertEquals(204, api().call(HttpRequest.DELETE("/api/v1/sources/" + gone)).code());
    HttpResponse<Map<String, Object>> r = api().call(HttpRequest.GET("/api/v1/entries?source=" + gone));
    assertEquals(400, r.code());
    assertEquals("application/problem+json", r.getContentType().orElseThrow().toString());
    assertTrue(r.getBody(Map.class).orElseThrow().get("detail").toString().contains("source: no source " + gone + "; GET /api/v1/sources lists them"));
  }

  /**
   * A cluster filter naming no cluster is refused as an unknown source is: a cluster whose entry
   * was deleted, or a number that was never one, answered an empty list.
   */
  @Test
  void entriesOfAClusterThatDoesNotExistAre400() throws Exception {
    Api api = api();
    try (FeedServer server = FeedServer.start()) {
      server.serve("/cluster.xml", Fixtures.rss(new String[] {"c-1", "A story alone", "<p>Told once.</p>"}));
      long source = api.addSource(server.url("/cluster.xml"));
      api.poll(source);
      Map<String, Object> entry = api.entries("source=" + source).get(0);
      Object cluster = entry.get("clusterId");
      assertEquals(List.of("A story alone"), titles("cluster=" + cluster), "a cluster of one is a list");
      assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/entries/" + entry.get("id"))).code());

      for (Object none : List.of(cluster, 0, -1, Long.MAX_VALUE)) {
        HttpResponse<Map<String, Object>> r = api.call(HttpRequest.GET("/api/v1/entries?cluster=" + none));
        assertEquals(400, r.code(), () -> "cluster=" + none);
        assertEquals("application/problem+json", r.getContentType().orElseThrow().toString());
        assertTrue(r.getBody(Map.class).orElseThrow().get("detail").toString().contains("cluster: no cluster " + none + ";"),
            () -> r.getBody(Map.class).orElseThrow().toString());
      }
    }
  }

  /** A query of invisible characters only (zero-width space, soft hyphen) is refused: it searched for nothing and listed every entry. */
  @Test
  void aSearchForInvisibleCharactersOnlyIs400() {
    HttpResponse<Map<String, Object>> r = api().call(HttpRequest.GET("/api/v1/entries?q=%E2%80%8B%C2%AD%E2%80%8B"));
    assertEquals(400, r.code());
    assertTrue(r.getBody(Map.class).orElseThrow().get("detail").toString().contains("q: nothing to search for"));
    assertEquals(200, api().call(HttpRequest.GET("/api/v1/entries?q=%E4%BA%BA%E5%B7%A5%E2%80%8B%E6%99%BA%E8%83%BD")).code(),
        "a query with words and an invisible character in them is searched");
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> awaitFeed(Predicate<List<Map<String, Object>>> done) throws InterruptedException {
    List<Map<String, Object>> items = List.of();
    for (int i = 0; i < 50; i++) {
      Map<String, Object> feed = http.toBlocking().retrieve(HttpRequest.GET("/feeds/all.json?limit=500"), Argument.mapOf(String.class, Object.class));
      items = (List<Map<String, Object>>) feed.get("items");
      if (done.test(items)) {
        return items;
      }
      Thread.sleep(100);
    }
    return items;
  }

  /** Lower case kept ß, İ (i and a dot), ı and a final ς apart from ss, i and σ: "strasse" missed "Straße", "istanbul" "İstanbul". */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "strasse    | Neue Straße am Hafen; STRASSE DES JAHRES",
      "STRAẞE     | Neue Straße am Hafen; STRASSE DES JAHRES",
      "Straße     | Neue Straße am Hafen; STRASSE DES JAHRES",
      "istanbul   | İstanbul'da yeni metro hattı",
      "İSTANBUL   | İstanbul'da yeni metro hattı",
      "metro hatti | İstanbul'da yeni metro hattı",
      "ILIK       | Ilık bir sabah",
      "ΟΔΟΣ       | Η οδος του κρασιού",
      "οδοσ του   | Η οδος του κρασιού",
      "class      | A class of its own",
      "τῷ λόγῳ    | Ἐν τῷ λόγῳ"})
  void searchFoldsCaseAsReadersExpect(String query, String expected) throws Exception {
    synchronized (SourceEntryApiTest.class) {
      if (foldingSource == 0) {
        try (FeedServer server = FeedServer.start()) {
          server.serve("/folding.xml", Fixtures.rss(
              new String[] {"f-1", "Neue Straße am Hafen", "<p>Ein Bericht.</p>"},
              new String[] {"f-2", "STRASSE DES JAHRES", "<p>Eine Wahl.</p>"},
              new String[] {"f-3", "İstanbul'da yeni metro hattı", "<p>Haber.</p>"},
              new String[] {"f-4", "Ilık bir sabah", "<p>Hava.</p>"},
              new String[] {"f-5", "Η οδος του κρασιού", "<p>Ταξίδι.</p>"},
              new String[] {"f-6", "A class of its own", "<p>Review.</p>"},
              new String[] {"f-7", "Ἐν τῷ λόγῳ", "<p>Κείμενον.</p>"}));
          foldingSource = api().addSource(server.url("/folding.xml"));
          api().poll(foldingSource);
        }
      }
    }
    List<String> want = java.util.Arrays.stream(expected.split(";")).map(String::strip).sorted().toList();
    assertEquals(want, titles("source=" + foldingSource + "&q=" + query).stream().map(Object::toString).sorted().toList(), "queued for indexing");
    searchIndexer.indexAll();
    assertEquals(want, titles("source=" + foldingSource + "&q=" + query).stream().map(Object::toString).sorted().toList(), "indexed");
  }

  private static long foldingSource;

  @Inject
  dev.syndic.entry.SearchIndexer searchIndexer;

  private List<Object> titles(String query) {
    String encoded = query.replace(" ", "%20").replace("'", "%27");
    StringBuilder b = new StringBuilder();
    for (char c : encoded.toCharArray()) {
      b.append(c < 128 ? String.valueOf(c) : URLEncoder.encode(String.valueOf(c), StandardCharsets.UTF_8));
    }
    return api().entries(b.toString()).stream().map(e -> e.get("title")).toList();
  }
}
