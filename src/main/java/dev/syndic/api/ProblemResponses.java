package dev.syndic.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Turns every error Micronaut answers (validation, unreadable JSON, unknown route, our own
 * {@code HttpStatusException}s) into {@code application/problem+json}.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemResponses implements ErrorResponseProcessor<Problem> {

  static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

  @Override
  public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
    int status = response.code();
    List<String> messages = context.getErrors().stream().map(ProblemResponses::describe).toList();
    String detail = messages.isEmpty() ? null : messages.get(0);
    if (status == 500) { // an unexpected failure; a 503 we answer on purpose says why
      detail = "Syndic failed to handle this request; the server log has the details";
      messages = List.of();
    }
    Problem problem = new Problem("about:blank", response.reason(), status, detail, messages.size() > 1 ? messages : null);
    return response.contentType(PROBLEM_JSON).body(problem);
  }

  private static String describe(Error e) {
    return e.getPath().map(p -> p + ": " + e.getMessage()).orElse(e.getMessage());
  }
}
