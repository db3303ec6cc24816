package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile and unlucky admin input: text PostgreSQL cannot store, times it cannot hold, null list
 * items, huge lists, half-applied patches and creates racing each other all get a 4xx problem
 * saying what is wrong, never a 500.
 */
@MicronautTest(transactional = false)
class BadInputApiTest extends FeedServerTest {

  @Inject
  DataSource dataSource;

  @Inject
  io.micronaut.runtime.server.EmbeddedServer embedded;

  private static MutableHttpRequest<?> json(String method, String path, String body) {
    return HttpRequest.create(HttpMethod.parse(method), path).body(body).contentType("application/json");
  }

  private static String detail(HttpResponse<Map<String, Object>> r) {
    return String.valueOf(r.getBody(Map.class).orElseThrow().get("detail"));
  }

  private void assertProblem(int status, String detailPart, HttpResponse<Map<String, Object>> r) {
    assertEquals(status, r.code(), () -> "answered " + r.code() + ": " + r.getBody(Map.class).orElse(null));
    assertEquals("application/problem+json", r.getContentType().orElseThrow().toString());
    assertTrue(detail(r).contains(detailPart), () -> "detail: " + detail(r));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "POST | /api/v1/sources | {\"url\":\"https://nul.example.org/a.xml\",\"title\":\"a\\u0000b\"} | title: contains a NUL character",
      "POST | /api/v1/categories | {\"slug\":\"nul-name\",\"nameZh\":\"名\\u0000\"} | nameZh: contains a NUL character",
      "POST | /api/v1/categories | {\"slug\":\"nul-desc\",\"description\":\"d\\u0000\"} | description: contains a NUL character",
      "POST | /api/v1/categories | {\"slug\":\"nul-term\",\"rules\":{\"terms\":{\"a\\u0000\":2.0}}} | rules.terms: a key contains a NUL character",
      "POST | /api/v1/categories | {\"slug\":\"nul-pattern\",\"rules\":{\"patterns\":{\"a\\u0000\":2.0}}} | rules.patterns: a key contains a NUL",
      "POST | /api/v1/categories | {\"slug\":\"nul-tag\",\"rules\":{\"feedTags\":[\"ok\",\"t\\u0000\"]}} | rules.feedTags[1]: contains a NUL",
      "POST | /api/v1/partners | {\"name\":\"p\\u0000\",\"categories\":[\"ai\"]} | name: contains a NUL character",
      "POST | /api/v1/disclaimers | {\"scope\":\"global\",\"language\":\"zh\",\"template\":\"t\\u0000\"} | template: contains a NUL",
      "POST | /api/v1/tokens | {\"name\":\"n\\u0000\"} | name: contains a NUL character",
      "POST | /api/v1/categories | {\"slug\":\"lone\",\"rules\":{\"terms\":{\"a\\ud800\":2.0}}} | rules.terms: a key contains an unpaired surrogate",
      "POST | /api/v1/categories | {\"slug\":\"lone-low\",\"nameEn\":\"\\udc00x\"} | nameEn: contains an unpaired surrogate"})
  void textPostgresqlCannotStoreIs400NamingTheField(String method, String path, String body, String detail) {
    assertProblem(400, detail, api.call(json(method, path, body)));
  }

  /** The default JSON reader rounded 1.5 to 1, read true as 1 and "maybe" as false: a field takes its own JSON type. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "POST | /api/v1/partners | {\"name\":\"frac\",\"categories\":[\"ai\"],\"ratePerMinute\":1.5} | ratePerMinute: must be a whole number, was 1.5",
      "POST | /api/v1/partners | {\"name\":\"bool\",\"categories\":[\"ai\"],\"ratePerMinute\":true} | must be a whole number (a JSON number), was true",
      "POST | /api/v1/sources | {\"url\":\"https://frac.example.org/a.xml\",\"pollIntervalSeconds\":600.7} | pollIntervalSeconds: must be a whole number, was 600.7",
      "POST | /api/v1/sources | {\"url\":\"https://str.example.org/a.xml\",\"pollIntervalSeconds\":\"600\"} | was \"600\"",
      "POST | /api/v1/sources | {\"url\":\"https://big.example.org/a.xml\",\"pollIntervalSeconds\":99999999999} | must be between",
      "POST | /api/v1/categories/ai/examples | {\"entryId\":1.25,\"positive\":true} | entryId: must be a whole number, was 1.25",
      "POST | /api/v1/categories/ai/examples | {\"entryId\":1,\"positive\":\"yes\"} | positive: must be true or false, was \"yes\"",
      "POST | /api/v1/sources | {\"url\":\"https://maybe.example.org/a.xml\",\"enabled\":\"maybe\"} | enabled: must be true or false, was \"maybe\"",
      "POST | /api/v1/partners | {\"name\":\"one\",\"categories\":[\"ai\"],\"fullContent\":1} | fullContent: must be true or false, was 1",
      "PUT | /api/v1/related/ai | {\"enabled\":true,\"size\":2.5} | size: must be a whole number, was 2.5",
      "PUT | /api/v1/related/ai | {\"enabled\":true,\"size\":1e400} | size: must be between 1 and 10, was Infinity",
      "POST | /api/v1/sources | {\"url\":\"https://inf.example.org/a.xml\",\"pollIntervalSeconds\":-1e400} | pollIntervalSeconds: must be between",
      "POST | /api/v1/categories | {\"slug\":\"strthreshold\",\"threshold\":\"4\"} | threshold: must be a number, was \"4\""})
  void aNumberOrFlagFieldTakesOnlyItsJsonType(String method, String path, String body, String detail) {
    assertProblem(400, detail, api.call(json(method, path, body)));
  }

  /**
   * A number past an int's range was answered with the int's bounds ("must be between -2147483648
   * and 2147483647"), which the field does not take either: each bounded field names its own, in
   * the words the check of a number within an int's range uses. {source} and {partner} are made
   * for the test.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "POST | /api/v1/sources | {\"url\":\"https://huge.example.org/a.xml\",\"pollIntervalSeconds\":99999999999999} | pollIntervalSeconds: must be between 60 and 604800, was 99999999999999",
      "POST | /api/v1/sources | {\"url\":\"https://neg.example.org/a.xml\",\"pollIntervalSeconds\":-1e400} | pollIntervalSeconds: must be between 60 and 604800, was -Infinity",
      "POST | /api/v1/sources | {\"url\":\"https://small.example.org/a.xml\",\"pollIntervalSeconds\":59} | pollIntervalSeconds: must be between 60 and 604800, was 59",
      "PATCH | /api/v1/sources/{source} | {\"pollIntervalSeconds\":99999999999999} | pollIntervalSeconds: must be between 60 and 604800, was 99999999999999",
      "PATCH | /api/v1/sources/{source} | {\"pollIntervalSeconds\":604801} | pollIntervalSeconds: must be between 60 and 604800, was 604801",
      "POST | /api/v1/partners | {\"name\":\"huge\",\"categories\":[\"ai\"],\"ratePerMinute\":99999999999999} | ratePerMinute: must be between 1 and 1000000, was 99999999999999",
      "PATCH | /api/v1/partners/{partner} | {\"ratePerMinute\":-99999999999999} | ratePerMinute: must be between 1 and 1000000, was -99999999999999",
      "PATCH | /api/v1/partners/{partner} | {\"ratePerMinute\":0} | ratePerMinute: must be between 1 and 1000000, was 0",
      "PUT | /api/v1/related/ai | {\"enabled\":true,\"size\":99999999999999} | size: must be between 1 and 10, was 99999999999999",
      "PUT | /api/v1/related/ai | {\"enabled\":true,\"size\":11} | size: must be between 1 and 10, was 11",
      "POST | /api/v1/categories | {\"slug\":\"hugethreshold\",\"threshold\":1e400} | threshold: must be greater than 0 and at most 1000, was Infinity",
      "PUT | /api/v1/categories/ai | {\"threshold\":99999999999999} | threshold: must be greater than 0 and at most 1000, was 9.9999999999999E13",
      // An id was told a long's range ("must be between -9223372036854775808 and 9223372036854775807").
      "POST | /api/v1/categories/ai/examples | {\"entryId\":1e30,\"positive\":true} | entryId: must be a positive entry id, was 1",
      "POST | /api/v1/categories/ai/examples | {\"entryId\":99999999999999999999,\"positive\":true} | entryId: must be a positive entry id, was 99999999999999999999",
      "POST | /api/v1/categories/ai/examples | {\"entryId\":0,\"positive\":true} | entryId: must be a positive entry id, was 0",
      "POST | /api/v1/entries/1/merge | {\"with\":-1e30} | with: must be a positive entry id, was -1",
      "POST | /api/v1/entries/1/merge | {\"with\":-7} | with: must be a positive entry id, was -7",
      "POST | /api/v1/entries/1/merge | {\"with\":1e400} | with: must be a positive entry id, was Infinity"})
  void aBoundedNumberFieldNamesItsOwnBounds(String method, String path, String body, String detail) {
    String at = path;
    if (at.contains("{source}")) {
      at = at.replace("{source}", String.valueOf(api.addSource("https://bounded.example.org/" + System.nanoTime() + ".xml")));
    }
    if (at.contains("{partner}")) {
      Map<String, Object> made = api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", "bounded-" + System.nanoTime(), "categories", List.of("ai"))));
      at = at.replace("{partner}", String.valueOf(((Map<?, ?>) made.get("partner")).get("id")));
    }
    assertProblem(400, detail, api.call(json(method, at, body)));
  }

  /** Not "/limit: Failed to convert argument [limit] for value [abc] due to: ...", nor the body's Java name. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "GET | /api/v1/entries?limit=abc | | limit: 'abc' is not a valid value",
      "GET | /api/v1/entries/1.5 | | id: '1.5' is not a valid value",
      // answered 405, "Method [GET] not allowed ... Allowed methods: [DELETE, PATCH]"
      "GET | /api/v1/sources/abc | | id: 'abc' is not a valid value",
      "GET | /api/v1/sources/1.5 | | id: '1.5' is not a valid value",
      "POST | /api/v1/sources | [1] | body: Unexpected token START_ARRAY, expected START_OBJECT (line 1, column 2)",
      // "/in: Required Body [in] not specified"
      "POST | /api/v1/sources | | body: missing; send the JSON object",
      "PATCH | /api/v1/entries/1 | | body: missing; send the JSON object",
      // "Invalid JSON: Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow at [Source: REDACTED ..."
      "POST | /api/v1/sources | {\"url\":\"https://nan.example.org/a.xml\",\"pollIntervalSeconds\":NaN} | body: Invalid JSON: Non-standard token 'NaN' (line 1, column",
      // "(1000, from `StreamReadConstraints.getMaxNumberLength()`)"
      "POST | /api/v1/sources | {\"url\":\"https://long.example.org/a.xml\",\"pollIntervalSeconds\":{2000 digits}} | body: Number value length (2000) exceeds the maximum allowed (1000)"})
  void aValueThatCannotBeReadIsNamedInTheClientsTerms(String method, String path, String body, String detail) {
    String sent = body == null ? "" : body.replace("{2000 digits}", "1".repeat(2000));
    HttpResponse<Map<String, Object>> r = api.call(json(method, path, sent));
    assertProblem(400, detail, r);
    assertJustTheClientsTerms(r);
  }

  private void assertJustTheClientsTerms(HttpResponse<Map<String, Object>> r) {
    for (String java : new String[] {"Failed to convert", "Source:", "Required Body", "dev.syndic", "`"}) {
      assertTrue(!detail(r).contains(java), () -> detail(r));
    }
  }

  /** Bytes that are not UTF-8 are named by their field, not by the Java type that reads it ("[class dev.syndic.api.SourceInput]"). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "POST | /api/v1/sources | {\"url\":\"https://bytes.example.org/{ff}.xml\"} | url: Invalid UTF-8 start byte 0xff (line 1, column",
      "POST | /api/v1/categories | {\"slug\":\"bytes\",\"rules\":{\"terms\":{\"{ff}\":1}}} | terms: Invalid UTF-8 start byte 0xff"})
  void bytesThatAreNotUtf8AreNamedByTheirField(String method, String path, String body, String detail) {
    byte[] bytes = body.replace("{ff}", "\u0000").getBytes(StandardCharsets.UTF_8);
    bytes[body.indexOf("{ff}")] = (byte) 0xff;
    HttpResponse<Map<String, Object>> r = api.call(HttpRequest.create(HttpMethod.parse(method), path).body(bytes).contentType("application/json"));
    assertProblem(400, detail, r);
    assertJustTheClientsTerms(r);
  }

  /** "?wait=yes" was read as true, "?wait=1" and a typo as false (202, no fetch record, no word why). */
  @ParameterizedTest
  @CsvSource({"yes", "1", "maybe"})
  void aPollWaitThatIsNotTrueOrFalseIs400(String wait) {
    long id = api.addSource("https://wait-" + wait + ".example.org/a.xml");
    assertProblem(400, "wait: '" + wait + "' is not true", api.call(json("POST", "/api/v1/sources/" + id + "/poll?wait=" + wait, "")));
  }

  @Test
  void aWholeNumberWrittenWithAnExponentOrZeroFractionIsRead() {
    Map<String, Object> p = api.body(json("POST", "/api/v1/partners", "{\"name\":\"exp\",\"categories\":[\"ai\"],\"ratePerMinute\":1.2e2}"));
    assertEquals(120, ((Map<?, ?>) p.get("partner")).get("ratePerMinute"));
    Map<String, Object> s = api.body(json("POST", "/api/v1/sources", "{\"url\":\"https://zero.example.org/a.xml\",\"pollIntervalSeconds\":600.0}"));
    assertEquals(600, s.get("pollIntervalSeconds"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "GET | /api/v1/categories/%00 | | path: contains a NUL character",
      "GET | /api/v1/entries?category=%00 | | query parameter 'category': contains a NUL",
      "GET | /api/v1/entries?q=%00 | | query parameter 'q': contains a NUL",
      "PUT | /api/v1/related/%00 | {\"enabled\":true} | path: contains a NUL character"})
  void nulInThePathOrQueryIs400(String method, String path, String body, String detail) {
    assertProblem(400, detail, api.call(json(method, path, body == null ? "" : body)));
  }

  /** Netty's refusal of a too long request said 413, a body too large, to a GET that had none. */
  @Test
  void aRequestLineOverItsLimitIs414AndHeadersOverTheirs431() throws Exception {
    java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    String base = embedded.getURL().toString();
    java.net.http.HttpResponse<String> line = client.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(base + "/api/v1/entries?q=" + "a".repeat(17_000))).header("Authorization", "Bearer " + dev.syndic.support.Api.TOKEN)
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(414, line.statusCode(), line.body());
    assertEquals("application/problem+json", line.headers().firstValue("Content-Type").orElse(""));
    assertTrue(line.body().contains("longer than 16384 bytes"), line.body());
    java.net.http.HttpResponse<String> headers = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/feeds/all.rss"))
        .header("X-Padding", "a".repeat(9_000)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(431, headers.statusCode(), headers.body());
    java.net.http.HttpResponse<String> fine = client.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(base + "/api/v1/entries?q=" + "a".repeat(190))).header("Authorization", "Bearer " + dev.syndic.support.Api.TOKEN)
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, fine.statusCode(), fine.body());
  }

  @Test
  void storableTextIsCheckedOnlyAfterTheToken() {
    HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
        () -> http.toBlocking().exchange(json("POST", "/api/v1/tokens", "{\"name\":\"n\\u0000\"}"), String.class));
    assertEquals(401, e.getStatus().getCode(), () -> e.getResponse().getBody(String.class).orElse(""));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "from=-999999999-01-01T00:00:00Z | from: ",
      "to=%2B294277-01-01T00:00:00Z | to: ",
      "cursor=e:-9223372036854775808:1 | cursor: ",
      // an empty range answered an empty list, as if nothing had matched
      "from=2026-03-18&to=2026-03-17 | to: must be later than from",
      "from=2026-03-17&to=2026-03-17 | to: must be later than from (to is not included",
      "from=2026-03-17T08:00:00Z&to=2026-03-17 | was from=2026-03-17T08:00:00Z and to=2026-03-17"})
  void timesPostgresqlCannotHoldOrAnEmptyRangeAre400(String query, String detail) {
    String q = query.startsWith("cursor=") ? "cursor=" + base64url(query.substring(7)) : query;
    assertProblem(400, detail, api.call(HttpRequest.GET("/api/v1/entries?" + q)));
  }

  @Test
  void aPartnerCursorOutOfRangeIs400() {
    String key = (String) api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", "cursor-probe", "categories", List.of("all")))).get("key");
    for (String cursor : List.of("p:-9223372036854775808:1", "p:-9223372036854775807:9223372036854775807")) {
      HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
          () -> http.toBlocking().exchange(HttpRequest.GET("/partner/v1/entries?cursor=" + base64url(cursor)).bearerAuth(key), String.class));
      assertEquals(400, e.getStatus().getCode(), cursor);
      assertTrue(e.getResponse().getBody(String.class).orElseThrow().contains("cursor"));
    }
  }

  /** The edge checks are the first line; a value PostgreSQL still refuses (class 22) answers 400, not 500. */
  @Test
  void aDataExceptionPastTheChecksIs400() throws Exception {
    execute("""
        CREATE FUNCTION test_refuse_url() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.url LIKE '%refused-by-postgres%' THEN
                RAISE EXCEPTION 'value refused for the test' USING ERRCODE = '22023';
            END IF;
            RETURN NEW;
        END $$""");
    execute("CREATE TRIGGER test_refuse_url BEFORE INSERT ON source FOR EACH ROW EXECUTE FUNCTION test_refuse_url()");
    try {
      HttpResponse<Map<String, Object>> r = api.call(HttpRequest.POST("/api/v1/sources", Map.of("url", "https://refused-by-postgres.example.org/f")));
      assertProblem(400, "PostgreSQL refused a value of this request", r);
      assertTrue(detail(r).contains("value refused for the test"), detail(r));
    } finally {
      execute("DROP TRIGGER test_refuse_url ON source");
      execute("DROP FUNCTION test_refuse_url()");
    }
  }

  @Test
  void aSourceSubscribedMeanwhileIs409() throws Exception {
    String url = "https://race.example.org/feed.xml";
    long[] theirs = new long[1];
    HttpResponse<Map<String, Object>> r = raced("INSERT INTO source (url) VALUES ('" + url + "') RETURNING id", theirs,
        HttpRequest.POST("/api/v1/sources", Map.of("url", url)));
    assertProblem(409, "url: already subscribed as source " + theirs[0], r);
  }

  @Test
  void aPartnerNamedMeanwhileIs409() throws Exception {
    long[] theirs = new long[1];
    HttpResponse<Map<String, Object>> r = raced("INSERT INTO partner (name, key_hash, key_hint) VALUES ('racer', 'test-hash', 'x') RETURNING id",
        theirs, HttpRequest.POST("/api/v1/partners", Map.of("name", "racer", "categories", List.of("ai"))));
    assertProblem(409, "name: partner " + theirs[0] + " is already called 'racer'", r);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "POST | /api/v1/partners | {\"name\":\"p4\",\"categories\":[null]} | categories[0]: null",
      "POST | /api/v1/partners | {\"name\":\"p5\",\"categories\":[\"ai\",null]} | categories[1]: null",
      "POST | /api/v1/categories | {\"slug\":\"null-tag\",\"rules\":{\"feedTags\":[null]}} | rules.feedTags: a tag is empty",
      "POST | /api/v1/categories | {\"slug\":\"null-weight\",\"rules\":{\"terms\":{\"a\":null}}} | rules.terms['a']: weight must be"})
  void nullListItemsAre400(String method, String path, String body, String detail) {
    assertProblem(400, detail, api.call(json(method, path, body)));
  }

  /**
   * A value of the wrong type in a category's rules, or in a list of categories, is told in the
   * client's words, beginning with the field it concerns (the reader's own words, "Cannot
   * deserialize value of type `java.util.Map`", named Java's types), on every route that reads it.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "POST | /api/v1/categories | {\"slug\":\"text-weight\",\"rules\":{\"terms\":{\"a\":\"heavy\"}}} | rules.terms['a']: a weight is a number, was \"heavy\" (line 1, column",
      "POST | /api/v1/categories | {\"slug\":\"list-weight\",\"rules\":{\"patterns\":{\"a+\":[1]}}} | rules.patterns['a+']: a weight is a number",
      "POST | /api/v1/categories | {\"slug\":\"text-threshold\",\"threshold\":\"high\"} | threshold:",
      "POST | /api/v1/categories | {\"slug\":\"tags-text\",\"rules\":{\"feedTags\":\"ai\"}} | rules.feedTags: a list of tags, e.g. [\"AI\"], was \"ai\"",
      "POST | /api/v1/categories | {\"slug\":\"tag-number\",\"rules\":{\"feedTags\":[\"ai\",7]}} | rules.feedTags: a tag is a string, was 7",
      "POST | /api/v1/categories | {\"slug\":\"terms-list\",\"rules\":{\"terms\":[\"ai\"]}} | rules.terms: an object of weights",
      "PATCH | /api/v1/categories/ai | {\"rules\":{\"terms\":{\"a\":\"heavy\"}}} | rules.terms['a']: a weight is a number, was \"heavy\"",
      "POST | /api/v1/categories | {\"slug\":\"apostrophe-weight\",\"rules\":{\"terms\":{\"Macy's\":\"heavy\"}}} | rules.terms['Macy's']: a weight is a number, was \"heavy\"",
      "POST | /api/v1/categories/ai/preview | {\"rules\":{\"patterns\":{\"it's\":true}}} | rules.patterns['it's']: a weight is a number, was true",
      "POST | /api/v1/categories/ai/preview | {\"rules\":{\"patterns\":{\"a+\":true}}} | rules.patterns['a+']: a weight is a number, was true",
      "PUT | /api/v1/categories/ai | {\"rules\":{\"feedTags\":[\"ai\",{}]}} | rules.feedTags: a tag is a string",
      "POST | /api/v1/partners | {\"name\":\"p-text\",\"categories\":\"ai\"} | categories: a list of strings, e.g. [\"ai\"], was \"ai\"",
      "POST | /api/v1/partners | {\"name\":\"p-num\",\"categories\":[\"ai\",3]} | categories: each item is a string, was 3",
      "PATCH | /api/v1/entries/1 | {\"categories\":\"ai\"} | categories: a list of strings"})
  void wrongTypesAreToldByTheirField(String method, String path, String body, String detail) {
    HttpResponse<Map<String, Object>> r = api.call(json(method, path, body));
    assertEquals(400, r.code(), () -> "answered " + r.code() + ": " + r.getBody(Map.class).orElse(null));
    assertTrue(detail(r).startsWith(detail), () -> "detail: " + detail(r));
    assertFalse(detail(r).contains("java.") || detail(r).contains("rules.categories"), () -> "detail: " + detail(r));
  }

  @Test
  void aPartnerPatchWithANullCategoryIs400() {
    Map<?, ?> partner = (Map<?, ?>) api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", "patch-null", "categories", List.of("ai"))))
        .get("partner");
    Number id = (Number) partner.get("id");
    assertProblem(400, "categories[0]: null", api.call(json("PATCH", "/api/v1/partners/" + id, "{\"categories\":[null]}")));
  }

  @Test
  void aRefusedEntryPatchChangesNothing() throws Exception {
    long entry = anEntry("/refused-patch.xml");
    assertProblem(400, "no category 'nope'", api.call(HttpRequest.PATCH("/api/v1/entries/" + entry, Map.of("hidden", true, "pinned", true,
        "categories", List.of("nope")))));
    assertProblem(400, "categories[1]: null", api.call(json("PATCH", "/api/v1/entries/" + entry, "{\"hidden\":true,\"categories\":[\"ai\",null]}")));
    Map<String, Object> after = api.body(HttpRequest.GET("/api/v1/entries/" + entry));
    assertEquals(false, after.get("hidden"));
    assertEquals(false, after.get("pinned"));
    assertTrue(((List<?>) after.get("categories")).stream().noneMatch(c -> "admin".equals(((Map<?, ?>) c).get("origin"))), after::toString);
  }

  @Test
  void entryCategoriesAreDeduplicatedAndCapped() throws Exception {
    long entry = anEntry("/capped-patch.xml");
    long started = System.nanoTime();
    assertProblem(400, "categories: at most 100", api.call(HttpRequest.PATCH("/api/v1/entries/" + entry,
        Map.of("categories", Collections.nCopies(10_000, "ai")))));
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2_000, "refused without a query per item");
    Map<String, Object> patched = api.body(HttpRequest.PATCH("/api/v1/entries/" + entry, Map.of("categories", List.of("ai", "business", "ai"))));
    assertEquals(List.of("ai", "business"), ((List<?>) patched.get("categories")).stream().map(c -> ((Map<?, ?>) c).get("slug")).sorted().toList());
  }

  private long anEntry(String path) throws Exception {
    server.serve(path, Fixtures.rss(new String[] {"x-1", "An entry for " + path, "<p>Text.</p>"}));
    long source = api.addSource(server.url(path));
    api.poll(source);
    return ((Number) api.entries("source=" + source).get(0).get("id")).longValue();
  }

  /**
   * Sends {@code request} while another transaction holds an uncommitted row with the same unique
   * key, then commits that row: the request's existence check passed (the row was not visible),
   * its insert waited on the unique index and then met the committed row, as two racing creates do.
   */
  private HttpResponse<Map<String, Object>> raced(String insert, long[] id, MutableHttpRequest<?> request) throws Exception {
    DataSource pool = DelegatingDataSource.unwrapDataSource(dataSource);
    try (Connection theirs = pool.getConnection(); Connection watcher = pool.getConnection()) {
      theirs.setAutoCommit(false);
      try (PreparedStatement ps = theirs.prepareStatement(insert); ResultSet rs = ps.executeQuery()) {
        rs.next();
        id[0] = rs.getLong(1);
      }
      CompletableFuture<HttpResponse<Map<String, Object>>> answer = CompletableFuture.supplyAsync(() -> api.call(request));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (waitingOnALock(watcher) == 0 && !answer.isDone()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the request never waited for the other transaction's row");
        }
        Thread.sleep(20);
      }
      theirs.commit();
      return answer.get();
    }
  }

  private static int waitingOnALock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.execute();
    }
  }

  private static String base64url(String raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }
}
