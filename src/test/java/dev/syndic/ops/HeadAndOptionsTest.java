package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Api;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What every route answers to HEAD and OPTIONS, the two methods HTTP gives every resource. */
@MicronautTest(transactional = false)
class HeadAndOptionsTest {

  @Inject
  @Client("/")
  HttpClient http;

  @Inject
  EmbeddedServer server;

  private HttpResponse<?> exchange(MutableHttpRequest<?> request) {
    try {
      return http.toBlocking().exchange(request);
    } catch (HttpClientResponseException e) {
      return e.getResponse();
    }
  }

  /** The Content-Type a GET answers; HEAD answered none on every route whose body writer sets it. */
  @ParameterizedTest
  @CsvSource({"/api/v1/sources", "/api/v1/categories", "/health", "/openapi.yml", "/metrics", "/", "/feeds/all.rss", "/feeds.opml",
      "/api/v1/sources/export"})
  void headCarriesTheContentTypeOfAGet(String path) {
    HttpResponse<?> get = exchange(HttpRequest.GET(path).bearerAuth(Api.TOKEN));
    HttpResponse<?> head = exchange(HttpRequest.HEAD(path).bearerAuth(Api.TOKEN));

    assertEquals(200, get.code());
    assertEquals(200, head.code());
    assertEquals(get.header("Content-Type"), head.header("Content-Type"), path);
  }

  /**
   * The Content-Length a GET answers, where the GET sends its bytes as they are; HEAD answered
   * none (and closed the connection) on every route whose body writer counts them. Where the
   * server compresses the GET (gzip asked, a body past its threshold) or streams it (the OPML
   * export), the HEAD names no length, never a wrong one. The JDK client, which asks for no coding
   * unless told and decompresses nothing.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"/api/v1/sources | ", "/api/v1/categories | ", "/ | ", "/openapi.yml | ", "/feeds.opml | ",
      "/api/v1/sources/export | ", "/api/v1/sources | gzip", "/api/v1/categories | gzip", "/ | gzip", "/feeds.opml | gzip",
      "/api/v1/sources/export | gzip"})
  void headCarriesTheContentLengthOfAGetSentAsItIs(String path, String acceptEncoding) throws Exception {
    java.net.http.HttpResponse<byte[]> get = send("GET", path, acceptEncoding);
    java.net.http.HttpResponse<byte[]> head = send("HEAD", path, acceptEncoding);

    assertEquals(200, head.statusCode());
    String length = head.headers().firstValue("Content-Length").orElse(null);
    if (get.headers().firstValue("Content-Encoding").isEmpty() && get.headers().firstValue("Content-Length").isPresent()) {
      assertEquals(String.valueOf(get.body().length), length, path);
    } else if (get.headers().firstValue("Content-Length").isEmpty()) {
      assertNull(length, path + " is sent as it is written");
    } else {
      assertTrue(length == null || length.equals(String.valueOf(get.body().length)), path + ": " + length);
    }
  }

  /** An answer that is an error carries the GET's status and length too (a problem, written by another writer than the route's). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"/api/v1/sources/999999 | 404", "/feeds/no-such.rss | 404", "/api/v1/sources?limit= | 400"})
  void headOfAnErrorCarriesTheLengthOfItsGet(String path, int status) throws Exception {
    java.net.http.HttpResponse<byte[]> get = send("GET", path, null);
    java.net.http.HttpResponse<byte[]> head = send("HEAD", path, null);

    assertEquals(status, get.statusCode());
    assertEquals(status, head.statusCode());
    assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"), path);
    assertEquals(String.valueOf(get.body().length), head.headers().firstValue("Content-Length").orElse(null), path);
  }

  /** /health and /metrics change from one request to the next (uptime, counters): a length, about the GET's. */
  @ParameterizedTest
  @CsvSource({"/health", "/metrics"})
  void headOfALiveDocumentCarriesALength(String path) throws Exception {
    long get = send("GET", path, null).body().length;
    long head = Long.parseLong(send("HEAD", path, null).headers().firstValue("Content-Length").orElse("-1"));

    assertTrue(Math.abs(head - get) < get / 10, path + ": " + head + " for a GET of " + get);
  }

  private java.net.http.HttpResponse<byte[]> send(String method, String path, String acceptEncoding) throws Exception {
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(server.getURI().resolve(path))
        .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + Api.TOKEN);
    if (acceptEncoding != null) {
      b.header("Accept-Encoding", acceptEncoding);
    }
    return java.net.http.HttpClient.newHttpClient().send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
  }

  /**
   * 204 with the route's methods in Allow, OPTIONS among them; it was a 405 naming the others. (Under /api it takes the admin token, as every method there does.)
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"/feeds/ai.rss | GET, HEAD, OPTIONS", "/feeds.opml | GET, HEAD, OPTIONS", "/ | GET, HEAD, OPTIONS",
      "/api/v1/sources | DELETE, GET, HEAD, OPTIONS, PATCH, POST", "/api/v1/sources/1 | DELETE, GET, HEAD, OPTIONS, PATCH"})
  void optionsAnswersTheMethodsOfTheRoute(String path, String methods) {
    HttpResponse<?> r = exchange(HttpRequest.create(HttpMethod.OPTIONS, path).bearerAuth(Api.TOKEN));

    assertEquals(204, r.code());
    assertEquals(null, r.header("Content-Type"), "no body, so no type (it was the 405's problem+json)");
    Set<String> allowed = new TreeSet<>();
    for (String line : r.getHeaders().getAll("Allow")) {
      Arrays.stream(line.split(",")).map(String::strip).forEach(allowed::add);
    }
    assertEquals(new TreeSet<>(Arrays.asList(methods.split(", "))), allowed, path);
  }

  @Test
  void optionsOnNoRouteIsStill404() {
    assertEquals(404, exchange(HttpRequest.create(HttpMethod.OPTIONS, "/no-such-route")).code());
  }
}
