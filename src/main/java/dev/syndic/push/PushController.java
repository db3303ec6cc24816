package dev.syndic.push;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.io.InputStream;

/**
 * The WebSub callback hubs call ({@code /websub/{source}/{key}}: their verifications and notices),
 * and the subscription of a source as admins see it.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class PushController {

  private final PushSubscriptions subscriptions;
  private final PushStore store;

  PushController(PushSubscriptions subscriptions, PushStore store) {
    this.subscriptions = subscriptions;
    this.store = store;
  }

  /** A hub's verification of intent: the challenge echoed, or 404 when Syndic did not ask for this. */
  @Hidden
  @Get(uri = "/websub/{sourceId}/{key}", produces = MediaType.TEXT_PLAIN)
  HttpResponse<String> verify(long sourceId, String key, @Nullable @QueryValue("hub.mode") String mode,
      @Nullable @QueryValue("hub.topic") String topic, @Nullable @QueryValue("hub.challenge") String challenge,
      @Nullable @QueryValue("hub.lease_seconds") String leaseSeconds, @Nullable @QueryValue("hub.reason") String reason) {
    return subscriptions.verify(sourceId, key, mode, topic, challenge, leaseSeconds, reason)
        .map(HttpResponse::ok)
        .orElseGet(() -> HttpResponse.<String>status(HttpStatus.NOT_FOUND).body("no such subscription"));
  }

  /**
   * A hub's notice that the feed changed: 202 (polled soon, or ignored when unsigned), 410 for a
   * callback that is no subscription. The body is read as a stream, into the signature's check only.
   */
  @Hidden
  @Post(uri = "/websub/{sourceId}/{key}", consumes = MediaType.ALL, produces = MediaType.TEXT_PLAIN)
  HttpResponse<String> notice(long sourceId, String key, @Nullable @Body InputStream body, @Nullable @Header("X-Hub-Signature") String signature) {
    return switch (subscriptions.notified(sourceId, key, body == null ? InputStream.nullInputStream() : body, signature)) {
      case UNKNOWN -> HttpResponse.<String>status(HttpStatus.GONE).body("no such subscription");
      case IGNORED, POLLED -> HttpResponse.<String>status(HttpStatus.ACCEPTED).body("");
    };
  }

  /** A source's WebSub subscription: its hub, topic, state, lease and last notice; 404 when its feed names no hub. */
  @SecurityRequirement(name = "admin")
  @Get("/api/v1/sources/{id}/push")
  PushStore.Subscription subscription(long id) {
    return store.of(id).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND,
        "source " + id + " has no WebSub subscription: it does not exist, its feed names no hub (rel=\"hub\" and rel=\"self\"),"
            + " or syndic.site.base-url is not set"));
  }
}
