package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.buffer.netty.NettyByteBufferFactory;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.simple.SimpleHttpHeaders;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A request body is taken whole or not at all: a key given twice and anything after the JSON
 * value are refused with 400 before anything is stored, and PATCH takes its merge patch under
 * {@code application/merge-patch+json} as well as {@code application/json}.
 */
@MicronautTest(transactional = false)
class RequestBodyStrictnessTest extends FeedServerTest {

  @Inject
  JsonMapper jsonMapper;

  private static MutableHttpRequest<?> json(String method, String path, String body, String type) {
    return HttpRequest.create(HttpMethod.parse(method), path).body(body).contentType(type);
  }

  private static String detail(HttpResponse<Map<String, Object>> r) {
    return String.valueOf(r.getBody(Map.class).orElseThrow().get("detail"));
  }

  private static void assertProblem(int status, String detailPart, HttpResponse<Map<String, Object>> r) {
    assertEquals(status, r.code(), () -> "answered " + r.code() + ": " + r.getBody(Map.class).orElse(null));
    assertEquals("application/problem+json", r.getContentType().orElseThrow().toString());
    assertTrue(detail(r).contains(detailPart), () -> "detail: " + detail(r));
  }

  /**
   * The reader stopped at the end of the first value: the rest was dropped and the first half
   * applied. Each body is sent ten times on the client's keep-alive connections: a refusal that
   * released the body's buffer twice shut the connection before its 400 was written, in about one
   * request of four read on the event loop ("connection closed before response").
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"url\":\"https://trail.example.org/a.xml\"} xyz | body: more after the JSON value",
      "{\"url\":\"https://two.example.org/a.xml\"}{\"url\":\"https://two.example.org/b.xml\"} | body: more after the JSON value",
      "{\"url\":\"https://comma.example.org/a.xml\"}, | body: more after the JSON value",
      // the first url was kept and the second dropped without a word
      "{\"url\":\"https://dup.example.org/a.xml\",\"url\":\"https://dup.example.org/b.xml\"} | body: Invalid JSON: Duplicate field 'url' (line 1, column 45)"})
  void aBodyWithMoreThanOneValueOrAKeyTwiceIsRefusedAndNothingIsStored(String body, String detail) {
    for (int i = 0; i < 10; i++) {
      assertProblem(400, detail, api.call(json("POST", "/api/v1/sources", body, "application/json")));
    }
    String host = body.substring(body.indexOf("https://") + 8, body.indexOf(".example.org"));
    Map<String, Object> list = api.body(HttpRequest.GET("/api/v1/sources?q=" + host + ".example.org"));
    assertEquals(List.of(), list.get("items"), () -> "stored: " + list);
  }

  /**
   * The server releases a body's buffer itself when its reader throws, and leaves it to a reader
   * that answers a value: refused after Micronaut's reader had released it, the buffer was
   * released twice and went back to Netty's pool while the 400 was being written.
   */
  @Test
  void aRefusedBodyIsLeftToTheServerToReleaseAndAReadOneIsReleased() {
    WholeJsonBodyReader<Map<String, Object>> reader = new WholeJsonBodyReader<>(jsonMapper);
    Argument<Map<String, Object>> type = Argument.mapOf(String.class, Object.class);
    ByteBuf refused = Unpooled.copiedBuffer("{\"url\":\"https://x.example.org/\"} xyz", StandardCharsets.UTF_8);
    ByteBuf taken = Unpooled.copiedBuffer("{\"url\":\"https://x.example.org/\"} ", StandardCharsets.UTF_8);

    assertThrows(CodecException.class, () -> reader.read(type, MediaType.APPLICATION_JSON_TYPE, new SimpleHttpHeaders(), NettyByteBufferFactory.DEFAULT.wrap(refused)));
    assertEquals(Map.of("url", "https://x.example.org/"), reader.read(type, MediaType.APPLICATION_JSON_TYPE, new SimpleHttpHeaders(), NettyByteBufferFactory.DEFAULT.wrap(taken)));

    assertEquals(1, refused.refCnt(), "a refused body is the server's to release");
    assertEquals(0, taken.refCnt(), "a body read into a value is released by its reader");
  }

  @Test
  void aNestedKeyGivenTwiceIsRefused() {
    assertProblem(400, "Duplicate field 'terms'", api.call(json("POST", "/api/v1/categories",
        "{\"slug\":\"dup-rules\",\"rules\":{\"terms\":{\"a\":1},\"terms\":{\"b\":2}}}", "application/json")));
    assertEquals(404, api.call(HttpRequest.GET("/api/v1/categories/dup-rules")).code());
  }

  @Test
  void whitespaceAfterTheValueIsFine() {
    Map<String, Object> s = api.body(json("POST", "/api/v1/sources", "{\"url\":\"https://space.example.org/a.xml\"} \r\n\t ", "application/json"));
    assertEquals("https://space.example.org/a.xml", s.get("url"));
  }

  @ParameterizedTest
  @CsvSource({"application/merge-patch+json", "application/merge-patch+json; charset=utf-8", "application/json"})
  void aPatchTakesAMergePatch(String type) {
    long id = api.addSource("https://merge-" + Math.abs(type.hashCode()) + ".example.org/a.xml");
    Map<String, Object> patched = api.body(json("PATCH", "/api/v1/sources/" + id, "{\"title\":\"Patched\"}", type));
    assertEquals("Patched", patched.get("title"));
    Map<?, ?> partner = (Map<?, ?>) api.body(HttpRequest.POST("/api/v1/partners",
        Map.of("name", "merge-" + Math.abs(type.hashCode()), "categories", List.of("ai")))).get("partner");
    Map<String, Object> p = api.body(json("PATCH", "/api/v1/partners/" + partner.get("id"), "{\"ratePerMinute\":7}", type));
    assertEquals(7, p.get("ratePerMinute"));
  }

  /**
   * RFC 7396: null removes a field. It meant "unchanged", so an admin could not go back to the
   * adaptive interval, nor drop a title or category that way; a field that cannot be removed is a
   * 400 naming it, and nothing of the patch is applied.
   */
  @Test
  void aMergePatchsNullRemovesAFieldOrIsRefused() {
    long id = api.addSource("https://null-patch.example.org/a.xml");
    api.body(json("PATCH", "/api/v1/sources/" + id,
        "{\"title\":\"Kept\",\"category\":\"ai\",\"pollIntervalSeconds\":3600,\"enabled\":false}", "application/merge-patch+json"));

    Map<String, Object> removed = api.body(json("PATCH", "/api/v1/sources/" + id,
        "{\"title\":null,\"category\":null,\"pollIntervalSeconds\":null,\"enabled\":null}", "application/merge-patch+json"));

    assertEquals(Arrays.asList(null, null, null, true), Arrays.asList(removed.get("title"), removed.get("category"),
        removed.get("pollIntervalSeconds"), removed.get("enabled")), () -> "source: " + removed);
    for (String field : List.of("url", "status")) {
      assertProblem(400, field + ": cannot be removed", api.call(json("PATCH", "/api/v1/sources/" + id,
          "{\"title\":\"Not applied\",\"" + field + "\":null}", "application/merge-patch+json")));
    }
    assertEquals(null, api.body(HttpRequest.GET("/api/v1/sources/" + id)).get("title"));
  }

  @Test
  void aMergePatchsNullUnhidesAndUnpinsAnEntry() {
    server.serve("/null-patch.xml", Fixtures.rss(new String[] {"np-1", "A story", "<p>Words.</p>"}));
    long source = api.addSource(server.url("/null-patch.xml"));
    api.poll(source);
    Object entry = api.entries("source=" + source).get(0).get("id");
    api.body(json("PATCH", "/api/v1/entries/" + entry, "{\"hidden\":true,\"pinned\":true}", "application/merge-patch+json"));

    Map<String, Object> removed = api.body(json("PATCH", "/api/v1/entries/" + entry, "{\"hidden\":null,\"pinned\":null}",
        "application/merge-patch+json"));

    assertEquals(List.of(false, false), List.of(removed.get("hidden"), removed.get("pinned")), () -> "entry: " + removed);
  }

  /** Partners and categories take a removed field's default, as a create or PUT does; the rest is a 400. */
  @Test
  void aMergePatchsNullGivesPartnersAndCategoriesTheirDefaults() {
    Map<?, ?> partner = (Map<?, ?>) api.body(HttpRequest.POST("/api/v1/partners",
        Map.of("name", "null-patch", "categories", List.of("ai"), "ratePerMinute", 7, "related", true))).get("partner");
    String path = "/api/v1/partners/" + partner.get("id");

    Map<String, Object> p = api.body(json("PATCH", path, "{\"ratePerMinute\":null,\"related\":null}", "application/merge-patch+json"));

    assertEquals(List.of(60, false), List.of(p.get("ratePerMinute"), p.get("related")), () -> "partner: " + p);
    assertProblem(400, "name: cannot be removed", api.call(json("PATCH", path, "{\"name\":null}", "application/merge-patch+json")));
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "null-patch", "nameEn", "Named", "threshold", 9.0)));
    Map<String, Object> c = api.body(json("PATCH", "/api/v1/categories/null-patch", "{\"nameEn\":null,\"threshold\":null}",
        "application/merge-patch+json"));
    assertEquals(List.of("null-patch", 4.0), List.of(c.get("nameEn"), c.get("threshold")), () -> "category: " + c);
    assertProblem(400, "rules: cannot be removed", api.call(json("PATCH", "/api/v1/categories/null-patch", "{\"rules\":null}",
        "application/merge-patch+json")));
  }

  /**
   * A value of the wrong type in a merge patch is told as a POST tells it, in the client's terms:
   * MergePatch answered the tree reader's own message, "body: Cannot deserialize value of type
   * `java.lang.Boolean` due to: ... at [Source: UNKNOWN; byte offset: #UNKNOWN]", Java's type and
   * the reader's location that a tree has not.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"enabled\":\"yes\"} | enabled: must be true or false, was \"yes\"",
      "{\"pollIntervalSeconds\":\"x\"} | pollIntervalSeconds: must be a whole number",
      "{\"title\":{\"a\":1}} | title: ",
  })
  void aMergePatchsWrongTypeIsToldInTheClientsTerms(String body, String detail) {
    long id = api.addSource("https://wrong-type-" + Math.abs(body.hashCode()) + ".example.org/a.xml");
    HttpResponse<Map<String, Object>> r = api.call(json("PATCH", "/api/v1/sources/" + id, body, "application/merge-patch+json"));
    assertProblem(400, detail, r);
    for (String internal : List.of("java.", "Cannot deserialize", "Source:", "UNKNOWN", "byte offset")) {
      assertTrue(!detail(r).contains(internal), () -> "detail: " + detail(r));
    }
  }

  /**
   * RFC 7396 merges an object member into the field's current object: {"rules":{"terms":{"baz":3,
   * "foo":null}}} sent as application/merge-patch+json adds baz and removes foo. The rules were
   * replaced whole, so such a patch lost every other term, the patterns and the feed tags of the
   * category without a word (or was refused for foo's null).
   */
  @Test
  void aMergePatchOfACategorysRulesMergesThemAsRfc7396Says() {
    api.body(json("POST", "/api/v1/categories", "{\"slug\":\"rules-merge\",\"rules\":{\"terms\":{\"foo\":2,\"bar\":1},"
        + "\"patterns\":{\"qu+x\":2},\"feedTags\":[\"tagged\"]}}", "application/json"));

    Map<String, Object> c = api.body(json("PATCH", "/api/v1/categories/rules-merge", "{\"rules\":{\"terms\":{\"baz\":3,\"foo\":null}}}",
        "application/merge-patch+json"));

    Map<?, ?> rules = (Map<?, ?>) c.get("rules");
    assertEquals(Map.of("bar", 1.0, "baz", 3.0), rules.get("terms"), () -> "rules: " + rules);
    assertEquals(Map.of("qu+x", 2.0), rules.get("patterns"), () -> "rules: " + rules);
    assertEquals(List.of("tagged"), rules.get("feedTags"), () -> "rules: " + rules);
    // As application/json the rules are replaced whole, as a preview takes them.
    Map<String, Object> replaced = api.body(json("PATCH", "/api/v1/categories/rules-merge", "{\"rules\":{\"terms\":{\"qux\":2}}}",
        "application/json"));
    assertEquals(Map.of("terms", Map.of("qux", 2.0), "patterns", Map.of(), "feedTags", List.of()), replaced.get("rules"));
  }

  /** A merge patch is a PATCH body only, and a type that is not JSON is still 415. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "PATCH | /api/v1/sources/1 | text/plain",
      "PATCH | /api/v1/sources/1 | application/xml",
      "POST | /api/v1/sources | application/merge-patch+json"})
  void anotherTypeIsStill415(String method, String path, String type) {
    assertEquals(415, api.call(json(method, path, "{\"title\":\"x\"}", type)).code());
  }

  @Test
  void aMergePatchWithAKeyTwiceIsRefused() {
    long id = api.addSource("https://patch-dup.example.org/a.xml");
    assertProblem(400, "Duplicate field 'title'", api.call(json("PATCH", "/api/v1/sources/" + id,
        "{\"title\":\"One\",\"title\":\"Two\"}", "application/merge-patch+json")));
    assertEquals(null, api.body(HttpRequest.GET("/api/v1/sources/" + id)).get("title"));
  }

  /**
   * A member the request does not take was dropped without a word and the rest applied: a typo
   * ({@code "categroy"}, {@code "paused": true}, rules given as {@code "term"}) answered 201 or 200
   * with the field unset, a category created with no rules at all. Each is a 400 naming the member
   * and what the request takes, on create, PUT and PATCH alike, and nothing is stored.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "POST  | /api/v1/sources           | {\"url\":\"https://typo.example.org/a.xml\",\"categroy\":\"ai\"} | categroy: ",
      "POST  | /api/v1/categories        | {\"slug\":\"typo-rules\",\"rules\":{\"term\":{\"x\":1}}}  | rules.term: ",
      "POST  | /api/v1/categories        | {\"slug\":\"typo-threshold\",\"treshold\":9}              | treshold: ",
      "PUT   | /api/v1/categories/ai     | {\"rules\":{\"terms\":{\"x\":1}},\"id\":1}                | id: ",
      "POST  | /api/v1/partners          | {\"name\":\"typo-partner\",\"categories\":[\"ai\"],\"ratePerMinut\":5} | ratePerMinut: ",
      "POST  | /api/v1/disclaimers       | {\"scope\":\"global\",\"language\":\"en\",\"template\":\"x\",\"lang\":\"zh\"} | lang: ",
      "POST  | /api/v1/tokens            | {\"name\":\"typo-token\",\"expires\":\"2027-01-01\"}      | expires: ",
      "PUT   | /api/v1/related/ai        | {\"enabled\":true,\"count\":3}                         | count: ",
  })
  void aMemberTheRequestDoesNotTakeIsRefused(String method, String path, String body, String detail) {
    HttpResponse<Map<String, Object>> r = api.call(json(method, path, body, "application/json"));
    assertProblem(400, detail, r);
    assertTrue(detail(r).contains("takes "), () -> "the detail names what the request takes: " + detail(r));
    assertEquals(List.of(), api.body(HttpRequest.GET("/api/v1/sources?q=typo.example.org")).get("items"));
    assertEquals(404, api.call(HttpRequest.GET("/api/v1/categories/typo-rules")).code());
    assertEquals(404, api.call(HttpRequest.GET("/api/v1/categories/typo-threshold")).code());
  }

  @ParameterizedTest
  @CsvSource({"application/merge-patch+json", "application/json"})
  void aPatchWithAMemberThePatchDoesNotTakeChangesNothing(String type) {
    long id = api.addSource("https://typo-patch-" + Math.abs(type.hashCode()) + ".example.org/a.xml");
    assertProblem(400, "paused: ", api.call(json("PATCH", "/api/v1/sources/" + id, "{\"title\":\"Not applied\",\"paused\":true}", type)));
    assertEquals(null, api.body(HttpRequest.GET("/api/v1/sources/" + id)).get("title"));
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "typo-patch-" + Math.abs(type.hashCode()), "threshold", 5.0)));
    assertProblem(400, "rules.patern: ", api.call(json("PATCH", "/api/v1/categories/typo-patch-" + Math.abs(type.hashCode()),
        "{\"threshold\":6,\"rules\":{\"patern\":{\"x\":1}}}", type)));
    assertEquals(5.0, api.body(HttpRequest.GET("/api/v1/categories/typo-patch-" + Math.abs(type.hashCode()))).get("threshold"));
    assertProblem(400, "hiden: ", api.call(json("PATCH", "/api/v1/entries/1", "{\"hiden\":true}", type)));
  }
}
