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
    String header = request.getHeaders().getAuthorization().orElse("").strip();
    // "Bearer " with nothing after it arrives as "Bearer": HTTP drops a field's trailing blanks.
    boolean bearer = header.regionMatches(true, 0, "Bearer", 0, 6) && (header.length() == 6 || Character.isWhitespace(header.charAt(6)));
    String secret = bearer ? header.substring(6).strip() : "";
    if (!secret.isEmpty() && tokens.accepts(secret)) {
      return null;
    }
    // Each says what to change: Basic credentials and an empty token were answered as a wrong token.
    String detail = header.isEmpty() ? "this route needs an admin token: send 'Authorization: Bearer <token>'"
        : !bearer ? "the Authorization header is not a bearer token: send 'Authorization: Bearer <token>'"
        : secret.isEmpty() ? "no token after 'Bearer': send 'Authorization: Bearer <token>'"
        : "the bearer token is not a valid admin token";
    return HttpResponse.status(HttpStatus.UNAUTHORIZED)
        .header("WWW-Authenticate", "Bearer realm=\"syndic-admin\"")
        .contentType(MediaType.of("application/problem+json"))
        .body(Map.of("type", "about:blank", "title", "Unauthorized", "status", 401, "detail", detail));
  }
}
