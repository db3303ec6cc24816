package dev.syndic.api;

import dev.syndic.security.AdminTokens;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Instant;

/** Admin tokens: create (the secret is answered once), list without secrets, revoke. */
@Controller("/api/v1/tokens")
@ExecuteOn(TaskExecutors.BLOCKING)
@SecurityRequirement(name = "admin")
final class TokenController {

  /** {@code {"name": "ci deploy"}}: a name that says who or what uses the token. */
  @Serdeable
  @Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
  record TokenInput(@Nullable @Schema(example = "ci deploy", maxLength = MAX_NAME) String name) implements ClosedBody {}

  /** The longest name of a token, in characters. */
  static final int MAX_NAME = 200;

  /** A new token; {@code secret} is shown here only, Syndic keeps its hash. */
  @Serdeable
  record CreatedToken(long id, String name, Instant createdAt, @Schema(example = "syn_admin_3q2...") String secret) {}

  private final AdminTokens tokens;

  TokenController(AdminTokens tokens) {
    this.tokens = tokens;
  }

  /** Lists admin tokens (ids, names, dates; never secrets), revoked ones with their revocation time. */
  @Get
  Page<AdminTokens.Token> list() {
    return new Page<>(tokens.list(), null);
  }

  /** Creates an admin token and answers its secret, once. */
  @Post
  @ApiResponse(responseCode = "201", description = "the new token and its secret, shown this once; Location names it",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedToken.class)))
  HttpResponse<CreatedToken> create(@Body TokenInput in) {
    StorableText.check(in);
    String name = in.name() == null ? "" : in.name().strip();
    if (name.isEmpty() || Limits.characters(name) > MAX_NAME) {
      throw SourceChecks.bad("name: required, 1 to " + MAX_NAME + " characters saying who or what uses the token");
    }
    AdminTokens.Created c = tokens.create(name);
    return HttpResponse.created(new CreatedToken(c.token().id(), c.token().name(), c.token().createdAt(), c.secret()))
        .header("Location", "/api/v1/tokens/" + c.token().id());
  }

  /** Revokes an admin token, at once on this instance and within seconds on the others. */
  @Delete("/{id}")
  @ApiResponse(responseCode = "204", description = "the token is revoked")
  HttpResponse<Void> revoke(long id) {
    switch (tokens.revoke(id)) {
      case NOT_FOUND:
        throw new HttpStatusException(HttpStatus.NOT_FOUND, "no admin token " + id + " in force; GET /api/v1/tokens lists them");
      case LAST_TOKEN:
        throw new HttpStatusException(HttpStatus.CONFLICT, "token " + id + " is the last admin token in force; create another before revoking it");
      default:
        return HttpResponse.noContent();
    }
  }
}
