package dev.syndic.ingest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Poller settings it cannot work with are refused at start, naming the key, instead of stalling polling unseen. */
class PollConfigTest {

  private static PollConfig config(String key, String value) {
    Duration tick = Duration.ofSeconds(5);
    int batch = 100;
    Duration interval = Duration.ofMinutes(30);
    Duration min = Duration.ofMinutes(5);
    Duration max = Duration.ofHours(24);
    Duration backoff = Duration.ofMinutes(5);
    Duration lease = Duration.ofMinutes(5);
    Duration revalidate = Duration.ofHours(12);
    switch (key) {
      case "none" -> { }
      case "batch-size" -> batch = Integer.parseInt(value);
      case "tick" -> tick = Duration.parse(value);
      case "lease" -> lease = Duration.parse(value);
      case "default-interval" -> interval = Duration.parse(value);
      case "min-interval" -> min = Duration.parse(value);
      case "max-interval" -> max = Duration.parse(value);
      case "error-backoff" -> backoff = Duration.parse(value);
      default -> throw new IllegalArgumentException(key);
    }
    return new PollConfig(true, tick, batch, interval, min, max, backoff, lease, revalidate, 1000);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "batch-size, 0",        // the scheduler ticked and /health said UP, but no source was ever claimed
    "batch-size, -5",
    "tick, PT0S",
    "lease, PT0S",          // every claim expired at once: another instance could poll the same source meanwhile
    "default-interval, PT0S",
    "min-interval, PT0S",
    "max-interval, PT1M",   // below the 5-minute minimum
    "error-backoff, PT-1M",
  })
  void settingsThePollerCannotWorkWithAreRefusedNamingTheKey(String key, String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config(key, value));
    assertTrue(e.getMessage().startsWith("syndic.poll." + key), e.getMessage());
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"none, none", "batch-size, 1", "error-backoff, PT0S", "max-interval, PT5M"})
  void sensibleSettingsAreTaken(String key, String value) {
    assertDoesNotThrow(() -> config(key, value));
  }
}
