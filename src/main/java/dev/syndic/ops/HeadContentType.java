package dev.syndic.ops;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.RouteExecutor;
import io.micronaut.web.router.RouteAttributes;

/**
 * A HEAD request is answered the Content-Type a GET of the same route would carry (RFC 9110
 * §9.3.2: the same header fields, without the content). Micronaut drops a HEAD answer's body
 * before the body's writer names its type, so every route whose type that writer sets (the JSON
 * of {@code /api}, {@code /health}, {@code /openapi.yml}, {@code /metrics}, the home page)
 * answered HEAD with none; the type is chosen here as Micronaut chooses it for the GET, from the
 * route's produced types and the request's {@code Accept}.
 */
@ServerFilter("/**")
final class HeadContentType {

  private final RouteExecutor routes;

  HeadContentType(RouteExecutor routes) {
    this.routes = routes;
  }

  @ResponseFilter
  void typeOfTheBodyNotSent(HttpRequest<?> request, MutableHttpResponse<?> response) {
    // The body a GET would carry is kept aside for a HEAD (Micronaut's "head body"), not dropped.
    if (request.getMethod() != HttpMethod.HEAD || response.getContentType().isPresent()
        || response.body() == null && RouteAttributes.getHeadBody(response).isEmpty()) {
      return;
    }
    RouteAttributes.getRouteInfo(response).or(() -> RouteAttributes.getRouteInfo(request))
        .ifPresent(route -> response.contentType(routes.resolveDefaultResponseContentType(request, route)));
  }
}
