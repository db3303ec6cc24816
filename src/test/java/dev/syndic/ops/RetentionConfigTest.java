package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Retention settings that would delete what nobody meant, or nothing unseen, stop the start with
 * their key (each value's check is in SettingChecksTest's tables).
 */
class RetentionConfigTest {

  /** "180" (no unit) or "26w" bind as no limit at all: the operator would believe retention on while everything is kept. */
  @ParameterizedTest
  @CsvSource({"180", "26w"})
  void aMaxAgeThatIsNotADurationStopsTheStart(String setting) {
    RuntimeException e = assertThrows(RuntimeException.class, () -> {
      try (ApplicationContext ignored = ApplicationContext.run(Map.of("syndic.retention.max-age", setting), "test")) {
        // started: the setting was taken for none
      }
    });
    String messages = "";
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages += t.getMessage() + "\n";
    }
    assertTrue(messages.contains("syndic.retention.max-age: '" + setting + "' is not a duration"), messages);
  }

  /** Fixing one wrong setting per start, only to meet the next at the restart, took an operator as many restarts as mistakes. */
  @Test
  void everyWrongSettingIsNamedInOneMessage() {
    RuntimeException e = assertThrows(RuntimeException.class, () -> {
      try (ApplicationContext ignored = ApplicationContext.run(Map.of("syndic.retention.max-age", "180", "syndic.retention.interval", "2w",
          "syndic.retention.tombstone-expiry", "12h", "syndic.retention.fetch-log-max-age", "60", "syndic.retention.max-per-source", "0"),
          "test")) {
        // started: the settings were taken
      }
    });
    String messages = "";
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages += t.getMessage() + "\n";
    }
    for (String part : new String[] {"Settings refused", "syndic.retention.max-age: '180' is not a duration",
        "syndic.retention.interval: '2w' is not a duration", "syndic.retention.tombstone-expiry must be at least 1d",
        "syndic.retention.fetch-log-max-age: '60' is not a duration", "syndic.retention.max-per-source must be at least 1"}) {
      assertTrue(messages.contains(part), () -> part + " in " + e);
    }
  }
}
