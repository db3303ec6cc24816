package dev.syndic.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.syndic.ingest.PollNow;
import dev.syndic.source.Source;
import dev.syndic.source.SourceRepository;
import dev.syndic.support.Api;
import dev.syndic.support.Await;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Category feeds built from the shipped samples, read back by Rome. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedOutputTest {

  static final String OUR_DISCLAIMER = "该文观点仅代表作者本人,Syndic系信息发布平台,Syndic仅提供信息存储空间服务。";
  static final String OUR_DISCLAIMER_EN = "Syndic is an information publishing platform and only provides information storage services.";

  @Inject
  @Client("/")
  HttpClient http;

  @Inject
  SourceRepository sources;

  @Inject
  PollNow pollNow;

  Api api;

  @BeforeAll
  void pollTheSamples() {
    api = new Api(http.toBlocking());
    for (Source s : sources.findAll()) {
      assertTrue(pollNow.pollAndWait(s.id()).record().isPresent());
    }
  }

  @ParameterizedTest
  @CsvSource({"ai, 人工智能", "agriculture, 粮食", "entertainment, 票房"})
  void categoryFeedsCarryTheSamplesStories(String slug, String word) throws Exception {
    SyndFeed feed = read("/feeds/" + slug + ".rss");
    assertEquals("rss_2.0", feed.getFeedType());
    assertTrue(feed.getEntries().size() >= 6, () -> slug + " has " + feed.getEntries().size() + " items");
    assertTrue(feed.getEntries().stream().anyMatch(e -> (e.getTitle() + e.getDescription().getValue()).contains(word)),
        () -> slug + " feed mentions " + word);
    for (SyndEntry e : feed.getEntries()) {
      assertTrue(feed.getEntries().stream().allMatch(x -> x.getCategories().stream().anyMatch(c -> c.getName().equals(slug))),
          "every item is in the category");
      assertTrue(e.getUri().startsWith("urn:syndic:entry:"));
    }
  }

  /**
   * A category with no entry yet: its feed is dated by its category's last change, not 1970, and
   * stays as it is while other feeds change (else the hub was told of every empty feed at every
   * change, and readers fetched them again).
   */
  @Test
  void anEmptyFeedIsNotDated1970AndStaysAsItIsWhileOthersChange() throws Exception {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "empty-yet", "nameZh", "暂空", "nameEn", "Empty yet")));
    try {
      SyndFeed atom = read("/feeds/empty-yet.atom");
      assertTrue(atom.getEntries().isEmpty());
      assertTrue(atom.getPublishedDate().toInstant().isAfter(java.time.Instant.parse("2020-01-01T00:00:00Z")), () -> "dated "
          + atom.getPublishedDate().toInstant());
      String before = http.toBlocking().retrieve("/feeds/empty-yet.atom");
      api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "elsewhere", "nameZh", "别处", "nameEn", "Elsewhere")));
      api.call(HttpRequest.DELETE("/api/v1/categories/elsewhere"));
      Await.pause(1500); // past syndic.publish.version-check, so the change is seen
      assertEquals(before, http.toBlocking().retrieve("/feeds/empty-yet.atom"), "unchanged by a change of other feeds");
    } finally {
      api.call(HttpRequest.DELETE("/api/v1/categories/empty-yet"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/feeds/all.rss", "/feeds/all.atom", "/feeds/ai.atom", "/feeds/ai.rss?limit=500"})
  void everyItemCarriesTheDisclaimerExactlyOnce(String path) throws Exception {
    SyndFeed feed = read(path);
    assertFalse(feed.getEntries().isEmpty());
    for (SyndEntry e : feed.getEntries()) {
      String html = e.getDescription() != null ? e.getDescription().getValue() : e.getContents().get(0).getValue();
      String text = org.jsoup.Jsoup.parse(html).text();
      boolean chinese = e.getTitle().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
      assertEquals(1, occurrences(html, OUR_DISCLAIMER) + occurrences(html, OUR_DISCLAIMER_EN), () -> "item " + e.getTitle() + ": " + html);
      if (chinese) {
        assertTrue(text.contains("特别声明:[" + e.getTitle() + "]"), () -> "disclaimer names the title of " + e.getTitle() + ": " + text);
      } else {
        assertTrue(text.contains("Notice: \"" + e.getTitle() + "\""), () -> "English disclaimer names the title of " + e.getTitle() + ": " + text);
      }
    }
  }

  @Test
  void itemIdsAreUniqueAndStable() throws Exception {
    List<String> first = read("/feeds/all.rss").getEntries().stream().map(SyndEntry::getUri).toList();
    List<String> second = read("/feeds/all.rss").getEntries().stream().map(SyndEntry::getUri).toList();
    assertEquals(first, second);
    assertEquals(first.size(), new HashSet<>(first).size());
  }

  @Test
  void etagAnswers304() {
    HttpResponse<String> first = http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss"), String.class);
    String etag = first.header("ETag");
    assertTrue(etag != null && etag.startsWith("\""));
    assertTrue(first.getContentType().orElseThrow().toString().startsWith("application/rss+xml"));
    HttpResponse<String> second = http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss").header("If-None-Match", etag), String.class);
    assertEquals(HttpStatus.NOT_MODIFIED, second.getStatus());
  }

  /** RFC 9110 §13.1.2: If-None-Match compares weakly, so a tag a gzipping proxy marked W/ still matches. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"W/{etag} | 304", "{etag} | 304", "\"nope\", W/{etag} | 304", "\"a,b\",{etag} | 304", "* | 304",
      "\"nope\" | 200", "W/\"nope\" | 200", "{etag}x | 200"})
  void ifNoneMatchComparesWeakly(String field, int status) {
    String etag = http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss"), String.class).header("ETag");
    HttpResponse<String> r = http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss").header("If-None-Match", field.replace("{etag}", etag)),
        String.class);
    assertEquals(status, r.code(), field);
  }

  /**
   * RFC 9110 §13.1.1: If-Match compares strongly and comes before If-None-Match; a tag the feed no
   * longer has is 412 (the feed was sent as if the field were not there), with the current
   * validators and nothing a cache may keep.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"{etag} | 200", "* | 200", "\"nope\", {etag} | 200", "\"nope\" | 412", "W/{etag} | 412"})
  void ifMatchComparesStrongly(String field, int status) {
    String etag = http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss"), String.class).header("ETag");
    HttpResponse<String> r = exchange(HttpRequest.GET("/feeds/ai.rss").header("If-Match", field.replace("{etag}", etag))
        .header("If-None-Match", etag));

    assertEquals(status == 200 ? 304 : 412, r.code(), field);
    assertEquals(etag, r.header("ETag"));
    if (status == 412) {
      assertEquals("no-store", r.header("Cache-Control"));
      assertTrue(r.getContentType().orElseThrow().toString().startsWith("text/plain"));
    }
  }

  /** RFC 9110 §13.1.4: without If-Match, a feed changed after If-Unmodified-Since is 412. */
  @Test
  void ifUnmodifiedSinceBeforeTheFeedsLastModifiedIs412() {
    String lastModified = http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss"), String.class).header("Last-Modified");

    assertEquals(412, exchange(HttpRequest.GET("/feeds/ai.rss").header("If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT")).code());
    assertEquals(200, exchange(HttpRequest.GET("/feeds/ai.rss").header("If-Unmodified-Since", lastModified)).code());
  }

  private HttpResponse<String> exchange(HttpRequest<?> request) {
    try {
      return http.toBlocking().exchange(request, String.class);
    } catch (HttpClientResponseException e) {
      @SuppressWarnings("unchecked")
      HttpResponse<String> response = (HttpResponse<String>) e.getResponse();
      return response;
    }
  }

  /** RFC 9110 §5.3: a field on several lines is one list; the first line alone answered the whole feed. */
  @Test
  void ifNoneMatchOnSeveralLinesIsOneList() {
    String etag = http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss"), String.class).header("ETag");
    HttpResponse<String> r = http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss").header("If-None-Match", "\"nope\"")
        .header("If-None-Match", etag), String.class);
    assertEquals(HttpStatus.NOT_MODIFIED, r.getStatus());
  }

  /**
   * A date later than the server's time is no date the feed gave, but a client's clock running
   * ahead: it was answered 304 for every change before that time. Sent twice, the field is
   * ignored (RFC 9110 §13.1.3), not read by its first line.
   */
  @Test
  void ifModifiedSinceLaterThanNowOrSentTwiceIsIgnored() {
    String lastModified = http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss"), String.class).header("Last-Modified");
    String ahead = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
    assertEquals(HttpStatus.OK, ifModifiedSince(ahead).getStatus(), ahead);
    assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss").header("If-Modified-Since", lastModified)
        .header("If-Modified-Since", lastModified), String.class).getStatus());
    Await.until("a 304 for the feed's own Last-Modified", Duration.ofSeconds(5),
        () -> ifModifiedSince(http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss"), String.class).header("Last-Modified"))
            .getStatus() == HttpStatus.NOT_MODIFIED);
  }

  @Test
  void ifModifiedSinceIsIgnoredWhenIfNoneMatchIsPresent() {
    HttpResponse<String> first = http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss"), String.class);
    String future = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusYears(1));
    assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss").header("If-None-Match", "\"other\"")
        .header("If-Modified-Since", future), String.class).getStatus());
    assertEquals(HttpStatus.NOT_MODIFIED, http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss").header("If-None-Match", first.header("ETag"))
        .header("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"), String.class).getStatus());
  }

  /**
   * Hiding an entry adds nothing newer to the feed, yet changes it: Last-Modified must move, or a
   * client revalidating with If-Modified-Since alone keeps showing the hidden entry.
   */
  @Test
  void lastModifiedMovesWhenAnEntryIsHidden() throws Exception {
    Await.until("a 304 for an unchanged feed's Last-Modified", Duration.ofSeconds(5), () -> ifModifiedSince(
        http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss"), String.class).header("Last-Modified")).getStatus() == HttpStatus.NOT_MODIFIED);
    HttpResponse<String> before = http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss"), String.class);
    String since = before.header("Last-Modified");
    String link = new SyndFeedInput().build(new StringReader(before.body())).getEntries().get(0).getLink();
    long id = api.entriesOf("/api/v1/entries?category=ai&limit=100").stream().filter(e -> link.equals(e.get("link")))
        .mapToLong(e -> ((Number) e.get("id")).longValue()).findFirst().orElseThrow();
    api.body(HttpRequest.PATCH("/api/v1/entries/" + id, Map.of("hidden", true)));
    try {
      Await.until("the feed without the hidden entry", Duration.ofSeconds(10),
          () -> !before.header("ETag").equals(http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss"), String.class).header("ETag")));
      HttpResponse<String> after = ifModifiedSince(since);
      assertEquals(HttpStatus.OK, after.getStatus(), "changed since " + since);
      assertTrue(new SyndFeedInput().build(new StringReader(after.body())).getEntries().stream().noneMatch(e -> link.equals(e.getLink())));
      assertFalse(date(after.header("Last-Modified")).isBefore(date(since)), "Last-Modified never goes back");
      // And the new time validates in turn, once it is no later than the clock (within a second).
      Await.until("a 304 for the new Last-Modified", Duration.ofSeconds(5),
          () -> ifModifiedSince(http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss"), String.class).header("Last-Modified"))
              .getStatus() == HttpStatus.NOT_MODIFIED);
    } finally {
      api.body(HttpRequest.PATCH("/api/v1/entries/" + id, Map.of("hidden", false)));
      Await.until("the entry back in the feed", Duration.ofSeconds(10),
          () -> before.header("ETag").equals(http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss"), String.class).header("ETag")));
    }
  }

  /**
   * RFC 9110 §5.6.7: a recipient must accept the obsolete RFC 850 and asctime forms of a date as
   * well as the IMF-fixdate; a client sending them got the whole feed at every poll.
   */
  @ParameterizedTest
  @ValueSource(strings = {"EEE, dd MMM yyyy HH:mm:ss 'GMT'", "EEEE, dd-MMM-yy HH:mm:ss 'GMT'", "EEE MMM ppd HH:mm:ss yyyy"})
  void ifModifiedSinceIsReadInEveryHttpDateForm(String form) {
    Await.until("a 304 for an unchanged feed's Last-Modified", Duration.ofSeconds(5), () -> ifModifiedSince(
        http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss"), String.class).header("Last-Modified")).getStatus() == HttpStatus.NOT_MODIFIED);
    Instant modified = date(http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss"), String.class).header("Last-Modified"));
    DateTimeFormatter written = DateTimeFormatter.ofPattern(form, java.util.Locale.US);
    assertEquals(HttpStatus.NOT_MODIFIED, ifModifiedSince(written.format(modified.atOffset(ZoneOffset.UTC))).getStatus(),
        () -> written.format(modified.atOffset(ZoneOffset.UTC)));
    assertEquals(HttpStatus.OK, ifModifiedSince(written.format(modified.minusSeconds(1).atOffset(ZoneOffset.UTC))).getStatus(),
        "a second before: the feed");
  }

  private HttpResponse<String> ifModifiedSince(String date) {
    return http.toBlocking().exchange(HttpRequest.GET("/feeds/ai.rss").header("If-Modified-Since", date), String.class);
  }

  private static Instant date(String httpDate) {
    return ZonedDateTime.parse(httpDate, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
  }

  @ParameterizedTest
  @CsvSource({"/feeds/nope.rss, 404, No category 'nope'", "/feeds/ai.txt, 404, No such feed", "/feeds/ai.rss?limit=0, 400, limit",
      "/feeds/ai.rss?limit=501, 400, limit", "/feeds/ai.rss?limit=abc, 400, limit"})
  void badFeedRequestsGetAPlainMessage(String path, int status, String message) {
    HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
        () -> http.toBlocking().exchange(HttpRequest.GET(path), String.class));
    assertEquals(status, e.getStatus().getCode());
    assertTrue(e.getResponse().getBody(String.class).orElse("").contains(message));
  }

  /**
   * The file's extension names the format, so an {@code Accept} header never refuses it: readers
   * ask for the very type they subscribe to (or for XML, without {@code *}{@code /*}), and a 406
   * lost them the feed.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/feeds/ai.rss | application/rss+xml | application/rss+xml",
      "/feeds/ai.rss | application/rss+xml, application/rdf+xml;q=0.8, application/atom+xml;q=0.6, application/xml;q=0.4, text/xml;q=0.4 | application/rss+xml",
      "/feeds/all.atom | application/atom+xml | application/atom+xml",
      "/feeds/ai.atom | application/xml | application/atom+xml",
      "/feeds/ai.json | application/feed+json | application/feed+json",
      "/feeds/ai.json | application/json | application/feed+json",
      "/feeds.opml | text/x-opml | text/x-opml",
      "/feeds.opml | application/xml | text/x-opml",
      "/feeds.opml | text/xml, application/xml;q=0.9 | text/x-opml"})
  void anAcceptHeaderNeverRefusesTheFeedItNames(String path, String accept, String type) {
    HttpResponse<String> r = http.toBlocking().exchange(HttpRequest.GET(path).header("Accept", accept), String.class);
    assertEquals(HttpStatus.OK, r.getStatus());
    assertTrue(r.getContentType().orElseThrow().toString().startsWith(type), () -> path + " as " + r.getContentType());
    assertFalse(r.body().isEmpty());
    String etag = r.header("ETag");
    if (etag != null) {
      assertEquals(HttpStatus.NOT_MODIFIED, http.toBlocking().exchange(HttpRequest.GET(path).header("Accept", accept)
          .header("If-None-Match", etag), String.class).getStatus(), "a conditional GET with the same Accept");
    }
  }

  /** A wrong category or extension is still a plain 404, whatever the client accepts. */
  @Test
  void anUnknownFeedIsAPlain404WhateverTheAccept() {
    HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
        () -> http.toBlocking().exchange(HttpRequest.GET("/feeds/nope.rss").header("Accept", "application/rss+xml"), String.class));
    assertEquals(404, e.getStatus().getCode());
    assertTrue(e.getResponse().getBody(String.class).orElse("").contains("No category 'nope'"));
  }

  @Test
  void limitCapsTheItems() throws Exception {
    assertEquals(2, read("/feeds/all.rss?limit=2").getEntries().size());
  }

  @Test
  void opmlListsEveryCategoryFeed() {
    String opml = http.toBlocking().retrieve("/feeds.opml");
    Set<String> expected = Set.of("/feeds/all.rss", "/feeds/ai.rss", "/feeds/agriculture.rss", "/feeds/entertainment.rss");
    for (String path : expected) {
      assertTrue(opml.contains(path + "\""), () -> "OPML lists " + path);
    }
  }

  private SyndFeed read(String path) throws Exception {
    String xml = http.toBlocking().retrieve(path);
    return new SyndFeedInput().build(new StringReader(xml));
  }

  private static int occurrences(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
