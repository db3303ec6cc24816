package dev.syndic.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.support.Api;
import dev.syndic.support.SteppedClock;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A token revoked through another instance stops here within the reload interval even when this
 * instance's clock was stepped back meanwhile: the tokens read last looked fresh until the clock
 * caught up again, so the revoked token kept opening the admin API for the whole step.
 */
@MicronautTest(transactional = false)
@Property(name = "test.clock-step", value = "true")
@Property(name = "syndic.poll.enabled", value = "false")
class AdminTokenClockStepTest {

  @Inject
  @Client("/")
  HttpClient http;

  @Inject
  SteppedClock clock;

  @Inject
  TransactionOperations<Connection> tx;

  @Test
  void aTokenRevokedElsewhereStopsAfterTheClockWasSteppedBack() throws Exception {
    Api api = new Api(http.toBlocking());
    String secret = (String) api.body(HttpRequest.POST("/api/v1/tokens", Map.of("name", "revoked elsewhere"))).get("secret");
    assertEquals(200, status(secret), "the new token opens the API");

    clock.offset = Duration.ofHours(-1);
    tx.executeWrite(status -> {
      try (Statement st = status.getConnection().createStatement()) {
        return st.executeUpdate("UPDATE admin_token SET revoked_at = now() WHERE name = 'revoked elsewhere'");
      }
    });
    // The reload interval passes on the stepped clock (not on the wall: no ten-second sleep); it
    // still reads an hour less than the last reload did.
    clock.offset = clock.offset.plus(AdminTokens.RELOAD).plusSeconds(1);
    assertEquals(401, status(secret), "revoked on another instance: refused within the reload interval");
  }

  private int status(String token) {
    try {
      HttpResponse<String> answer = http.toBlocking().exchange(HttpRequest.GET("/api/v1/sources").bearerAuth(token), String.class);
      return answer.code();
    } catch (HttpClientResponseException e) {
      return e.getStatus().getCode();
    }
  }
}
