package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServerTest;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code ?limit=} with no number is refused the same way on every list: the admin routes took it
 * as absent (50 items) where the feeds and the partner API answered 400. Absent, each keeps its
 * default.
 */
@MicronautTest(transactional = false)
class LimitParameterTest extends FeedServerTest {

  private long source;
  private String partnerKey;

  @BeforeAll
  void someToList() {
    source = api.addSource("https://limit.example.org/a.xml");
    partnerKey = (String) api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", "limit-probe", "categories", List.of("all")))).get("key");
  }

  private MutableHttpRequest<?> request(String method, String path) {
    String p = path.replace("{source}", String.valueOf(source));
    return method.equals("POST") ? HttpRequest.POST(p, "{}") : HttpRequest.create(HttpMethod.parse(method), p);
  }

  @ParameterizedTest
  @CsvSource({
      "GET, /api/v1/sources, 500",
      "GET, /api/v1/sources/{source}/fetches, 500",
      "GET, /api/v1/entries, 500",
      "GET, /api/v1/partners, 500",
      "POST, /api/v1/categories/ai/preview, 10000"})
  void anEmptyLimitIs400OnTheAdminRoutes(String method, String path, int max) {
    var r = api.call(request(method, path + "?limit="));
    assertEquals(400, r.code(), () -> String.valueOf(r.getBody(Map.class).orElse(null)));
    String detail = String.valueOf(r.getBody(Map.class).orElseThrow().get("detail"));
    assertTrue(detail.startsWith("limit: empty; give a whole number from 1 to " + max + ", or leave limit out"), detail);
    assertEquals(200, api.call(request(method, path)).code());
    assertEquals(200, api.call(request(method, path + "?limit=1")).code());
    assertEquals(400, api.call(request(method, path + "?limit=abc")).code());
  }

  @ParameterizedTest
  @CsvSource({"/feeds/all.rss", "/partner/v1/entries", "/partner/v1/feeds/all.atom"})
  void anEmptyLimitIs400OnTheFeedsAndThePartnerApiAsBefore(String path) {
    HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
        () -> http.toBlocking().exchange(HttpRequest.GET(path + "?limit=").bearerAuth(partnerKey), String.class));
    assertEquals(400, e.getStatus().getCode());
    assertTrue(e.getResponse().getBody(String.class).orElseThrow().contains("limit"));
    assertEquals(200, http.toBlocking().exchange(HttpRequest.GET(path).bearerAuth(partnerKey), String.class).code());
  }

  /** Read as text to tell empty from absent, the admin lists' limit is still documented as the number it is. */
  @Test
  @SuppressWarnings("unchecked")
  void theAdminListsDocumentTheirLimitAsAWholeNumber() throws Exception {
    Map<String, Object> paths;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/swagger/syndic-1.yml")) {
      paths = (Map<String, Object>) new Yaml().<Map<String, Object>>load(in).get("paths");
    }
    for (String[] route : new String[][] {{"/api/v1/sources", "get", "500"}, {"/api/v1/sources/{id}/fetches", "get", "500"},
        {"/api/v1/entries", "get", "500"}, {"/api/v1/partners", "get", "500"}, {"/api/v1/categories/{slug}/preview", "post", "10000"}}) {
      Map<String, Object> op = (Map<String, Object>) ((Map<String, Object>) paths.get(route[0])).get(route[1]);
      Map<String, Object> limit = ((List<Map<String, Object>>) op.get("parameters")).stream().filter(p -> "limit".equals(p.get("name")))
          .findFirst().orElseThrow();
      Map<String, Object> schema = (Map<String, Object>) limit.get("schema");
      assertEquals("integer", schema.get("type"), route[0] + ": " + schema);
      assertEquals(route[2], String.valueOf(schema.get("maximum")), route[0] + ": " + schema);
    }
  }
}
