package dev.syndic.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /**
   * Micronaut words a value it could not bind as "/limit: Failed to convert argument [limit] for
   * value [abc] due to: For input string: ..." and a body as "/in: Failed to convert argument [in]
   * for value [null] due to: Cannot deserialize value of type `java.lang.Integer` due to: (reason)
   * at [Source: ...; line: 1, column: 8]": Java's names and the reader's wording tell a client
   * little. They are answered as "limit: 'abc' is not a valid value", and as "body: (reason)
   * (line 1, column 8)" or the reason alone when that names its field.
   */
  static String describe(Error e) {
    String message = e.getMessage() == null ? "not valid" : e.getMessage();
    Matcher conversion = CONVERSION.matcher(message);
    if (!conversion.matches()) {
      return e.getPath().map(p -> p + ": " + message).orElse(message);
    }
    if (!conversion.group(2).equals("null")) {
      String value = conversion.group(2);
      return conversion.group(1) + ": '" + (value.length() > 80 ? value.substring(0, 80) + "…" : value) + "' is not a valid value";
    }
    String reason = TYPE.matcher(conversion.group(3)).replaceFirst("");
    reason = LOCATION.matcher(reason).replaceFirst(" (line $1, column $2)").strip();
    return NAMES_FIELD.matcher(reason).lookingAt() ? reason : "body: " + reason;
  }

  private static final Pattern CONVERSION = Pattern.compile("Failed to convert argument \\[([^\\]]*)\\] for value \\[(.*?)\\] due to: (.*)", Pattern.DOTALL);
  private static final Pattern TYPE = Pattern.compile("^Cannot deserialize value of type `[^`]*` due to: ");
  private static final Pattern LOCATION = Pattern.compile("\\s*at \\[Source: .*?; line: (\\d+), column: (\\d+)\\]", Pattern.DOTALL);
  private static final Pattern NAMES_FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9.\\[\\]]*: ");
}
