package dev.syndic.api;

import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.List;
import java.util.Map;

/**
 * Answers 400 when the path or a query parameter of an admin route holds text PostgreSQL cannot
 * store ({@link StorableText}), before any route binds it: {@code /api/v1/categories/%00} or
 * {@code ?q=%00} would otherwise reach SQL. Bodies are checked by the routes, once bound (a filter
 * reading the body as well trips Micronaut's shared body buffer on bodies that arrive in parts).
 */
@ServerFilter("/api/**")
// ServerFilterPhase.SECURITY.after(): after the admin token is checked (in that phase), so a caller
// without a token learns nothing about its input.
@Order(39_250)
final class StorableTextFilter {

  @RequestFilter
  void check(HttpRequest<?> request) {
    StorableText.check("path", request.getUri().getPath());
    for (Map.Entry<String, List<String>> p : request.getParameters()) {
      String where = "query parameter '" + p.getKey() + "'";
      StorableText.check(where, p.getKey());
      p.getValue().forEach(v -> StorableText.check(where, v));
    }
  }
}
