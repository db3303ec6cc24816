package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.syndic.ingest.InstanceId;
import dev.syndic.source.SourceSchedule;
import dev.syndic.support.Api;
import dev.syndic.support.FeedServer;
import dev.syndic.support.Fixtures;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Operating Syndic: the OpenAPI document (every /api route documented and closed without a
 * token), admin tokens, metrics, health, retention, releasing claims on shutdown.
 */
@MicronautTest(transactional = false)
class OperationsTest {

  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

  @Inject
  @Client("/")
  HttpClient http;

  @Inject
  SourceSchedule schedule;

  @Inject
  InstanceId instance;

  @Inject
  ClaimRelease claimRelease;

  @Inject
  Retention retention;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  /** Every (method, path) of the served OpenAPI document under /api. */
  @SuppressWarnings("unchecked")
  private List<Map.Entry<String, Map<String, Object>>> apiOperations(Map<String, Object> doc) {
    List<Map.Entry<String, Map<String, Object>>> out = new ArrayList<>();
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
    paths.forEach((path, item) -> {
      if (path.startsWith("/api/")) {
        item.forEach((method, op) -> {
          if (METHODS.contains(method)) {
            out.add(Map.entry(method.toUpperCase() + " " + path, (Map<String, Object>) op));
          }
        });
      }
    });
    return out;
  }

  private Map<String, Object> openapi() {
    HttpResponse<String> r = http.toBlocking().exchange(HttpRequest.GET("/openapi.yml"), String.class);
    assertEquals(200, r.code());
    assertTrue(r.getContentType().orElseThrow().toString().startsWith("application/yaml"));
    return new Yaml().load(r.body());
  }

  @Test
  void everyApiRouteOfTheOpenApiDocumentAnswers401WithoutAValidToken() {
    String partnerKey = (String) new Api(http.toBlocking()).body(HttpRequest.POST("/api/v1/partners",
        Map.of("name", "walker.example", "categories", List.of("all")))).get("key");
    assertTrue(partnerKey != null && !partnerKey.isBlank(), "a partner key to try on admin routes");
    List<Map.Entry<String, Map<String, Object>>> ops = apiOperations(openapi());
    assertTrue(ops.size() >= 35, "the document lists the admin API, found " + ops.size());
    assertTrue(ops.stream().anyMatch(o -> o.getKey().equals("POST /api/v1/tokens")));
    assertTrue(ops.stream().anyMatch(o -> o.getKey().equals("POST /api/v1/sources/import")));
    for (Map.Entry<String, Map<String, Object>> op : ops) {
      String method = op.getKey().substring(0, op.getKey().indexOf(' '));
      String path = op.getKey().substring(method.length() + 1).replaceAll("\\{[^}]+}", "1");
      for (String auth : new String[] {null, "Bearer wrong-token", "Bearer " + partnerKey, "Basic dGVzdDp0ZXN0"}) {
        MutableHttpRequest<?> request = HttpRequest.create(io.micronaut.http.HttpMethod.valueOf(method), path);
        if (!method.equals("GET") && !method.equals("DELETE")) {
          request = request.body("{}").contentType("application/json");
        }
        if (auth != null) {
          request = request.header("Authorization", auth);
        }
        MutableHttpRequest<?> r = request;
        HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
            () -> http.toBlocking().exchange(r, String.class), () -> op.getKey() + " answered without a token");
        assertEquals(401, e.getStatus().getCode(), () -> op.getKey() + " with " + auth);
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyApiRouteIsDocumentedWithASummaryAndTheBearerScheme() {
    Map<String, Object> doc = openapi();
    List<String> undocumented = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> op : apiOperations(doc)) {
      Object summary = op.getValue().get("summary");
      if (summary == null || summary.toString().isBlank() || op.getValue().get("security") == null) {
        undocumented.add(op.getKey());
      }
    }
    assertEquals(List.of(), undocumented, "routes without a summary (Javadoc) or without the admin security scheme");
    Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
    Map<String, Object> sourceInput = (Map<String, Object>) schemas.get("SourceInput");
    assertTrue(((Map<String, Object>) sourceInput.get("properties")).containsKey("url"), "request schema of a source");
    Map<String, Object> post = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) doc.get("paths")).get("/api/v1/sources")).get("post");
    assertTrue(post.get("requestBody").toString().contains("SourceInput"));
    assertTrue(post.get("responses").toString().contains("SourceView"));
  }

  /** A client generated from the document expects the statuses the routes answer: 201 on create, 204 on delete, 202 when started. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "post   | /api/v1/sources                     | 201",
      "delete | /api/v1/sources/{id}                | 204",
      "post   | /api/v1/sources/{id}/poll           | 200 202",
      "post   | /api/v1/categories                  | 201",
      "delete | /api/v1/categories/{slug}           | 204",
      "post   | /api/v1/categories/recategorize     | 202",
      "post   | /api/v1/categories/{slug}/examples  | 200 201",
      "delete | /api/v1/entries/{id}                | 204",
      "post   | /api/v1/partners                    | 201",
      "delete | /api/v1/partners/{id}               | 204",
      "post   | /api/v1/disclaimers                 | 201",
      "delete | /api/v1/disclaimers/{id}            | 204",
      "post   | /api/v1/tokens                      | 201",
      "delete | /api/v1/tokens/{id}                 | 204",
      "patch  | /api/v1/sources/{id}                | 200"})
  @SuppressWarnings("unchecked")
  void theDocumentGivesTheStatusARouteAnswers(String method, String path, String statuses) {
    Map<String, Object> paths = (Map<String, Object>) openapi().get("paths");
    Map<String, Object> op = (Map<String, Object>) ((Map<String, Object>) paths.get(path)).get(method);
    Map<String, Object> responses = (Map<String, Object>) op.get("responses");
    assertEquals(new java.util.TreeSet<>(List.of(statuses.split(" "))), new java.util.TreeSet<>(responses.keySet()), method + " " + path);
  }

  /**
   * The feed routes' answers name their codings as they are sent: a gzip representation under an
   * ETag of its own, and the 304 compared with the tag of the coding the request gets. The document
   * said nothing of either, after the server stopped recoding feeds under one tag.
   */
  @Test
  @SuppressWarnings("unchecked")
  void theFeedRoutesDescribeTheirGzipTag() {
    Map<String, Object> paths = (Map<String, Object>) openapi().get("paths");
    for (String path : List.of("/feeds/{file}", "/partner/v1/feeds/{file}")) {
      Map<String, Object> responses = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) paths.get(path)).get("get")).get("responses");
      String ok = String.valueOf(((Map<String, Object>) responses.get("200")).get("description"));
      String notModified = String.valueOf(((Map<String, Object>) responses.get("304")).get("description"));
      assertTrue(ok.contains("-gzip inside the quotes") && ok.contains("Vary: Accept-Encoding"), path + ": " + ok);
      assertTrue(notModified.contains("tag of the coding the request gets"), path + ": " + notModified);
    }
  }

  /**
   * The partner routes say how a partner authenticates, as the admin routes do: its key as a bearer
   * token, or as {@code ?key=} (a feed reader that cannot send a header). The document named no
   * scheme for them and no {@code key}, so a client generated from it could not call them.
   */
  @Test
  @SuppressWarnings("unchecked")
  void partnerRoutesNameTheKeyTheyTake() {
    Map<String, Object> doc = openapi();
    Map<String, Object> schemes = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("securitySchemes");
    Map<String, Object> byHeader = (Map<String, Object>) schemes.get("partner");
    Map<String, Object> byQuery = (Map<String, Object>) schemes.get("partnerKey");
    assertTrue(byHeader != null && "http".equals(byHeader.get("type")) && "bearer".equals(byHeader.get("scheme")), String.valueOf(schemes));
    assertTrue(byQuery != null && "apiKey".equals(byQuery.get("type")) && "query".equals(byQuery.get("in")) && "key".equals(byQuery.get("name")),
        String.valueOf(schemes));
    Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
    for (String path : List.of("/partner/v1/entries", "/partner/v1/feeds/{file}")) {
      Object security = ((Map<String, Object>) ((Map<String, Object>) paths.get(path)).get("get")).get("security");
      assertEquals(List.of(Map.of("partner", List.of()), Map.of("partnerKey", List.of())), security, path);
    }
  }

  /**
   * The partner API's answers and the JSON feeds were documented as "object": a client generated
   * from the document knew no field. The served JSON must have the documented fields, and only
   * those, so the document and the code cannot drift apart.
   */
  @Test
  @SuppressWarnings("unchecked")
  void thePartnerApiAndTheJsonFeedsAnswerTheShapesTheDocumentGives() throws Exception {
    Map<String, Object> doc = openapi();
    Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
    Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
    Map<String, Object> entriesPage = schemaOf(paths, "/partner/v1/entries", "application/json");
    assertTrue(entriesPage.get("oneOf") instanceof List, () -> "the pages are described: " + entriesPage);
    assertEquals(List.of("#/components/schemas/PartnerEntries", "#/components/schemas/PartnerArrivals"),
        ((List<Map<String, Object>>) entriesPage.get("oneOf")).stream().map(m -> m.get("$ref")).toList());
    for (String path : List.of("/feeds/{file}", "/partner/v1/feeds/{file}")) {
      assertEquals("#/components/schemas/JsonFeed", schemaOf(paths, path, "application/feed+json").get("$ref"), path);
      assertEquals("string", schemaOf(paths, path, "application/rss+xml").get("type"), path);
      assertEquals("string", schemaOf(paths, path, "application/atom+xml").get("type"), path);
    }
    Map<String, Object> examples = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/v1/categories/{slug}/examples")).get("post");
    for (String status : List.of("200", "201")) {
      Map<String, Object> answer = (Map<String, Object>) ((Map<String, Object>) examples.get("responses")).get(status);
      assertTrue(String.valueOf(answer.get("content")).contains("#/components/schemas/ExampleView"), status + ": " + answer);
    }
    assertEquals(java.util.Set.of("entryId", "category", "positive"),
        ((Map<String, Object>) ((Map<String, Object>) schemas.get("ExampleView")).get("properties")).keySet());
    Map<String, Object> entry = (Map<String, Object>) ((Map<String, Object>) schemas.get("PartnerEntry")).get("properties");
    assertTrue(entry.keySet().containsAll(List.of("id", "title", "link", "published", "contentHtml", "source", "enclosures", "position")),
        entry.keySet().toString());

    Api api = new Api(http.toBlocking());
    try (FeedServer server = FeedServer.start()) {
      String xml = new String(Fixtures.rss(new String[] {"shape-1", "Shapes of answers", "<p>A model of shapes.</p>"}),
          java.nio.charset.StandardCharsets.UTF_8)
          .replace("<guid>shape-1</guid>", "<guid>shape-1</guid><enclosure url=\"https://cdn.example.org/shape.mp3\" type=\"audio/mpeg\" length=\"1234\"/>");
      server.serve("/shapes.xml", xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      long source = ((Number) api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", server.url("/shapes.xml"), "category", "ai")))
          .get("id")).longValue();
      api.poll(source);
    }
    String key = (String) api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", "shapes.example", "categories", List.of("all"))))
        .get("key");
    List<String> problems = new ArrayList<>();
    Argument<Map<String, Object>> json = Argument.mapOf(String.class, Object.class);
    Map<String, Object> newest = http.toBlocking().retrieve(HttpRequest.GET("/partner/v1/entries?category=ai&limit=5").bearerAuth(key), json);
    conforms(newest, schemas.get("PartnerEntries"), schemas, "newest first", problems);
    Map<String, Object> arrivals = http.toBlocking().retrieve(HttpRequest.GET("/partner/v1/entries?order=arrival&limit=5").bearerAuth(key), json);
    conforms(arrivals, schemas.get("PartnerArrivals"), schemas, "arrival order", problems);
    Map<String, Object> feed = http.toBlocking().retrieve(HttpRequest.GET("/feeds/ai.json"), json);
    conforms(feed, schemas.get("JsonFeed"), schemas, "/feeds/ai.json", problems);
    Map<String, Object> privateFeed = http.toBlocking().retrieve(HttpRequest.GET("/partner/v1/feeds/ai.json?key=" + key), json);
    conforms(privateFeed, schemas.get("JsonFeed"), schemas, "/partner/v1/feeds/ai.json", problems);
    assertEquals(List.of(), problems);
    assertTrue(newest.toString().contains("audio/mpeg") && feed.toString().contains("size_in_bytes"), "the file was checked too: " + feed);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> schemaOf(Map<String, Object> paths, String path, String mediaType) {
    Map<String, Object> ok = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) paths.get(path))
        .get("get")).get("responses")).get("200");
    return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ok.get("content")).get(mediaType)).get("schema");
  }

  /** Adds to {@code problems} every field of {@code value} the schema does not name, every required one missing, every wrong type. */
  @SuppressWarnings("unchecked")
  private static void conforms(Object value, Object schemaObject, Map<String, Object> schemas, String at, List<String> problems) {
    Map<String, Object> schema = (Map<String, Object>) schemaObject;
    if (schema.get("$ref") != null) {
      schema = (Map<String, Object>) schemas.get(schema.get("$ref").toString().substring("#/components/schemas/".length()));
    }
    if (value == null) {
      if (!Boolean.TRUE.equals(schema.get("nullable"))) {
        problems.add(at + ": null, not documented as nullable");
      }
      return;
    }
    String type = String.valueOf(schema.get("type"));
    if (schema.get("properties") != null) {
      Map<String, Object> fields = (Map<String, Object>) value;
      Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
      for (String name : fields.keySet()) {
        if (!properties.containsKey(name)) {
          problems.add(at + "." + name + ": served, not documented");
        }
      }
      for (Object required : (List<Object>) schema.getOrDefault("required", List.of())) {
        if (!fields.containsKey(required.toString())) {
          problems.add(at + "." + required + ": documented as required, not served");
        }
      }
      properties.forEach((name, property) -> {
        if (fields.containsKey(name)) {
          conforms(fields.get(name), property, schemas, at + "." + name, problems);
        }
      });
    } else if (type.equals("array")) {
      List<Object> items = (List<Object>) value;
      for (int i = 0; i < items.size(); i++) {
        conforms(items.get(i), schema.get("items"), schemas, at + "[" + i + "]", problems);
      }
    } else if (type.equals("string") && !(value instanceof String) || type.equals("boolean") && !(value instanceof Boolean)
        || (type.equals("integer") || type.equals("number")) && !(value instanceof Number)) {
      problems.add(at + ": " + value + " is not a " + type);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void tokensAreCreatedListedWithoutSecretsAndRevokedAtOnce() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      Api api = new Api(http.toBlocking());
      HttpResponse<Map<String, Object>> created = api.call(HttpRequest.POST("/api/v1/tokens", Map.of("name", "ci deploy")));
      assertEquals(201, created.code());
      String secret = (String) created.body().get("secret");
      long id = ((Number) created.body().get("id")).longValue();
      assertTrue(secret.startsWith("syn_admin_") && secret.length() > 40, secret);
      assertEquals(400, api.call(HttpRequest.POST("/api/v1/tokens", Map.of("name", " "))).code());

      HttpResponse<String> listed = http.toBlocking().exchange(HttpRequest.GET("/api/v1/tokens").bearerAuth(Api.TOKEN), String.class);
      assertTrue(listed.body().contains("\"ci deploy\""), listed.body());
      assertFalse(listed.body().contains(secret), "the list never shows a secret");
      assertFalse(listed.body().contains(dev.syndic.security.TokenHash.hash(secret)), "nor a hash");
      assertFalse(listed.body().contains("secret"), listed.body());

      MutableHttpRequest<?> withNew = HttpRequest.GET("/api/v1/sources").bearerAuth(secret);
      assertEquals(200, http.toBlocking().exchange(withNew, String.class).code());
      assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/tokens/" + id)).code());
      HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
          () -> http.toBlocking().exchange(HttpRequest.GET("/api/v1/sources").bearerAuth(secret), String.class));
      assertEquals(401, e.getStatus().getCode(), "revoked: refused at once, no reload delay");
      assertEquals(404, api.call(HttpRequest.DELETE("/api/v1/tokens/" + id)).code(), "already revoked");
      assertEquals(404, api.call(HttpRequest.DELETE("/api/v1/tokens/999999")).code());

      List<Map<String, Object>> tokens = (List<Map<String, Object>>) api.body(HttpRequest.GET("/api/v1/tokens")).get("items");
      List<Map<String, Object>> active = tokens.stream().filter(t -> t.get("revokedAt") == null).toList();
      assertEquals(1, active.size(), "only the configured test token is left: " + tokens);
      HttpResponse<Map<String, Object>> last = api.call(HttpRequest.DELETE("/api/v1/tokens/" + active.get(0).get("id")));
      assertEquals(409, last.code(), "the last token in force is never revoked");

      for (ILoggingEvent event : logs.list) {
        assertFalse(event.getFormattedMessage().contains(secret), () -> "a secret was logged: " + event.getFormattedMessage());
        assertFalse(event.getFormattedMessage().contains(Api.TOKEN), () -> "a secret was logged: " + event.getFormattedMessage());
      }
    } finally {
      root.detachAppender(logs);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void metricsAndHealthReportPollsEntriesAndFeedRequests() throws Exception {
    Api api = new Api(http.toBlocking());
    double createdBefore = metric(scrape(), "syndic_entries_new_total", "");
    try (FeedServer server = FeedServer.start()) {
      server.serve("/metrics.xml", Fixtures.rss(new String[] {"m-1", "Metrics one", "<p>one</p>"}, new String[] {"m-2", "Metrics two", "<p>two</p>"}));
      api.poll(api.addSource(server.url("/metrics.xml")));
    }
    http.toBlocking().exchange(HttpRequest.GET("/feeds/all.rss"), String.class);
    http.toBlocking().exchange(HttpRequest.GET("/feeds/all.rss"), String.class);
    String text = scrape();
    assertTrue(metric(text, "syndic_polls_total", "outcome=\"ok\"") >= 1, text);
    assertEquals(createdBefore + 2, metric(text, "syndic_entries_new_total", ""), 0.001);
    assertTrue(metric(text, "syndic_fetch_latency_seconds_count", "outcome=\"ok\"") >= 1);
    assertTrue(metric(text, "syndic_feed_requests_total", "format=\"rss\"") >= 2);
    assertTrue(metric(text, "syndic_feed_cache_total", "result=\"hit\"") >= 1, "the second request is served from memory");
    assertTrue(text.contains("hikaricp_connections"), "the connection pool is visible");
    assertTrue(text.contains("syndic_polls_unrecorded "), "the recording backlog is visible");

    Map<String, Object> health = http.toBlocking().retrieve(HttpRequest.GET("/health"), Argument.mapOf(String.class, Object.class));
    assertEquals("UP", health.get("status"));
    Map<String, Object> polling = (Map<String, Object>) ((Map<String, Object>) health.get("details")).get("polling");
    Map<String, Object> details = (Map<String, Object>) polling.get("details");
    assertEquals("UP", details.get("database"));
    assertNotEquals("never", details.get("lastSuccessfulPoll"));
    assertTrue(details.containsKey("schedulerLastTick"), details.toString());
    // /health is public: Micronaut's indicator keyed the database's details by its JDBC URL
    // (host, port, name, user, and a password in the URL's query).
    Map<String, Object> jdbc = (Map<String, Object>) ((Map<String, Object>) health.get("details")).get("jdbc");
    assertEquals("UP", jdbc.get("status"), jdbc.toString());
    assertEquals("PostgreSQL", ((Map<String, Object>) jdbc.get("details")).get("database"), jdbc.toString());
    String body = http.toBlocking().retrieve(HttpRequest.GET("/health"));
    assertFalse(body.contains("jdbc:postgresql:") || body.contains("user="), body);
  }

  @Test
  void sourceGaugesShowEachStateAndTheSourcesWaitingForAPoller() {
    Api api = new Api(http.toBlocking());
    SourceSchedule.Standing before = schedule.standing();
    long due = api.addSource("https://backlog.example.org/due.xml");
    long off = api.addSource("https://backlog.example.org/off.xml");
    api.body(HttpRequest.PATCH("/api/v1/sources/" + off, Map.of("enabled", false)));

    SourceSchedule.Standing after = schedule.standing();
    assertEquals(before.byState().get("active") + 1, after.byState().get("active"), after.toString());
    assertEquals(before.byState().get("disabled") + 1, after.byState().get("disabled"), after.toString());
    assertEquals(before.due() + 1, after.due(), "a new source is due at once (polling is off in tests), a disabled one never");
    assertTrue(after.oldestDue() != null && !after.oldestDue().isAfter(java.time.Instant.now()));

    assertTrue(schedule.claim(due, "backlog-test", Duration.ofMinutes(5)).isPresent());
    try {
      assertEquals(before.due(), schedule.standing().due(), "a claimed source is being polled, not waiting");
    } finally {
      schedule.releaseClaims("backlog-test");
    }
    String text = scrape();
    for (String sample : List.of("syndic_sources{state=\"active\"", "syndic_sources{state=\"disabled\"", "syndic_sources_due ",
        "syndic_sources_due_oldest_seconds ")) {
      assertTrue(text.contains(sample), () -> sample + " in " + text);
    }
    // The gauges read what standing() answers (a registry of their own, so no earlier read is cached).
    var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    // Micrometer holds a gauge's object weakly: collected before the reads, it answered NaN.
    PollingBacklog backlog = new PollingBacklog(schedule, java.time.Clock.systemUTC(), registry);
    SourceSchedule.Standing now = schedule.standing();
    assertEquals(now.due(), registry.get("syndic.sources.due").gauge().value(), 0.001);
    assertEquals(now.byState().get("disabled"), registry.get("syndic.sources").tag("state", "disabled").gauge().value(), 0.001);
    assertTrue(registry.get("syndic.sources.due.oldest.seconds").gauge().value() >= 0);
    java.lang.ref.Reference.reachabilityFence(backlog);
  }

  private String scrape() {
    HttpResponse<String> r = http.toBlocking().exchange(HttpRequest.GET("/metrics"), String.class);
    assertTrue(r.getContentType().orElseThrow().toString().startsWith("text/plain"));
    return r.body();
  }

  /** The value of a sample whose labels contain {@code labels}; 0 when absent. */
  private static double metric(String text, String name, String labels) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(text);
    double sum = 0;
    while (m.find()) {
      if (m.group(1) == null ? labels.isEmpty() : m.group(1).contains(labels)) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }

  @Test
  void shutdownReleasesOnlyThisInstancesClaims() throws Exception {
    Api api = new Api(http.toBlocking());
    long mine = api.addSource("https://claims.example.org/mine.xml");
    long theirs = api.addSource("https://claims.example.org/theirs.xml");
    Duration lease = Duration.ofMinutes(5);
    assertTrue(schedule.claim(mine, instance.id(), lease).isPresent());
    assertTrue(schedule.claim(theirs, "another-instance", lease).isPresent());
    assertTrue(schedule.claim(mine, "another-instance", lease).isEmpty(), "claimed: nobody else polls it");

    claimRelease.release();

    assertTrue(schedule.claim(mine, "another-instance", lease).isPresent(), "released: another instance takes it at once");
    assertTrue(schedule.claim(theirs, "third-instance", lease).isEmpty(), "another instance's claim stays");
  }

  @Test
  @SuppressWarnings("unchecked")
  void retentionKeepsTheNewestAndPinnedEntriesAndLeavesTombstones() throws Exception {
    Api api = new Api(http.toBlocking());
    try (FeedServer server = FeedServer.start()) {
      String[][] items = new String[6][];
      for (int i = 0; i < items.length; i++) {
        items[i] = new String[] {"keep-" + i, "Retention story " + i, "<p>Retention body number " + i + "</p>"};
      }
      byte[] feed = new String(Fixtures.rss(items), java.nio.charset.StandardCharsets.UTF_8)
          .replaceAll("<pubDate>[^<]*</pubDate>", "")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      // Distinct dates, newest first: item i is i days older than item 0.
      String xml = new String(feed, java.nio.charset.StandardCharsets.UTF_8);
      for (int i = 0; i < items.length; i++) {
        xml = xml.replace("<guid>keep-" + i + "</guid>", "<guid>keep-" + i + "</guid><pubDate>" + (10 + items.length - i) + " Mar 2026 08:00:00 GMT</pubDate>");
      }
      server.serve("/retention.xml", xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      long source = api.addSource(server.url("/retention.xml"));
      api.poll(source);
      List<Map<String, Object>> all = api.entries("source=" + source);
      assertEquals(6, all.size());
      Object oldest = all.get(5).get("id");
      api.body(HttpRequest.PATCH("/api/v1/entries/" + oldest, Map.of("pinned", true)));

      assertEquals(2, retention.purge(null, 3), "6 entries, keep the 3 newest and the pinned oldest");
      List<Map<String, Object>> left = api.entries("source=" + source);
      assertEquals(List.of("Retention story 0", "Retention story 1", "Retention story 2", "Retention story 5"),
          left.stream().map(e -> e.get("title")).toList());
      assertEquals(0, retention.purge(null, 3), "nothing more to do");

      server.serve("/retention.xml", (xml + "<!-- changed -->").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      Map<String, Object> again = api.poll(source);
      assertEquals(0, ((Number) again.get("newEntries")).intValue(), "tombstones keep purged entries from coming back");
      assertEquals(4, api.entries("source=" + source).size());

      retention.purge(Duration.ofDays(1), null);
      List<Map<String, Object>> pinnedOnly = api.entries("source=" + source);
      assertEquals(1, pinnedOnly.size(), "every entry is months old; the pinned one stays");
      assertEquals(oldest, pinnedOnly.get(0).get("id"));
      assertEquals(true, pinnedOnly.get(0).get("pinned"));
    }
  }

  /** What an admin judged (an example, a correction) is what the model learns from: retention keeps it. */
  @Test
  void retentionKeepsTheEntriesAdminsJudged() throws Exception {
    Api api = new Api(http.toBlocking());
    try (FeedServer server = FeedServer.start()) {
      String xml = new String(Fixtures.rss(new String[] {"judged-0", "Judged story 0", "<p>Body 0</p>"},
          new String[] {"judged-1", "Judged story 1", "<p>Body 1</p>"}, new String[] {"judged-2", "Judged story 2", "<p>Body 2</p>"},
          new String[] {"judged-3", "Judged story 3", "<p>Body 3</p>"}), java.nio.charset.StandardCharsets.UTF_8)
          .replaceAll("<pubDate>[^<]*</pubDate>", "<pubDate>02 Mar 2026 08:00:00 GMT</pubDate>");
      server.serve("/judged.xml", xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      long source = api.addSource(server.url("/judged.xml"));
      api.poll(source);
      Map<String, Long> ids = new java.util.HashMap<>();
      api.entries("source=" + source).forEach(e -> ids.put((String) e.get("title"), ((Number) e.get("id")).longValue()));
      assertEquals(4, ids.size());
      assertEquals(201, api.call(HttpRequest.POST("/api/v1/categories/ai/examples",
          Map.of("entryId", ids.get("Judged story 1"), "positive", false))).code());
      api.body(HttpRequest.PATCH("/api/v1/entries/" + ids.get("Judged story 2"), Map.of("categories", List.of("ai"))));

      retention.purge(null, 1);
      assertEquals(List.of("Judged story 0", "Judged story 1", "Judged story 2"),
          api.entries("source=" + source).stream().map(e -> (String) e.get("title")).sorted().toList(),
          "one kept by count, and the two judged ones");
      retention.purge(Duration.ofDays(1), null);
      assertEquals(List.of("Judged story 1", "Judged story 2"),
          api.entries("source=" + source).stream().map(e -> (String) e.get("title")).sorted().toList(), "months old, judged: kept");
    }
  }

  @Test
  void fetchRecordsPastTheirAgeAreDeletedAndNewerOnesKept() throws Exception {
    Api api = new Api(http.toBlocking());
    try (FeedServer server = FeedServer.start()) {
      server.serve("/fetches.xml", Fixtures.rss(new String[] {"f-1", "Fetch record story", "<p>Body.</p>"}));
      long source = api.addSource(server.url("/fetches.xml"));
      api.poll(source);
      api.poll(source);
      long other = api.addSource(server.url("/fetches.xml?other"));
      api.poll(other);
      // Two of the first source's records and the other's one are made 40 days old.
      tx.executeWrite(s -> jdbc.prepareStatement(
          "UPDATE fetch_log SET started_at = now() - interval '40 days' WHERE id IN (SELECT min(id) FROM fetch_log WHERE source_id = ?) OR source_id = ?",
          ps -> {
            ps.setLong(1, source);
            ps.setLong(2, other);
            return ps.executeUpdate();
          }));
      api.poll(source);

      assertEquals(2, retention.purgeFetchLog(Duration.ofDays(30)), "the 40-day-old records of both sources");
      assertEquals(2, api.entriesOf("/api/v1/sources/" + source + "/fetches?limit=50").size(), "the two recent fetches stay");
      assertEquals(0, api.entriesOf("/api/v1/sources/" + other + "/fetches?limit=50").size());
      assertEquals(0, retention.purgeFetchLog(Duration.ofDays(30)), "nothing more to do");
      assertTrue(retention.purgeFetchLog(Duration.ZERO) >= 2, "every record is older than now");
      assertEquals(0, api.entriesOf("/api/v1/sources/" + source + "/fetches?limit=50").size());

      // More old records than one statement deletes: several statements, every one gone.
      tx.executeWrite(s -> jdbc.prepareStatement(
          "INSERT INTO fetch_log (source_id, started_at, duration_ms, outcome) SELECT ?, now() - interval '40 days', 1, 'ok' FROM generate_series(1, ?)",
          ps -> {
            ps.setLong(1, other);
            ps.setInt(2, Retention.FETCHES_PER_STATEMENT + 50);
            return ps.executeUpdate();
          }));
      assertEquals(Retention.FETCHES_PER_STATEMENT + 50, retention.purgeFetchLog(Duration.ofDays(30)));
      assertEquals(0, api.entriesOf("/api/v1/sources/" + other + "/fetches?limit=50").size());
    }
  }
}
