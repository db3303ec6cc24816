package dev.syndic.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.source.FetchRecord;
import dev.syndic.support.Api;
import dev.syndic.support.FeedServer;
import dev.syndic.support.TestPostgres;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A feed's own link to its site is kept on its source by the rule an OPML import's htmlUrl
 * follows (WebLinks.siteLink): a poll kept any http(s) link, so a link with credentials put them
 * in the admin API and in every entry link read against it, and one with no host or past a
 * source's longest address was kept and used as the base of the entries' relative links.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedSiteLinkTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private TestPostgres pg;
  private FeedServer feeds;
  private ApplicationContext app;
  private String base;

  @BeforeAll
  void start() {
    pg = TestPostgres.start();
    feeds = FeedServer.start();
    app = ApplicationContext.run(pg.handPolledSettings(), "test");
    base = "http://127.0.0.1:" + app.getBean(EmbeddedServer.class).start().getPort();
  }

  @AfterAll
  void stop() {
    app.close();
    feeds.close();
    pg.close();
  }

  @Test
  void aSiteLinksCredentialsAreNeitherKeptNorSentOut() throws Exception {
    long id = poll("/credentials.xml", "https://reader:s3cret-pw@example.org/");

    assertEquals("https://example.org/", siteUrl(id));
    assertEquals(List.of("https://example.org/posts/1.html"), links(id), "the relative link read against the site, without credentials");
    String json = get("/api/v1/sources/" + id, Api.TOKEN);
    assertTrue(json.contains("\"siteUrl\":\"https://example.org/\""), json);
    for (String feed : List.of("/feeds/all.rss", "/feeds/all.atom", "/feeds/all.json")) {
      String out = get(feed, null);
      assertTrue(out.contains("https://example.org/posts/1.html"), () -> feed + " lists the entry: " + out);
      assertFalse(out.contains("s3cret-pw"), () -> feed + " names the password: " + out);
    }
  }

  static Stream<String> linksThatAreNoSite() {
    return Stream.of("http:///x", "https://:443/x", "javascript:alert(1)", "https://example.org/" + "a".repeat(2048));
  }

  /** None is kept, and the entries' relative links are read against the feed's own address. */
  @ParameterizedTest(name = "[{index}]")
  @MethodSource("linksThatAreNoSite")
  void aLinkWithNoHostOrPastTheLongestAddressIsNoSite(String link) throws Exception {
    String path = "/nosite-" + Integer.toHexString(link.hashCode()) + ".xml";
    long id = poll(path, link);

    String shown = link.length() > 60 ? link.substring(0, 60) + "... (" + link.length() + " characters)" : link;
    assertNull(siteUrl(id), shown);
    assertEquals(List.of(feeds.url("/posts/1.html")), links(id), shown);
  }

  /** A source polled once from a feed whose channel links to {@code siteLink}; its id. */
  private long poll(String path, String siteLink) {
    String feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>A blog</title><link>%s</link><description>d</description>
        <item><guid>p-1</guid><title>First post</title><link>/posts/1.html</link><description>Words.</description></item>
        </channel></rss>
        """.formatted(siteLink.replace("&", "&amp;"));
    feeds.serve(path, feed.getBytes(StandardCharsets.UTF_8));
    long id = pg.number("INSERT INTO source (url, default_category) VALUES (?, 'ai') RETURNING id", feeds.url(path));
    FetchRecord polled = app.getBean(PollNow.class).pollAndWait(id).record().orElseThrow();
    assertEquals(1, polled.newEntries(), String.valueOf(polled.error()));
    return id;
  }

  private String siteUrl(long id) {
    return (String) pg.column("SELECT site_url FROM source WHERE id = ?", id).get(0);
  }

  private List<Object> links(long id) {
    return pg.column("SELECT link FROM entry WHERE source_id = ?", id);
  }

  private String get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), () -> path + ": " + response.body());
    return response.body();
  }
}
