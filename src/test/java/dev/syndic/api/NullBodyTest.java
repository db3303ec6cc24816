package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServerTest;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A body that is the JSON literal {@code null} is a 400 that says what the request takes, as a
 * missing body is: every create, the category preview and example, an entry's merge, answered
 * 500 ("Syndic failed to handle this request"), the member check reading a tree that was not
 * there.
 */
@MicronautTest(transactional = false)
class NullBodyTest extends FeedServerTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "POST, /api/v1/categories",
      "PUT, /api/v1/categories/ai",
      "POST, /api/v1/categories/ai/preview",
      "POST, /api/v1/categories/ai/examples",
      "POST, /api/v1/sources",
      "POST, /api/v1/partners",
      "POST, /api/v1/disclaimers",
      "POST, /api/v1/tokens",
      "POST, /api/v1/entries/1/merge",
  })
  void aNullBodyIsRefusedSayingWhatTheRequestTakes(String method, String path) {
    HttpResponse<Map<String, Object>> r = api.call(HttpRequest.create(HttpMethod.parse(method), path).body("null")
        .contentType(MediaType.APPLICATION_JSON_TYPE));

    assertEquals(400, r.code(), () -> "answered " + r.code() + ": " + r.getBody(Map.class).orElse(null));
    String detail = String.valueOf(r.getBody(Map.class).orElseThrow().get("detail"));
    assertTrue(detail.startsWith("body: null"), detail);
  }
}
