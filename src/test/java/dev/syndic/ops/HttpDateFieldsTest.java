package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Api;
import dev.syndic.support.SteppedClock;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The times in HTTP header fields are IMF-fixdate (RFC 9110 §5.6.7: "Tue, 05 Nov 2026 08:00:00
 * GMT", a day of two digits). Java's RFC_1123_DATE_TIME writes a day of one digit on the first
 * nine days of each month ("Tue, 1 Dec 2026"), which parsers that hold to the grammar refuse: Go's
 * net/http, nginx's and Varnish's cache revalidation take such a Last-Modified for none. The clock
 * is set on the fifth of a month, where the two forms differ.
 */
@MicronautTest(transactional = false)
@Property(name = "test.clock-step", value = "true")
@Property(name = "syndic.poll.enabled", value = "false")
class HttpDateFieldsTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern IMF_FIXDATE =
      Pattern.compile("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");

  @Inject
  SteppedClock clock;

  @Inject
  EmbeddedServer server;

  @BeforeEach
  void onTheFifthOfLastMonth() {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    clock.offset = Duration.between(now, now.minusMonths(1).withDayOfMonth(5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/feeds/ai.rss", "/feeds/all.json", "/feeds/nope.rss", "/", "/health", "/feeds.opml", "/api/v1/sources"})
  void dateAndLastModifiedHaveADayOfTwoDigits(String path) throws Exception {
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(server.getURI().resolve(path)).header("Authorization", "Bearer " + Api.TOKEN).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    String date = r.headers().firstValue("Date").orElse(null);
    assertNotNull(date, path + " answers a Date");
    assertEquals(1, r.headers().allValues("Date").size(), path + " answers one Date: " + r.headers().allValues("Date"));
    assertTrue(IMF_FIXDATE.matcher(date).matches(), path + ": Date " + date);
    assertEquals("05", date.substring(5, 7), path + ": the Date is the service's clock, as Last-Modified is: " + date);
    r.headers().firstValue("Last-Modified").ifPresent(lastModified -> {
      assertTrue(IMF_FIXDATE.matcher(lastModified).matches(), path + ": Last-Modified " + lastModified);
      assertTrue(!Instant.from(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.parse(lastModified))
          .isAfter(Instant.from(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.parse(date))), path + ": no later than the Date");
    });
  }
}
