package dev.syndic.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.ingest.PollNow;
import dev.syndic.source.Source;
import dev.syndic.source.SourceRepository;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The feeds' content codings: identity and gzip, each with its own strong ETag, the validators
 * compared against the one a request selects, and HEAD with the Content-Length of a GET. The JDK
 * client, because it does not decompress behind the test's back.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedCodingsTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Inject
  EmbeddedServer server;

  @Inject
  SourceRepository sources;

  @Inject
  PollNow pollNow;

  @BeforeAll
  void pollTheSamples() {
    for (Source s : sources.findAll()) {
      pollNow.pollAndWait(s.id());
    }
  }

  private HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.getURI().resolve(path)).method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  /** {@code "x"} to {@code "x-gzip"}. */
  private static String gzipTagOf(String identityTag) {
    return identityTag.substring(0, identityTag.length() - 1) + "-gzip\"";
  }

  private static byte[] gunzip(byte[] bytes) throws IOException {
    return new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
  }

  /** One strong tag for both codings let a cache holding both answer If-None-Match with bytes in the wrong one. */
  @ParameterizedTest
  @CsvSource({"/feeds/ai.rss", "/feeds/all.atom", "/feeds/agriculture.json?limit=3"})
  void gzipHasAStrongTagOfItsOwn(String path) throws Exception {
    HttpResponse<byte[]> identity = send("GET", path);
    HttpResponse<byte[]> gzip = send("GET", path, "Accept-Encoding", "gzip");

    assertEquals(null, header(identity, "Content-Encoding"));
    assertEquals("gzip", header(gzip, "Content-Encoding"));
    assertArrayEquals(identity.body(), gunzip(gzip.body()), "the same feed");
    assertNotEquals(header(identity, "ETag"), header(gzip, "ETag"));
    assertFalse(header(gzip, "ETag").startsWith("W/"), "strong: it names these bytes");
    assertEquals(gzipTagOf(header(identity, "ETag")), header(gzip, "ETag"));
    assertEquals("Accept-Encoding", header(identity, "Vary"));
    assertEquals("Accept-Encoding", header(gzip, "Vary"));
  }

  /**
   * The server coded feeds by itself for any coding named, under the identity tag: deflate, br,
   * snappy for {@code *} (which few readers decode). Now gzip when accepted, identity otherwise.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"gzip | gzip", "x-gzip | gzip", "GZIP;q=0.5 | gzip", "deflate | ", "br | ", "snappy | ", "* | gzip",
      "gzip;q=0 | ", "gzip;q=0, * | ", "*;q=0 | ", "deflate, gzip;q=0.1 | gzip", "identity | ", "gzip;q=x | "})
  void gzipWhenAcceptedIdentityOtherwise(String acceptEncoding, String coding) throws Exception {
    HttpResponse<byte[]> identity = send("GET", "/feeds/ai.rss");
    HttpResponse<byte[]> r = send("GET", "/feeds/ai.rss", "Accept-Encoding", acceptEncoding);

    assertEquals(coding, header(r, "Content-Encoding"), acceptEncoding);
    assertArrayEquals(identity.body(), coding == null ? r.body() : gunzip(r.body()), acceptEncoding);
    assertEquals(coding == null ? header(identity, "ETag") : gzipTagOf(header(identity, "ETag")), header(r, "ETag"), acceptEncoding);
  }

  /**
   * If-None-Match against the tag of the representation the request selects: the gzip tag is
   * 304 for gzip. The identity tag is 304 for gzip too, with that tag (the client holds identity
   * bytes, which it may always use; readers kept the one tag sent for both before). The gzip tag
   * from a request without gzip is the feed again, in identity: that client (or the cache asking
   * for it) cannot use what the tag names.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"gzip | gzip | 304 | gzip", "gzip | identity | 304 | identity", "gzip | W/identity | 304 | identity",
      "gzip | identity, gzip | 304 | gzip", "gzip | * | 304 | gzip", "gzip | nope | 200 | gzip", "| identity | 304 | identity",
      "| gzip | 200 | identity", "| W/gzip | 200 | identity", "gzip;q=0 | gzip | 200 | identity"})
  void ifNoneMatchComparesTheSelectedRepresentation(String acceptEncoding, String sent, int status, String answered) throws Exception {
    Tags tags = tags();
    String field = tags.field(sent);

    HttpResponse<byte[]> r = withPrecondition("If-None-Match", field, acceptEncoding);

    assertEquals(status, r.statusCode(), field);
    assertEquals(answered.equals("gzip") ? tags.gzip() : tags.identity(), header(r, "ETag"), field);
    assertEquals("Accept-Encoding", header(r, "Vary"), "on a 304 too");
    assertEquals(status == 200 && answered.equals("gzip") ? "gzip" : null, header(r, "Content-Encoding"));
  }

  /** If-Match names what the feed is now in either coding; a 412 carries the selected tag and Vary. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"gzip | gzip | 200", "gzip | identity | 200", "| gzip | 200", "| identity | 200", "gzip | W/gzip | 412",
      "gzip | nope | 412", "| nope | 412"})
  void ifMatchTakesEitherCodingsTag(String acceptEncoding, String sent, int status) throws Exception {
    Tags tags = tags();
    String field = tags.field(sent);

    HttpResponse<byte[]> r = withPrecondition("If-Match", field, acceptEncoding);

    assertEquals(status, r.statusCode(), field);
    assertEquals(acceptEncoding == null ? tags.identity() : tags.gzip(), header(r, "ETag"));
    assertEquals("Accept-Encoding", header(r, "Vary"));
  }

  /** The feed's two tags, identity and gzip, as a GET of each gives them. */
  private record Tags(String identity, String gzip) {

    /** A case's field, its words standing for tags: identity, gzip, and nope for one the feed never had. */
    String field(String sent) {
      return sent.replace("identity", identity).replace("gzip", gzip).replace("nope", "\"nope\"");
    }
  }

  private Tags tags() throws Exception {
    return new Tags(header(send("GET", "/feeds/ai.rss"), "ETag"), header(send("GET", "/feeds/ai.rss", "Accept-Encoding", "gzip"), "ETag"));
  }

  /** A GET of ai.rss with one precondition field, and Accept-Encoding when not null. */
  private HttpResponse<byte[]> withPrecondition(String name, String field, String acceptEncoding) throws Exception {
    List<String> headers = new java.util.ArrayList<>(List.of(name, field));
    if (acceptEncoding != null) {
      headers.addAll(List.of("Accept-Encoding", acceptEncoding));
    }
    return send("GET", "/feeds/ai.rss", headers.toArray(String[]::new));
  }

  /** HEAD answered no Content-Length: RFC 9110 §9.3.2 wants the header fields of a GET, the length of its coding included. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"/feeds/ai.rss | ", "/feeds/ai.rss | gzip", "/feeds/all.json?limit=2 | gzip", "/feeds/agriculture.atom | "})
  void headCarriesTheContentLengthOfAGet(String path, String acceptEncoding) throws Exception {
    String[] headers = acceptEncoding == null ? new String[0] : new String[] {"Accept-Encoding", acceptEncoding};
    HttpResponse<byte[]> get = send("GET", path, headers);
    HttpResponse<byte[]> head = send("HEAD", path, headers);

    assertEquals(200, head.statusCode());
    assertEquals(0, head.body().length);
    assertTrue(get.body().length > 0);
    assertEquals(String.valueOf(get.body().length), header(head, "Content-Length"), path);
    for (String name : List.of("Content-Type", "Content-Encoding", "ETag", "Last-Modified", "Cache-Control", "Vary")) {
      assertEquals(header(get, name), header(head, name), name);
    }
  }
}
