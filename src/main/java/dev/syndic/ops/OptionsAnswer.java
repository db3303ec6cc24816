package dev.syndic.ops;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * OPTIONS on a route answers the methods it takes (RFC 9110 §9.3.7): 204 with Allow, OPTIONS
 * among them. No route declares OPTIONS, so Micronaut answered it 405 'Method [OPTIONS] not
 * allowed', even on the feeds; its own answer to OPTIONS
 * ({@code micronaut.server.dispatch-options-requests}) turns that into a 200 that still carries
 * the 405's problem+json, which says the opposite. The 405 is read for its Allow header, which
 * Micronaut fills from the routes, and answered as it should have been.
 */
@ServerFilter("/**")
final class OptionsAnswer {

  @ResponseFilter
  void methodsOfTheRoute(HttpRequest<?> request, MutableHttpResponse<?> response) {
    String allow = response.getHeaders().get(HttpHeaders.ALLOW);
    if (request.getMethod() != HttpMethod.OPTIONS || response.code() != HttpStatus.METHOD_NOT_ALLOWED.getCode() || allow == null) {
      return;
    }
    response.status(HttpStatus.NO_CONTENT).body(null);
    response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
    response.getHeaders().set(HttpHeaders.ALLOW, allow + ",OPTIONS");
  }
}
