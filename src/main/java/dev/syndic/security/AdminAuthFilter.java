package dev.syndic.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;

/**
 * Every {@code /api} route answers 401 unless the request carries an admin token in force. Ordered
 * (an unordered filter runs last) so that filters checking the input can run after it.
 */
@ServerFilter("/api/**")
@Order(39_000) // ServerFilterPhase.SECURITY.order(), which is not a constant
final class AdminAuthFilter {

  private final AdminTokens tokens;

  AdminAuthFilter(AdminTokens tokens) {
    this.tokens = tokens;
  }

  /** Null lets the request through; otherwise the 401 answer. */
  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Nullable
  HttpResponse<?> authenticate(HttpRequest<?> request) {
    BearerHeader header = BearerHeader.of(request);
    if (header.kind() == BearerHeader.Kind.TOKEN && tokens.accepts(header.token())) {
      return null;
    }
    String detail = header.refusal("this route needs an admin token: send 'Authorization: Bearer <token>'",
        "the bearer token is not a valid admin token", "token");
    return HttpResponse.status(HttpStatus.UNAUTHORIZED)
        .header("WWW-Authenticate", "Bearer realm=\"syndic-admin\"")
        .contentType(MediaType.of("application/problem+json"))
        .body(Map.of("type", "about:blank", "title", "Unauthorized", "status", 401, "detail", detail));
  }
}
