package dev.syndic.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net under the routes' own checks, for database errors that escape an HTTP request:
 * PostgreSQL's data exceptions (SQLSTATE class 22: text, numbers or times it cannot hold) come
 * from what the request sent, so they answer 400; a unique key violation (23505) is a create
 * that raced another one for the same name or URL, so it answers 409. Anything else stays a 500.
 * Micronaut calls exception handlers only for errors escaping a request, so polling, ingest and
 * other background work never see this mapping.
 */
@Singleton
final class DataExceptionHandler implements ExceptionHandler<DataAccessException, HttpResponse<?>> {

  private static final Logger LOG = LoggerFactory.getLogger(DataExceptionHandler.class);

  private final ErrorResponseProcessor<?> errors;

  DataExceptionHandler(ErrorResponseProcessor<?> errors) {
    this.errors = errors;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, DataAccessException e) {
    SQLException sql = sqlCause(e);
    String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
    if (state.startsWith("22")) {
      // A route's checks let through something PostgreSQL refuses: worth a look, but the caller's to fix.
      LOG.warn("{} {}: PostgreSQL refused a value of the request (SQLSTATE {}): {}", request.getMethodName(), request.getPath(), state,
          firstLine(sql));
      return answer(request, e, HttpResponse.badRequest(), "PostgreSQL refused a value of this request (SQLSTATE " + state + ": "
          + firstLine(sql) + "); check the text, numbers and times it sends");
    }
    if (state.equals("23505")) {
      LOG.info("{} {}: a unique key refused the change, another request made the same one first: {}", request.getMethodName(),
          request.getPath(), firstLine(sql));
      return answer(request, e, HttpResponse.status(HttpStatus.CONFLICT),
          "another request stored the same thing at the same time (" + firstLine(sql) + "); reload and retry if still needed");
    }
    LOG.error("{} {} failed", request.getMethodName(), request.getPath(), e);
    return answer(request, e, HttpResponse.serverError(), null);
  }

  private HttpResponse<?> answer(HttpRequest<?> request, Throwable e, MutableHttpResponse<?> response, @Nullable String detail) {
    ErrorContext.Builder context = ErrorContext.builder(request).cause(e);
    if (detail != null) {
      context.errorMessage(detail);
    }
    return errors.processResponse(context.build(), response);
  }

  @Nullable
  private static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }

  /** PostgreSQL's message without its "ERROR:" prefix and the lines of detail (which may quote stored values). */
  private static String firstLine(SQLException e) {
    String m = String.valueOf(e.getMessage()).strip();
    m = m.startsWith("ERROR: ") ? m.substring(7) : m;
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }
}
