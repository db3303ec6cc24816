package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Api;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operator's OPML at a hundred thousand sources: the service's own export of them (some 21 MB)
 * was refused by the import it is meant to restore through (413 over 10 MB, 400 over 5 MB or
 * 10,000 subscriptions), so a backup had to be cut into ten files by hand. The import now reads
 * the body as a stream, within bounds of its own; other bodies keep the bound they had.
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.poll.enabled", value = "false")
@Property(name = "syndic.catalogue.import-on-first-start", value = "false")
class OpmlImportScaleTest {

  @Inject
  @Client("/")
  HttpClient http;

  private Api api() {
    return new Api(http.toBlocking());
  }

  private HttpResponse<Map<String, Object>> importOpml(String opml) {
    return api().call(HttpRequest.POST("/api/v1/sources/import", opml.getBytes(StandardCharsets.UTF_8)).contentType("text/x-opml"));
  }

  private static String outlines(String host, int count) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < count; i++) {
      b.append("<outline text='feed ").append(i).append("' xmlUrl='https://").append(host).append("/").append(i).append(".xml'/>\n");
    }
    return b.toString();
  }

  @Test
  void moreThanTenThousandSubscriptionsImportInOneRequest() {
    HttpResponse<Map<String, Object>> r = importOpml("<opml version='2.0'><body>" + outlines("many.example.org", 12_000) + "</body></opml>");

    assertEquals(200, r.code(), String.valueOf(r.getBody(Map.class)));
    assertEquals(12_000, r.getBody().orElseThrow().get("imported"));
    assertEquals(12_000, ((List<?>) r.getBody().orElseThrow().get("sourceIds")).size());
  }

  @Test
  void aFileOverTenMegabytesIsImported() {
    // Another reader's notes, or a long head, make a file large without many subscriptions.
    String notes = "<!-- " + "x".repeat(11 * 1024 * 1024) + " -->";
    HttpResponse<Map<String, Object>> r = importOpml("<opml version='2.0'>" + notes + "<body>" + outlines("large.example.org", 3) + "</body></opml>");

    assertEquals(200, r.code(), String.valueOf(r.getBody(Map.class)));
    assertEquals(3, r.getBody().orElseThrow().get("imported"));
  }

  @Test
  void aFileOverTheLimitIsRefusedWith400AndNothingIsImported() {
    String notes = "<!-- " + "x".repeat(49 * 1024 * 1024) + " -->";
    HttpResponse<Map<String, Object>> r = importOpml("<opml version='2.0'><body>" + outlines("too-large.example.org", 3) + notes + "</body></opml>");

    assertEquals(400, r.code());
    String said = String.valueOf(r.getBody(Map.class).orElseThrow().get("detail"));
    assertEquals("body: the OPML file is over the limit of 50331648 bytes; split it", said);
    assertEquals(List.of(), api().entriesOf("/api/v1/sources?q=too-large.example.org"));
  }

  @Test
  void aJsonBodyOverTenMegabytesIsStillRefused() {
    String title = "x".repeat(11 * 1024 * 1024);
    HttpResponse<Map<String, Object>> r = api().call(HttpRequest.POST("/api/v1/sources",
        "{\"url\": \"https://json.example.org/feed.xml\", \"title\": \"" + title + "\"}").contentType(MediaType.APPLICATION_JSON));

    assertEquals(413, r.code());
  }

  @Test
  void aStreamOverItsCapIsRefusedOnceTheCapIsPassed() throws IOException {
    try (CappedInput in = new CappedInput(new ByteArrayInputStream(new byte[100]), 64)) {
      assertEquals(64, in.readNBytes(64).length);
      assertEquals(64, in.count());
      try {
        in.read();
        throw new AssertionError("read past the cap");
      } catch (CappedInput.TooLarge expected) {
        assertTrue(expected.getMessage().contains("64"));
      }
    }
  }
}
