package dev.syndic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Api;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.File;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The bounds {@code /openapi.yml} states are the ones the API enforces: a client generated from
 * the document sends what is taken. The number bounds are read from the request records'
 * annotations and the limits and lengths tried on the routes, against the document as served, so
 * neither side is repeated here by hand.
 */
@MicronautTest(transactional = false)
class OpenApiBoundsTest {

  @Inject
  @Client("/")
  HttpClient http;

  @SuppressWarnings("unchecked")
  private Map<String, Object> document() {
    return new Yaml().load(http.toBlocking().retrieve("/openapi.yml"));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> schema(Map<String, Object> doc, String name) {
    Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
    return (Map<String, Object>) Objects.requireNonNull(schemas.get(name), () -> "no schema " + name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> property(Map<String, Object> schema, String name) {
    return (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get(name);
  }

  /** Every request body record of this package ({@link ClosedBody}), found among the compiled classes. */
  private static List<Class<?>> closedBodies() throws Exception {
    // The main classes' folder, not getResource(""): that finds this package among the test classes first.
    URL classes = ClosedBody.class.getProtectionDomain().getCodeSource().getLocation();
    File folder = new File(new File(classes.toURI()), ClosedBody.class.getPackageName().replace('.', '/'));
    List<Class<?>> out = new ArrayList<>();
    for (File f : Objects.requireNonNull(folder.listFiles(), folder::toString)) {
      String name = f.getName();
      if (name.endsWith(".class") && !name.contains("$Introspection") && !name.startsWith("$")) {
        Class<?> c = Class.forName(ClosedBody.class.getPackageName() + "." + name.substring(0, name.length() - 6));
        if (c.isRecord() && ClosedBody.class.isAssignableFrom(c)) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /** The document's name of a record's schema: its simple name, nested ones under their outer class. */
  private static String schemaName(Class<?> c) {
    return c.getName().substring(c.getPackageName().length() + 1).replace('$', '.');
  }

  @Test
  void everyRequestBodyIsClosedAndStatesItsNumberBounds() throws Exception {
    Map<String, Object> doc = document();
    List<Class<?>> bodies = closedBodies();
    assertTrue(bodies.size() >= 9, () -> "request records found: " + bodies);
    List<String> checked = new ArrayList<>();
    for (Class<?> body : bodies) {
      Map<String, Object> schema = schema(doc, schemaName(body));
      assertEquals(false, schema.get("additionalProperties"), () -> schemaName(body) + " refuses unknown members (ClosedBody)");
      for (RecordComponent c : body.getRecordComponents()) {
        String where = schemaName(body) + "." + c.getName();
        JsonScalars.Int bounds = c.getAnnotation(JsonScalars.Int.class);
        if (bounds != null) {
          Map<String, Object> p = property(schema, c.getName());
          assertEquals(bounds.min() == Integer.MIN_VALUE ? null : bounds.min(), p.get("minimum"), where + " minimum");
          assertEquals(bounds.max() == Integer.MAX_VALUE ? null : bounds.max(), p.get("maximum"), where + " maximum");
          checked.add(where);
        }
        if (c.getAnnotation(JsonScalars.Id.class) != null) {
          assertEquals(1, property(schema, c.getName()).get("minimum"), where + ": an id is positive");
          checked.add(where);
        }
      }
    }
    assertTrue(checked.containsAll(List.of("SourceInput.pollIntervalSeconds", "PartnerInput.ratePerMinute", "RelatedController.RelatedInput.size",
        "ExampleInput.entryId", "MergeInput.with")), () -> "checked " + checked);
  }

  /**
   * Every {@code limit} the document lists, tried at its stated maximum (taken), one past it and 0
   * (refused); a route's path names an existing source, the category {@code ai} and the feed
   * {@code all.rss}.
   */
  @Test
  @SuppressWarnings("unchecked")
  void everyDocumentedLimitIsTheOneEnforced() {
    Api api = new Api(http.toBlocking());
    long source = api.addSource("https://limits.example.org/" + System.nanoTime() + ".xml");
    String partnerKey = (String) api.body(HttpRequest.POST("/api/v1/partners",
        Map.of("name", "limits-" + System.nanoTime(), "categories", List.of("all")))).get("key");
    List<String> tried = new ArrayList<>();
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document().get("paths");
    paths.forEach((path, item) -> item.forEach((method, op) -> {
      if (!(op instanceof Map<?, ?> operation) || operation.get("parameters") == null) {
        return;
      }
      for (Map<String, Object> parameter : (List<Map<String, Object>>) operation.get("parameters")) {
        if (parameter.get("name").equals("limit")) {
          Map<String, Object> s = (Map<String, Object>) parameter.get("schema");
          assertEquals("integer", s.get("type"), path + ": limit is a whole number");
          assertEquals(1, s.get("minimum"), path);
          int max = (Integer) Objects.requireNonNull(s.get("maximum"), () -> path + " states no maximum for limit");
          String at = path.replace("{id}", String.valueOf(source)).replace("{slug}", "ai").replace("{file}", "all.rss");
          String token = path.startsWith("/partner/") ? partnerKey : path.startsWith("/api/") ? Api.TOKEN : null;
          assertTrue(status(method, at + "?limit=" + max, token) < 300, () -> method + " " + path + "?limit=" + max + " is taken");
          assertEquals(400, status(method, at + "?limit=" + (max + 1), token), () -> method + " " + path + "?limit=" + (max + 1));
          assertEquals(400, status(method, at + "?limit=0", token), () -> method + " " + path + "?limit=0");
          tried.add(method + " " + path);
        }
      }
    }));
    assertTrue(tried.size() >= 8, () -> "limits tried: " + tried);
  }

  private int status(String method, String uri, String token) {
    MutableHttpRequest<?> request = HttpRequest.create(io.micronaut.http.HttpMethod.valueOf(method.toUpperCase()), uri);
    if (!method.equals("get")) {
      request = request.body("{}").contentType("application/json");
    }
    if (token != null) {
      request = request.bearerAuth(token);
    }
    try {
      return http.toBlocking().exchange(request, String.class).code();
    } catch (HttpClientResponseException e) {
      return e.getStatus().getCode();
    }
  }

  /** Each row a member a request record bounds in length: at the document's maxLength it is taken, one past it refused naming it. */
  private static final String[][] LENGTHS = {
      // schema, property, route, body ({value} is replaced, {n} is a unique number)
      {"SourceInput", "url", "/api/v1/sources", "{\"url\":\"{value}\"}"},
      {"SourceInput", "title", "/api/v1/sources", "{\"url\":\"https://len.example.org/{n}.xml\",\"title\":\"{value}\"}"},
      {"CategoryInput", "slug", "/api/v1/categories", "{\"slug\":\"{value}\"}"},
      {"CategoryInput", "nameZh", "/api/v1/categories", "{\"slug\":\"len-{n}\",\"nameZh\":\"{value}\"}"},
      {"CategoryInput", "nameEn", "/api/v1/categories", "{\"slug\":\"len-{n}\",\"nameEn\":\"{value}\"}"},
      {"CategoryInput", "description", "/api/v1/categories", "{\"slug\":\"len-{n}\",\"description\":\"{value}\"}"},
      {"PartnerInput", "name", "/api/v1/partners", "{\"name\":\"{value}\",\"categories\":[\"ai\"]}"},
      {"PartnerInput", "disclaimerVariant", "/api/v1/partners", "{\"name\":\"len-{n}\",\"categories\":[\"ai\"],\"disclaimerVariant\":\"{value}\"}"},
      {"DisclaimerInput", "variant", "/api/v1/disclaimers", "{\"scope\":\"global\",\"language\":\"en\",\"variant\":\"{value}\",\"template\":\"t\"}"},
      {"DisclaimerInput", "template", "/api/v1/disclaimers", "{\"scope\":\"global\",\"language\":\"zh\",\"variant\":\"len-{n}\",\"template\":\"{value}\"}"},
      {"TokenController.TokenInput", "name", "/api/v1/tokens", "{\"name\":\"{value}\"}"}};

  @Test
  @SuppressWarnings("unchecked")
  void everyDocumentedMaxLengthIsTheOneEnforced() throws Exception {
    Map<String, Object> doc = document();
    TreeSet<String> documented = new TreeSet<>();
    for (Class<?> body : closedBodies()) {
      Map<String, Object> properties = (Map<String, Object>) schema(doc, schemaName(body)).get("properties");
      properties.forEach((name, p) -> {
        if (((Map<String, Object>) p).containsKey("maxLength")) {
          documented.add(schemaName(body) + "." + name);
        }
      });
    }
    TreeSet<String> rows = new TreeSet<>();
    for (String[] row : LENGTHS) {
      rows.add(row[0] + "." + row[1]);
    }
    assertEquals(documented, rows, "a documented length without a row here is not tried");
    Api api = new Api(http.toBlocking());
    for (String[] row : LENGTHS) {
      int max = (Integer) property(schema(doc, row[0]), row[1]).get("maxLength");
      String field = row[0] + "." + row[1];
      HttpResponse<Map<String, Object>> at = api.call(lengthRequest(row, max));
      assertTrue(at.code() < 300, () -> field + " of " + max + " characters is taken: " + at.code() + " " + at.getBody().orElse(null));
      HttpResponse<Map<String, Object>> past = api.call(lengthRequest(row, max + 1));
      assertEquals(400, past.code(), () -> field + " of " + (max + 1) + " characters is refused");
      String detail = String.valueOf(past.getBody(Map.class).orElseThrow().get("detail"));
      assertTrue(detail.startsWith(row[1] + ":"), () -> field + ": the refusal names it: " + detail);
    }
  }

  /** The row's request with a value of {@code length} characters: lower-case letters, after an address's head for a URL. */
  private static MutableHttpRequest<?> lengthRequest(String[] row, int length) {
    String n = Long.toString(System.nanoTime());
    String head = row[1].equals("url") ? "https://len.example.org/" + n + "/" : "";
    String value = head + "a".repeat(length - head.length());
    return HttpRequest.POST(row[2], row[3].replace("{value}", value).replace("{n}", n)).contentType("application/json");
  }
}
