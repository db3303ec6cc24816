package dev.syndic.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Retry-After, Cache-Control max-age and Expires, read against a fixed clock (2026-03-17T08:00:00Z). */
class CacheHeadersTest {

  private static HttpHeaders headers(String... pairs) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
    }
    return HttpHeaders.of(map, (a, b) -> true);
  }

  @ParameterizedTest(name = "Retry-After: {0}")
  @CsvSource(
      nullValues = "none",
      value = {
        "0, 0",
        "120, 120",
        "' 45 ', 45",
        "9999999999, 9999999999",
        // delta-seconds is any number of digits (RFC 9110 10.2.3): a longer one is as long as any
        // wait the poller takes (it was no Retry-After at all, and the source polled again in minutes)
        "99999999999, 9999999999",
        "'123456789012345678901234567890', 9999999999",
        "000000000000120, 120",
        "'Tue, 17 Mar 2026 08:02:00 GMT', 120",
        "'Tue, 17 Mar 2026 09:00:00 GMT', 3600",
        "'Tue, 17 Mar 2026 07:59:00 GMT', 0",
        // the obsolete forms of an HTTP date, which recipients must read too (RFC 9110 5.6.7)
        "'Tuesday, 17-Mar-26 08:02:00 GMT', 120",
        "'Tue Mar 17 08:02:00 2026', 120",
        "'Tue Mar  3 08:00:00 2026', 0",
        "-5, none",
        "1.5, none",
        "soon, none",
        "'17 Mar 2026', none",
        "'', none",
      })
  void retryAfter(String value, Long seconds) {
    Duration expected = seconds == null ? null : Duration.ofSeconds(seconds);

    assertEquals(expected, CacheHeaders.retryAfter(headers("Retry-After", value), FetchTesting.CLOCK));
  }

  @Test
  void noRetryAfterIsNull() {
    assertNull(CacheHeaders.retryAfter(headers("Content-Type", "text/html"), FetchTesting.CLOCK));
  }

  @ParameterizedTest(name = "Cache-Control: {0} / Expires: {1}")
  @CsvSource(
      nullValues = "none",
      value = {
        "max-age=600, none, 600",
        "max-age=000000000060, none, 60",
        "max-age=99999999999999, none, 9999999999",
        "'public, max-age=60', none, 60",
        "'Public, Max-Age=\"90\"', none, 90",
        "'s-maxage=100, max-age=30', none, 30",
        "s-maxage=100, none, none",
        "no-cache, none, none",
        "no-cache, 'Tue, 17 Mar 2026 08:10:00 GMT', 600",
        "none, 'Tue, 17 Mar 2026 08:10:00 GMT', 600",
        "none, 'Tue, 17 Mar 2026 07:00:00 GMT', 0",
        "none, 'Tuesday, 17-Mar-26 08:10:00 GMT', 600",
        "none, 'Tue Mar 17 08:10:00 2026', 600",
        "none, 0, none",
        "none, -1, none",
        "'max-age=5', 'Tue, 17 Mar 2026 08:10:00 GMT', 5",
        "none, none, none",
      })
  void maxAge(String cacheControl, String expires, Long seconds) {
    List<String> pairs = new java.util.ArrayList<>();
    if (cacheControl != null) {
      pairs.add("Cache-Control");
      pairs.add(cacheControl);
    }
    if (expires != null) {
      pairs.add("Expires");
      pairs.add(expires);
    }
    Duration expected = seconds == null ? null : Duration.ofSeconds(seconds);

    assertEquals(expected, CacheHeaders.maxAge(headers(pairs.toArray(String[]::new)), FetchTesting.CLOCK));
  }
  /**
   * A header sent on several lines is one list (RFC 9110 5.3): a server or a proxy in front of it
   * that writes "Cache-Control: public" and then "Cache-Control: max-age=3600" asks for the hour.
   */
  @Test
  void maxAgeOnASecondCacheControlLineCounts() {
    HttpHeaders headers = headers("Cache-Control", "public", "Cache-Control", "max-age=3600");

    assertEquals(Duration.ofHours(1), CacheHeaders.maxAge(headers, FetchTesting.CLOCK));
  }

  /**
   * What is left of the response's freshness (RFC 9111 4.2): a cache in between already kept it
   * for its Age, and Expires is on the server's clock, read against the Date it sent.
   */
  @ParameterizedTest(name = "Cache-Control: {0} / Expires: {1} / Date: {2} / Age: {3}")
  @CsvSource(
      nullValues = "none",
      value = {
        "max-age=3600, none, none, 3500, 100",
        "max-age=3600, none, none, 7200, 0",
        "max-age=3600, none, none, soon, 3600",
        "max-age=3600, none, none, 99999999999, 0",
        "none, 'Tue, 17 Mar 2026 08:10:00 GMT', 'Tue, 17 Mar 2026 07:10:00 GMT', none, 3600",
        "none, 'Tue, 17 Mar 2026 08:10:00 GMT', 'Tue, 17 Mar 2026 08:09:00 GMT', none, 60",
        "none, 'Tue, 17 Mar 2026 08:10:00 GMT', 'Tue, 17 Mar 2026 08:20:00 GMT', none, 0",
        "none, 'Tue, 17 Mar 2026 08:10:00 GMT', yesterday, none, 600",
        "none, 'Tue, 17 Mar 2026 09:00:00 GMT', 'Tue, 17 Mar 2026 08:00:00 GMT', 600, 3000",
        "none, none, 'Tue, 17 Mar 2026 08:00:00 GMT', 600, none",
      })
  void whatIsLeftOfTheFreshness(String cacheControl, String expires, String date, String age, Long seconds) {
    List<String> pairs = new java.util.ArrayList<>();
    String[] names = {"Cache-Control", "Expires", "Date", "Age"};
    String[] values = {cacheControl, expires, date, age};
    for (int i = 0; i < names.length; i++) {
      if (values[i] != null) {
        pairs.add(names[i]);
        pairs.add(values[i]);
      }
    }
    Duration expected = seconds == null ? null : Duration.ofSeconds(seconds);

    assertEquals(expected, CacheHeaders.maxAge(headers(pairs.toArray(String[]::new)), FetchTesting.CLOCK));
  }

}
