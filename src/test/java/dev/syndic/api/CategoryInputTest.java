package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServerTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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

  static String detail(HttpResponse<Map<String, Object>> response) {
    return String.valueOf(response.getBody(Map.class).orElseThrow().get("detail"));
  }
}
