package dev.syndic.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
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

  private final int maxRequestLine;
  private final int maxHeaders;

  ProblemResponses(@Value("${micronaut.server.netty.max-initial-line-length:4096}") int maxRequestLine,
      @Value("${micronaut.server.netty.max-header-size:8192}") int maxHeaders) {
    this.maxRequestLine = maxRequestLine;
    this.maxHeaders = maxHeaders;
  }

  @Override
  public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
    List<String> messages = context.getErrors().stream().map(ProblemResponses::describe).toList();
    String detail = messages.isEmpty() ? null : messages.get(0);
    if (response.code() == HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode()) {
      detail = tooLong(context.getRequest(), response, detail);
    }
    int status = response.code();
    if (status == 500) { // an unexpected failure; a 503 we answer on purpose says why
      detail = "Syndic failed to handle this request; the server log has the details";
      messages = List.of();
    }
    Problem problem = new Problem("about:blank", response.reason(), status, detail, messages.size() > 1 ? messages : null);
    return response.contentType(PROBLEM_JSON).body(problem);
  }

  /**
   * Micronaut answers 413 (a body too large) to any request Netty found too long, also when the
   * body was never read: a request line past {@code micronaut.server.netty.max-initial-line-length}
   * (a long search or cursor, the usual case) is 414 URI Too Long and headers past {@code
   * max-header-size} are 431, so a client is told what to shorten. Answers the detail, and sets
   * the status.
   */
  private String tooLong(HttpRequest<?> request, MutableHttpResponse<?> response, String detail) {
    Throwable cause = request instanceof NettyHttpRequest<?> n ? n.getNativeRequest().decoderResult().cause() : null;
    if (cause instanceof TooLongHttpLineException) {
      response.status(HttpStatus.REQUEST_URI_TOO_LONG);
      return "the request line (method, path and query) is longer than " + maxRequestLine + " bytes; shorten the query";
    }
    if (cause instanceof TooLongHttpHeaderException) {
      response.status(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
      return "the request headers are longer than " + maxHeaders + " bytes together";
    }
    return detail;
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
    if (MISSING_BODY.matcher(message).matches()) {
      return "body: missing; send the JSON object this request takes";
    }
    Matcher ours = OURS.matcher(message);
    if (ours.find()) {
      return reason(ours.group(1));
    }
    if (message.startsWith("Invalid JSON: ")) {
      return "body: " + reason(message);
    }
    Matcher conversion = CONVERSION.matcher(message);
    if (!conversion.matches()) {
      return e.getPath().map(p -> p + ": " + message).orElse(message);
    }
    if (!conversion.group(2).equals("null")) {
      String value = conversion.group(2);
      return conversion.group(1) + ": '" + (value.length() > 80 ? value.substring(0, 80) + "…" : value) + "' is not a valid value";
    }
    String reason = reason(DECODING.matcher(TYPE.matcher(conversion.group(3)).replaceFirst("")).replaceFirst("$1: "));
    return NAMES_FIELD.matcher(reason).lookingAt() ? reason : "body: " + reason;
  }

  /**
   * What reading a merge patch's tree ({@link MergePatch}) failed on, as {@link #describe} words
   * a body: "Cannot deserialize value of type `java.lang.Boolean` due to: enabled: must be true or
   * false ... at [Source: UNKNOWN; byte offset: #UNKNOWN]" named Java's type and a location a tree
   * has not; the reason is told alone, after the field it concerns ({@code field}, when known) or
   * "body".
   */
  static String treeReading(String message, String field) {
    String reason = message == null ? "not valid" : message;
    Matcher ours = OURS.matcher(reason);
    if (ours.find()) {
      return NO_LOCATION.matcher(reason(ours.group(1))).replaceAll("").strip();
    }
    reason = DECODING.matcher(TYPE.matcher(reason).replaceFirst("")).replaceFirst("$1: ");
    reason = NO_LOCATION.matcher(reason(reason)).replaceAll("").strip();
    if (NAMES_FIELD.matcher(reason).lookingAt()) {
      return reason;
    }
    return (field == null ? "body" : field) + ": " + reason;
  }

  /** The JSON reader's reason in a client's terms: its location as a line and column, without its advice to Java programmers. */
  private static String reason(String reason) {
    return LOCATION.matcher(FEATURE_ADVICE.matcher(reason).replaceAll("")).replaceFirst(" (line $1, column $2)").strip();
  }

  private static final Pattern CONVERSION = Pattern.compile("Failed to convert argument \\[([^\\]]*)\\] for value \\[(.*?)\\] due to: (.*)", Pattern.DOTALL);
  // "Required Body [in] not specified" named the route's Java parameter; "Invalid JSON: ... enable
  // `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow at [Source: REDACTED ...]" the reader's
  // settings, as "(1000, from `StreamReadConstraints.getMaxNumberLength()`)" does; "Error decoding
  // property [String url] of type [class dev.syndic.api.SourceInput]: Invalid UTF-8 start byte 0xff"
  // Java's types, where the field's name is what the client wrote.
  private static final Pattern MISSING_BODY = Pattern.compile("Required Body \\[[^\\]]*\\] not specified");
  private static final Pattern FEATURE_ADVICE = Pattern.compile(":? *\\(?enable `[^`]*` to allow\\)?|, from `[^`]*`");
  private static final Pattern DECODING = Pattern.compile("^Error decoding property \\[(?:[^\\]]* )?([A-Za-z0-9_]+)\\] of type \\[[^\\]]*\\]: ");
  // A reader of ours (a field's own deserializer: JsonScalars, CategoryRules') begins its words
  // with the field they concern ("rules.terms['a']: a weight is a number"), which the generic
  // reader wraps in Java's types, once per object it was inside: those words are told alone. A
  // term may hold an apostrophe ("Macy's"): its key runs to the "']: " after it, not to its first "'".
  private static final Pattern OURS = Pattern.compile(
      "Cannot deserialize value of type `[^`]*` due to: ((?:[A-Za-z][A-Za-z0-9.]*)(?:\\['.*?'\\]|\\[\\d+\\])?: (?!Cannot deserialize).*)",
      Pattern.DOTALL);
  private static final Pattern TYPE = Pattern.compile("^Cannot deserialize value of type `[^`]*` due to: ");
  private static final Pattern LOCATION = Pattern.compile("\\s*at \\[Source: .*?; line: (\\d+), column: (\\d+)\\]", Pattern.DOTALL);
  private static final Pattern NO_LOCATION = Pattern.compile("\\s*at \\[Source: [^\\]]*\\]", Pattern.DOTALL);
  private static final Pattern NAMES_FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9.\\[\\]]*: ");
}
