package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServerTest;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Category rules that cannot do what they say are refused with 400 naming the field, not stored. */
@MicronautTest(transactional = false)
class CategoryInputTest extends FeedServerTest {

  @Test
  void twoTermsThatAreOneOnceNormalizedAreRefusedNamingBoth() {
    HttpResponse<Map<String, Object>> refused = api.call(HttpRequest.POST("/api/v1/categories",
        Map.of("slug", "pc", "rules", Map.of("terms", Map.of("電腦", 2.0, "电脑", 2.0)))));

    assertEquals(400, refused.code(), () -> String.valueOf(refused.getBody(Map.class)));
    String detail = detail(refused);
    assertTrue(detail.contains("rules.terms") && detail.contains("電腦") && detail.contains("电脑"), detail);
    assertEquals(404, api.call(HttpRequest.GET("/api/v1/categories/pc")).code());
  }

  /**
   * A term too long to be a word or a phrase is refused with a message that names it by its first
   * characters: cut inside an emoji, the answer's detail broke off there, before saying what is wrong.
   */
  @Test
  void anOverlongTermIsRefusedWithAReadableMessage() {
    String term = "a" + "\uD83D\uDE00".repeat(200); // 201 characters (an emoji counts one)
    HttpResponse<Map<String, Object>> refused = api.call(HttpRequest.POST("/api/v1/categories",
        Map.of("slug", "emoji", "rules", Map.of("terms", Map.of(term, 2.0)))));

    assertEquals(400, refused.code(), () -> String.valueOf(refused.getBody(Map.class)));
    String detail = detail(refused);
    assertTrue(detail.startsWith("rules.terms['a" + "\uD83D\uDE00".repeat(19) + "...']") && detail.contains("at most 200 characters"), detail);
  }

  /** "人工智能|" (a trailing bar) matches the empty string, so it would add its weight to every entry. */
  @ParameterizedTest
  @ValueSource(strings = {"人工智能|", "|AI", "(AI)?", "(?:GPT-?[0-9])*", "\\b"})
  void anExpressionThatMatchesTheEmptyStringIsRefused(String pattern) {
    HttpResponse<Map<String, Object>> refused = api.call(HttpRequest.POST("/api/v1/categories",
        Map.of("slug", "everything", "rules", Map.of("terms", Map.of("人工智能", 3.0), "patterns", Map.of(pattern, 2.0)))));

    assertEquals(400, refused.code(), () -> String.valueOf(refused.getBody(Map.class)));
    assertTrue(detail(refused).contains("rules.patterns['" + pattern + "']") && detail(refused).contains("empty"), detail(refused));
    assertEquals(404, api.call(HttpRequest.GET("/api/v1/categories/everything")).code());
  }

  /** A term must be able to match: not a run of invisible characters, not a paragraph. */
  @ParameterizedTest
  @ValueSource(strings = {"\u00A0", "\u200B", "\u200B\u200D", "long"})
  void aTermThatCouldNeverMatchOrIsNoWordIsRefused(String term) {
    String sent = term.equals("long") ? "人工智能".repeat(60) : term;
    HttpResponse<Map<String, Object>> refused = api.call(HttpRequest.POST("/api/v1/categories",
        Map.of("slug", "invisible", "rules", Map.of("terms", Map.of("人工智能", 3.0, sent, 2.0)))));

    assertEquals(400, refused.code(), () -> String.valueOf(refused.getBody(Map.class)));
    assertTrue(detail(refused).contains("rules.terms['"), detail(refused));
    assertTrue(detail(refused).contains(term.equals("long") ? "at most 200 characters" : "never match"), detail(refused));
    assertEquals(404, api.call(HttpRequest.GET("/api/v1/categories/invisible")).code());
  }

  /** A rule made of lookaheads ("mentions both") matches empty only where its words are. */
  @ParameterizedTest
  @ValueSource(strings = {"(?=.*人工智能)(?=.*北京)", "(?=.*\\bfox\\b)", "(?=AI)"})
  void anExpressionOfLookaheadsIsAccepted(String pattern) {
    HttpResponse<Map<String, Object>> saved = api.call(HttpRequest.POST("/api/v1/categories",
        Map.of("slug", "both-" + Math.abs(pattern.hashCode()), "rules", Map.of("terms", Map.of("人工智能", 3.0), "patterns", Map.of(pattern, 2.0)))));

    assertEquals(201, saved.code(), () -> String.valueOf(saved.getBody(Map.class)));
  }

  /** A term or expression without its weight, or a null tag, is named: not "Error deserializing type: CategoryRules rules". */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"terms\":{\"人工智能\":3.0,\"大模型\":null}}      | rules.terms['大模型']: weight must be",
      "{\"patterns\":{\"GPT-?[0-9]\":null}}               | rules.patterns['GPT-?[0-9]']: weight must be",
      "{\"terms\":{\"AI\":2},\"feedTags\":[\"ai\",null]} | rules.feedTags: a tag is empty"})
  void aMissingWeightOrTagIsNamed(String rules, String named) {
    for (String method : List.of("POST", "PUT")) {
      String path = method.equals("POST") ? "/api/v1/categories" : "/api/v1/categories/ai";
      HttpResponse<Map<String, Object>> refused = api.call(HttpRequest.create(HttpMethod.parse(method), path)
          .body("{\"slug\":\"" + (method.equals("POST") ? "weightless" : "ai") + "\",\"rules\":" + rules + "}").contentType("application/json"));

      assertEquals(400, refused.code(), () -> String.valueOf(refused.getBody(Map.class)));
      assertTrue(detail(refused).startsWith(named), detail(refused));
    }
    assertEquals(404, api.call(HttpRequest.GET("/api/v1/categories/weightless")).code());
  }

  static String detail(HttpResponse<Map<String, Object>> response) {
    return String.valueOf(response.getBody(Map.class).orElseThrow().get("detail"));
  }
}
