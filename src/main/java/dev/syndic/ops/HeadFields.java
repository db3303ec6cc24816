package dev.syndic.ops;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.MessageBodyHandlerRegistry;
import io.micronaut.http.body.MessageBodyWriter;
import io.micronaut.http.server.RouteExecutor;
import io.micronaut.http.server.netty.HttpCompressionStrategy;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * A HEAD request is answered the header fields a GET of the same route would carry (RFC 9110
 * §9.3.2: the same fields, without the content). Micronaut drops a HEAD answer's body before the
 * body's writer names its type and counts its bytes, so every route whose writer does that (the
 * JSON of {@code /api}, {@code /health}, {@code /openapi.yml}, {@code /metrics}, the home page,
 * {@code /feeds.opml}) answered HEAD with no type (until this filter set it) and no length, and
 * closed the connection. The type is chosen
 * here as Micronaut chooses it for the GET, from the route's produced types and the request's
 * {@code Accept}; the length is the body written as the GET writes it, when the GET sends those
 * bytes as they are. Where the GET compresses them (a request that accepts a coding, a body of
 * compressible text at least the server's threshold) their length is known only once compressed,
 * and the HEAD names none (§9.3.2 allows it); a body sent as it is read (the sources' OPML export)
 * has no length in the GET either.
 */
@ServerFilter("/**")
final class HeadFields {

  private final RouteExecutor routes;
  private final HttpCompressionStrategy compression;
  private final MessageBodyHandlerRegistry writers;

  HeadFields(RouteExecutor routes, HttpCompressionStrategy compression, MessageBodyHandlerRegistry writers) {
    this.routes = routes;
    this.compression = compression;
    this.writers = writers;
  }

  @ResponseFilter
  void fieldsOfTheBodyNotSent(HttpRequest<?> request, MutableHttpResponse<?> response) {
    // The body a GET would carry is kept aside for a HEAD (Micronaut's "head body"), not dropped.
    Object body = RouteAttributes.getHeadBody(response).orElse(null);
    if (request.getMethod() != HttpMethod.HEAD || response.body() == null && body == null) {
      return;
    }
    Optional<RouteInfo<?>> route = RouteAttributes.getRouteInfo(response).or(() -> RouteAttributes.getRouteInfo(request));
    if (response.getContentType().isEmpty()) {
      route.ifPresent(r -> response.contentType(routes.resolveDefaultResponseContentType(request, r)));
    }
    if (body != null && !response.getHeaders().contains(HttpHeaders.CONTENT_LENGTH) && route.isPresent()) {
      long length = writtenLength(route.get(), response, body);
      if (length >= 0 && !compressed(request, response, length)) {
        response.contentLength(length);
      }
    }
  }

  /**
   * The bytes the GET's writer writes for {@code body}, found as Micronaut finds it (the route's,
   * else the registry's for the body's own type), or -1 when the GET streams them (no length) or
   * no writer takes the body.
   */
  @SuppressWarnings("unchecked")
  private long writtenLength(RouteInfo<?> route, MutableHttpResponse<?> response, Object body) {
    MediaType type = response.getContentType().orElse(null);
    if (body instanceof InputStream || body instanceof Publisher || type == null) {
      return -1;
    }
    Argument<Object> argument = (Argument<Object>) route.getResponseBodyType();
    MessageBodyWriter<Object> writer = (MessageBodyWriter<Object>) response.getBodyWriter().orElse(null);
    if (writer == null || !argument.isInstance(body) || !writer.isWriteable(argument, type)) {
      argument = Argument.ofInstance(body);
      writer = writers.findWriter(argument, List.of(type)).orElse(null);
      if (writer == null) {
        return -1;
      }
    }
    long[] count = {0};
    OutputStream counter = new OutputStream() {
      @Override
      public void write(int b) {
        count[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        count[0] += len;
      }
    };
    writer.writeTo(argument, type, body, response.getHeaders(), counter);
    return count[0];
  }

  /**
   * Whether the GET's bytes would go out compressed: the server's compression takes them and the
   * request names a coding besides identity (in doubt, compressed: a HEAD may leave a length out,
   * never give a wrong one).
   */
  private boolean compressed(HttpRequest<?> request, MutableHttpResponse<?> response, long length) {
    DefaultHttpResponse get = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.code()));
    get.headers().set(HttpHeaderNames.CONTENT_TYPE, response.getContentType().orElseThrow().toString());
    get.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
    if (!compression.isEnabled() || !compression.shouldCompress(get)) {
      return false;
    }
    List<String> accepted = request.getHeaders().getAll(HttpHeaders.ACCEPT_ENCODING);
    return accepted.stream().flatMap(a -> Arrays.stream(a.split(",")))
        .map(c -> c.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
        .anyMatch(c -> !c.isEmpty() && !c.equals("identity"));
  }
}
