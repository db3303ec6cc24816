package dev.syndic.support;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.List;
import java.util.Map;

/** The admin API as tests call it: with the test token, answering maps, never throwing on 4xx. */
public final class Api {

  public static final String TOKEN = "test-admin-token";

  private final BlockingHttpClient client;

  public Api(BlockingHttpClient client) {
    this.client = client;
  }

  public HttpResponse<Map<String, Object>> call(MutableHttpRequest<?> request) {
    return callAs(TOKEN, request);
  }

  /** The answer, whatever its status, to {@code request} sent with {@code token} (a partner's key, say) as its bearer. */
  public HttpResponse<Map<String, Object>> callAs(String token, MutableHttpRequest<?> request) {
    try {
      return client.exchange(request.bearerAuth(token), Argument.mapOf(String.class, Object.class), Argument.mapOf(String.class, Object.class));
    } catch (HttpClientResponseException e) {
      @SuppressWarnings("unchecked")
      HttpResponse<Map<String, Object>> response = (HttpResponse<Map<String, Object>>) e.getResponse();
      return response;
    }
  }

  public Map<String, Object> body(MutableHttpRequest<?> request) {
    HttpResponse<Map<String, Object>> r = call(request);
    if (r.code() >= 300) {
      throw new AssertionError(request.getMethodName() + " " + request.getPath() + " answered " + r.code() + ": " + r.getBody(Map.class).orElse(null));
    }
    return r.body();
  }

  /** Creates a source and returns its id. */
  public long addSource(String url) {
    Map<String, Object> source = body(HttpRequest.POST("/api/v1/sources", Map.of("url", url)));
    return ((Number) source.get("id")).longValue();
  }

  /** Polls a source now and returns the fetch record. */
  public Map<String, Object> poll(long sourceId) {
    return body(HttpRequest.POST("/api/v1/sources/" + sourceId + "/poll?wait=true", ""));
  }

  /** The id of the entry a source stored for the item with {@code guid}; fails when there is none. */
  public long entryId(long source, String guid) {
    return entries("source=" + source).stream().filter(e -> guid.equals(e.get("guid"))).map(e -> ((Number) e.get("id")).longValue())
        .findFirst().orElseThrow(() -> new AssertionError("source " + source + " has no entry with guid " + guid));
  }

  /** Posts an example: the entry is ({@code positive}) or is not in the category; answers the example. */
  public Map<String, Object> example(String category, long entry, boolean positive) {
    return body(HttpRequest.POST("/api/v1/categories/" + category + "/examples", Map.of("entryId", entry, "positive", positive)));
  }

  /** Changes an entry as an admin ({@code PATCH /api/v1/entries/{id}}): hides it, files it, pins it. */
  public Map<String, Object> patchEntry(long entry, Map<String, Object> body) {
    return body(HttpRequest.PATCH("/api/v1/entries/" + entry, body));
  }

  /** Every item of a list route (a path with a query), following cursors. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> entriesOf(String pathAndQuery) {
    List<Map<String, Object>> all = new java.util.ArrayList<>();
    String cursor = null;
    do {
      Map<String, Object> page = body(HttpRequest.GET(pathAndQuery + (cursor == null ? "" : "&cursor=" + cursor)));
      all.addAll((List<Map<String, Object>>) page.get("items"));
      cursor = (String) page.get("next");
    } while (cursor != null);
    return all;
  }

  /** Every entry of a source, following cursors. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> entries(String query) {
    List<Map<String, Object>> all = new java.util.ArrayList<>();
    String cursor = null;
    do {
      String uri = "/api/v1/entries?limit=3&" + query + (cursor == null ? "" : "&cursor=" + cursor);
      Map<String, Object> page = body(HttpRequest.GET(uri));
      all.addAll((List<Map<String, Object>>) page.get("items"));
      cursor = (String) page.get("next");
    } while (cursor != null);
    return all;
  }

  /** The slugs of an entry's categories, as the admin API lists them. */
  public List<String> categorySlugs(long entryId) {
    return ((List<?>) body(HttpRequest.GET("/api/v1/entries/" + entryId)).get("categories")).stream()
        .map(c -> (String) ((Map<?, ?>) c).get("slug")).toList();
  }

  /** Waits for this instance's re-categorizing to end, and fails unless it ended done. */
  public void awaitRecategorizing() {
    // Until no run is owed either: a change made during a run is followed by another, and between
    // the two the state is the first run's "done".
    Await.until("re-categorizing ends", java.time.Duration.ofSeconds(30), this::recategorizingOver);
    Map<String, Object> status = body(HttpRequest.GET("/api/v1/categories/recategorize"));
    if (!"done".equals(status.get("state"))) {
      throw new AssertionError("re-categorizing ended " + status);
    }
  }

  /** No run here, and none owed: a run "done" with work owed is followed by another. */
  public boolean recategorizingOver() {
    Map<String, Object> status = body(HttpRequest.GET("/api/v1/categories/recategorize"));
    return !"running".equals(status.get("state")) && !("done".equals(status.get("state")) && Boolean.TRUE.equals(status.get("owed")));
  }
}
