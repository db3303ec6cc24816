package dev.syndic.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A background task's delay that the scheduler cannot use stops the start with its key, not a bare scheduler error. */
class ScheduleDelaysTest {

  @ParameterizedTest
  @CsvSource({"0s, must be more than zero", "-5s, must be more than zero", "0ms, must be more than zero"})
  void zeroOrLessIsRefusedByName(String setting, String message) {
    Duration read = setting.startsWith("-") ? Duration.ofSeconds(-5) : Duration.ZERO;
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> ScheduleDelays.check("syndic.websub.check", Optional.of(setting), Optional.of(read)));
    assertTrue(e.getMessage().contains("syndic.websub.check " + message), e.getMessage());
  }

  @Test
  void aValueThatIsNotADurationIsRefusedByName() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> ScheduleDelays.check("syndic.arrival.tick", Optional.of("5"), Optional.empty()));
    assertTrue(e.getMessage().contains("syndic.arrival.tick: '5' is not a duration"), e.getMessage());
  }

  @Test
  void unsetOrPositiveDelaysPass() {
    assertDoesNotThrow(() -> ScheduleDelays.check("syndic.arrival.tick", Optional.empty(), Optional.empty()));
    assertDoesNotThrow(() -> ScheduleDelays.check("syndic.arrival.tick", Optional.of("250ms"), Optional.of(Duration.ofMillis(250))));
  }

  /** The check runs before the scheduler is handed the delay: the start fails with the key in its message. */
  @Test
  void aZeroTickStopsTheStartNamingIt() {
    RuntimeException e = assertThrows(RuntimeException.class, () -> {
      try (ApplicationContext ignored = ApplicationContext.run(Map.of("syndic.arrival.tick", "0s"), "test")) {
        // started: the scheduler took the tick
      }
    });
    String messages = "";
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages += t.getMessage() + "\n";
    }
    assertTrue(messages.contains("syndic.arrival.tick must be more than zero, got '0s'"), messages);
  }
}
