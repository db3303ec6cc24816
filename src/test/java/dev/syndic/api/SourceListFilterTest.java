package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Api;
import dev.syndic.support.FeedServer;
import dev.syndic.support.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The source list narrowed as an admin of many sources needs it: the failing ones, the ones that
 * have not worked since a date, the disabled ones, one category's, one site's; and each filter's
 * bad value refused with a message.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourceListFilterTest {

  @Inject
  @Client("/")
  HttpClient http;

  Api api;
  FeedServer server;
  /** Every URL of this test holds it, so that q= keeps other tests' sources out. */
  final String marker = "filters-" + Long.toHexString(System.nanoTime());

  Instant beforePolls;

  @BeforeAll
  void sources() {
    beforePolls = Instant.now();
    api = new Api(http.toBlocking());
    server = FeedServer.start();
    server.serve("/" + marker + "/good.xml", Fixtures.rss(new String[] {"g1", "A story", "<p>Body.</p>"}));
    server.serve("/" + marker + "/broken.xml", 500, "down".getBytes(StandardCharsets.UTF_8));
    long good = add("/" + marker + "/good.xml", "Good 100%_feed " + marker, "ai");
    long broken = add("/" + marker + "/broken.xml", "Broken farm " + marker, "agriculture");
    add("/" + marker + "/unpolled.xml", "Never polled", "agriculture");
    long off = add("/" + marker + "/off.xml", "Switched off", null);
    assertEquals("ok", api.poll(good).get("outcome"));
    assertEquals("error", api.poll(broken).get("outcome"));
    api.body(HttpRequest.PATCH("/api/v1/sources/" + off, Map.of("enabled", false)));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private long add(String path, String title, String category) {
    Map<String, Object> body = category == null ? Map.of("url", server.url(path), "title", title)
        : Map.of("url", server.url(path), "title", title, "category", category);
    return ((Number) api.body(HttpRequest.POST("/api/v1/sources", body)).get("id")).longValue();
  }

  /** The file names of this test's sources the list answers, following cursors (2 per page). */
  private Set<String> listed(String filters) {
    return api.entriesOf("/api/v1/sources?limit=2&q=" + marker + filters).stream()
        .map(s -> ((String) s.get("url")).substring(((String) s.get("url")).lastIndexOf('/') + 1))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "''                      | broken.xml good.xml off.xml unpolled.xml",
      "&status=error           | broken.xml",
      "&status=active          | good.xml off.xml unpolled.xml",
      "&enabled=false          | off.xml",
      "&enabled=true           | broken.xml good.xml unpolled.xml",
      "&enabled=FALSE          | off.xml",
      "&category=agriculture   | broken.xml unpolled.xml",
      "&category=              | broken.xml good.xml off.xml unpolled.xml",
      "&minErrors=1            | broken.xml",
      "&status=active&category=agriculture | unpolled.xml"})
  void eachFilterNarrowsTheList(String filters, String expected) {
    Set<String> want = expected.isEmpty() ? Set.of() : new TreeSet<>(List.of(expected.split(" ")));
    assertEquals(want, listed(filters));
  }

  @Test
  void qFindsAPieceOfTheUrlOrTitleInAnyCaseAndItsWildcardsAreLiteral() {
    assertEquals(List.of("Broken farm " + marker), titles("BROKEN FARM " + marker.toUpperCase()), "the title, any case");
    assertEquals(List.of("Good 100%_feed " + marker), titles("100%_feed " + marker));
    assertEquals(List.of(), titles("od_100"), "_ is a character: 'od 100' is not 'od_100'");
    assertEquals(List.of(), titles("100%%"), "% is a character, not a wildcard");
  }

  /**
   * Addresses are stored as a URI writes them (a Chinese host in punycode, a Chinese path or a
   * space percent-encoded): q finds them by the text an admin types, as the address was given.
   */
  @Test
  void qFindsAnAddressByTheTextItWasGivenIn() {
    // Not under the marker: the other tests list its sources.
    String mark = "addresses-" + Long.toHexString(System.nanoTime());
    String chinese = "Chinese address " + mark;
    String spaced = "Spaced address " + mark;
    api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", "https://例子.中国/" + mark + "/国内新闻/rss.xml", "title", chinese)));
    api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", "https://news.example.org/" + mark + "/search?q=\"ai safety\"", "title", spaced)));

    assertTrue(titles("国内新闻").contains(chinese), "a piece of the path");
    assertTrue(titles("例子.中国").contains(chinese), "the host");
    assertTrue(titles("例子").contains(chinese), "a label of the host");
    assertTrue(titles("\"ai safety\"").contains(spaced), "with its quotes and space");
    assertEquals(List.of(), titles("国内新闻").stream().filter(spaced::equals).toList());
  }

  @Test
  void aLongChineseQueryReachesTheApisOwnLimit() {
    assertEquals(200, api.call(HttpRequest.GET("/api/v1/sources?q=" + enc("风".repeat(500)))).code(), "4.5 KB of request line");
    HttpResponse<Map<String, Object>> r = api.call(HttpRequest.GET("/api/v1/sources?q=" + enc("风".repeat(501))));
    assertEquals(400, r.code());
    assertTrue(String.valueOf(r.getBody(Map.class).orElseThrow().get("detail")).contains("q: longer than 500"));
  }

  private List<Object> titles(String q) {
    return api.entriesOf("/api/v1/sources?q=" + enc(q)).stream().map(s -> s.get("title")).toList();
  }

  @Test
  void noSuccessSinceFindsTheSourcesThatHaveNotWorkedSinceThen() {
    assertEquals(Set.of("broken.xml", "off.xml", "unpolled.xml"), listed("&noSuccessSince=" + enc(beforePolls.toString())),
        "the good one worked since");
    assertEquals(Set.of("broken.xml", "good.xml", "off.xml", "unpolled.xml"),
        listed("&noSuccessSince=" + enc(Instant.now().plusSeconds(60).toString())), "nothing worked after now");
    assertEquals(Set.of("broken.xml", "off.xml", "unpolled.xml"), listed("&noSuccessSince=2000-01-01"),
        "the good one worked after 2000; the others never did");
  }

  @Test
  void quietSinceFindsTheSourcesThatHaveBroughtNothingNewSinceThen() {
    Map<String, Object> good = api.entriesOf("/api/v1/sources?q=" + marker + "/good.xml").get(0);
    Instant brought = Instant.parse((String) good.get("lastNewEntryAt"));
    assertTrue(!brought.isBefore(beforePolls), "the good source's poll stored a new entry: " + good);
    assertEquals(Set.of("broken.xml", "off.xml", "unpolled.xml"), listed("&quietSince=" + enc(brought.toString())));
    assertEquals(Set.of("broken.xml", "good.xml", "off.xml", "unpolled.xml"), listed("&quietSince=" + enc(brought.plusMillis(1).toString())));

    long again = ((Number) good.get("id")).longValue();
    assertEquals("not_modified", api.poll(again).get("outcome"), "the same feed again");
    assertEquals(brought.toString(), api.body(HttpRequest.GET("/api/v1/sources/" + again)).get("lastNewEntryAt"),
        "a poll that brings nothing new leaves the time of the last new entry");
    assertEquals(Set.of("good.xml"), listed("&status=active&enabled=true&quietSince=" + enc(Instant.now().plusSeconds(60).toString()))
        .stream().filter(f -> !f.equals("unpolled.xml")).collect(Collectors.toSet()), "answering, but quiet");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "quietSince=soon        | quietSince",
      "status=broken          | status",
      "minErrors=-1           | minErrors",
      "minErrors=99999999999  | minErrors",
      "minErrors=1.5          | minErrors",
      "category=nope          | category",
      "noSuccessSince=monday  | noSuccessSince",
      "enabled=perhaps        | enabled"})
  void aBadFilterIsRefusedNamingIt(String query, String named) {
    HttpResponse<Map<String, Object>> r = api.call(HttpRequest.GET("/api/v1/sources?" + query));
    assertEquals(400, r.code(), query);
    Object detail = r.getBody(Map.class).orElseThrow().get("detail");
    assertTrue(String.valueOf(detail).contains(named), () -> query + ": " + detail);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
