package dev.syndic.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A new value of {@code syndic.admin.token} is a rotation: the value configured before stops. It
 * stayed in force beside the new one, so rotating a leaked token through the configuration left
 * the leaked one opening the admin API for good.
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.poll.enabled", value = "false")
class AdminTokenRotationTest {

  @Inject
  AdminTokens tokens;

  /** The next start of an instance, configured with {@code value}. */
  private void startWith(String value) {
    new AdminTokenBootstrap(new AdminConfig(value), tokens).onApplicationEvent(null);
  }

  @Test
  void aNewConfiguredValueRevokesTheOneBeforeAndNothingElse() {
    startWith("leaked-value");
    String created = tokens.create("ci deploy").secret();
    assertTrue(tokens.accepts("leaked-value"));

    startWith("rotated-value");
    assertFalse(tokens.accepts("leaked-value"), "the value configured before is revoked");
    assertTrue(tokens.accepts("rotated-value"));
    assertTrue(tokens.accepts(created), "a token created through the API is not the configuration's");

    // An instance started again with the old value (a rollback, a host not yet updated): that value
    // stays revoked, and it must not retire the value in force.
    startWith("leaked-value");
    assertFalse(tokens.accepts("leaked-value"), "a revoked value stays revoked");
    assertTrue(tokens.accepts("rotated-value"), "the value in force stays in force");
  }

  /**
   * A start with a value an admin revoked says that value opens nothing. It started without a word
   * and the operator's token answered 401: the README's example of revoking a token revoked the
   * configured one, and starting again with the same value changed nothing.
   */
  @Test
  void aStartWithARevokedValueSaysItOpensNothing() {
    startWith("revoked-by-an-admin");
    tokens.create("ci deploy");
    long configured = tokens.list().stream()
        .filter(t -> t.name().equals(AdminTokenBootstrap.CONFIGURED) && t.revokedAt() == null).findFirst().orElseThrow().id();
    assertEquals(AdminTokens.Revocation.REVOKED, tokens.revoke(configured));

    assertEquals(1, warningsOfStartWith("revoked-by-an-admin").size(), "a revoked value is named at the start");
    assertFalse(tokens.accepts("revoked-by-an-admin"), "and stays revoked");
    assertEquals(List.of(), warningsOfStartWith("a-new-value"), "a new value is in force: nothing to say");
  }

  private List<String> warningsOfStartWith(String value) {
    Logger logger = (Logger) LoggerFactory.getLogger(AdminTokenBootstrap.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      startWith(value);
    } finally {
      logger.detachAppender(logs);
    }
    return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
  }

  /**
   * The token printed at a first start without a configured one (kept in that start's log) stops
   * once a token is configured: the operator means that one alone.
   */
  @Test
  void aConfiguredTokenRevokesTheOneGeneratedAtTheFirstStart() {
    tokens.add(AdminTokenBootstrap.GENERATED, "syn_admin_printed-in-a-log");
    String created = tokens.create("ops script").secret();
    assertTrue(tokens.accepts("syn_admin_printed-in-a-log"));

    startWith("configured-later");

    assertFalse(tokens.accepts("syn_admin_printed-in-a-log"), "the generated token is revoked");
    assertTrue(tokens.accepts("configured-later"));
    assertTrue(tokens.accepts(created), "a token created through the API stays");
  }

  /**
   * A value read from a secret file ends in a newline, which no Authorization header can carry: it
   * was stored with it, and the configured token never opened the API.
   */
  @Test
  void aConfiguredValueIsTakenWithoutTheWhitespaceAroundIt() {
    startWith("  from-a-secret-file\n");
    assertTrue(tokens.accepts("from-a-secret-file"), "the token as a header sends it");
  }
}
