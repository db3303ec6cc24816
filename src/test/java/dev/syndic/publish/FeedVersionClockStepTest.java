package dev.syndic.publish;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.SteppedClock;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A wall clock stepped back (an NTP correction, a virtual machine restored) made the version read
 * last look fresh until the clock caught up again: the instance's feeds froze for the whole step,
 * whatever was stored meanwhile, here or on another instance.
 */
@MicronautTest(transactional = false)
@Property(name = "test.clock-step", value = "true")
@Property(name = "syndic.poll.enabled", value = "false")
class FeedVersionClockStepTest {

  @Inject
  SteppedClock clock;

  @Inject
  FeedVersion version;

  @Inject
  TransactionOperations<Connection> tx;

  @Test
  void aChangeStoredAfterTheClockWasSteppedBackShowsWithinTheCheckInterval() throws Exception {
    long before = version.current();
    clock.offset = Duration.ofHours(-1);
    tx.executeWrite(status -> {
      try (Statement st = status.getConnection().createStatement()) {
        return st.executeUpdate("UPDATE feed_version SET version = version + 1 WHERE id = 1");
      }
    });
    Thread.sleep(1_100); // the check interval (syndic.publish.version-check, 1 s)
    long after = version.current();
    assertTrue(after > before, () -> "the version is read again, not taken as fresh for an hour: " + before + " then " + after);
  }
}
