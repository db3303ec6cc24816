package dev.syndic.bench;

import dev.syndic.support.Api;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Syndic's HTTP API as an operator's script calls it: the JDK's {@code HttpClient} over HTTP/1.1,
 * one request at a time, the admin token of the test environment. A JSON answer is read whole and
 * parsed; a download is counted as it arrives and dropped, so the client holds no file. Any status
 * but the one expected fails the benchmark with the answer's text.
 */
final class AdminApi {

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;
  private final JsonMapper json;

  AdminApi(URI base, JsonMapper json) {
    this.base = base;
    this.json = json;
  }

  /** GET of a JSON answer (a list page, say). */
  Map<String, Object> get(String pathAndQuery) throws Exception {
    return parse(send(request(pathAndQuery).GET(), 200));
  }

  /** GET of any answer, its bytes counted into {@code sink} as they arrive; answers the count. */
  long download(String pathAndQuery, OutputStream sink) throws Exception {
    HttpResponse<InputStream> r = client.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = r.body()) {
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + new String(body.readAllBytes(), StandardCharsets.UTF_8));
      }
      return body.transferTo(sink);
    }
  }

  /** HEAD, answered 200 (the header alone: a round trip with no body). */
  long head(String path) throws Exception {
    send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()), 200);
    return 0;
  }

  /** POST of a file as it is read from disk, with its content type. */
  Map<String, Object> post(String path, Path file, String type) throws Exception {
    return parse(send(request(path).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofFile(file)), 200));
  }

  /** PATCH with a JSON body. */
  Map<String, Object> patch(String pathAndQuery, String body) throws Exception {
    return parse(send(request(pathAndQuery).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)), 200));
  }

  /** DELETE of one resource, answered 204. */
  void delete(String path) throws Exception {
    send(request(path).DELETE(), 204);
  }

  /** DELETE of many (the sources a query's filters select), answered 200 with what it did. */
  Map<String, Object> delete(String pathAndQuery, int expected) throws Exception {
    return parse(send(request(pathAndQuery).DELETE(), expected));
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + Api.TOKEN);
  }

  private byte[] send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
    HttpRequest built = request.build();
    HttpResponse<byte[]> r = client.send(built, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != expected) {
      throw new IllegalStateException(built.method() + " " + built.uri() + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
    }
    return r.body();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> parse(byte[] body) throws IOException {
    return body.length == 0 ? Map.of() : json.readValue(body, Map.class);
  }
}
