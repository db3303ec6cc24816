package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Retention settings that would delete what nobody meant, or nothing unseen, stop the start with their key. */
class RetentionConfigTest {

  private static Retention retention(RetentionConfig config, String maxAgeSetting) {
    return settings(config, maxAgeSetting, "", "");
  }

  /** Retention as started with these settings as written (the config as Micronaut bound them). */
  private static Retention settings(RetentionConfig config, String maxAge, String tombstoneExpiry, String fetchLogMaxAge) {
    return new Retention(null, null, null, config, Clock.systemUTC(), maxAge, "", tombstoneExpiry, fetchLogMaxAge);
  }

  @Test
  void fetchRecordsMustBeKeptAtLeastAWeek() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> retention(new RetentionConfig(null, null, null, Duration.ofDays(1), Duration.ofDays(30)), ""));
    assertTrue(e.getMessage().contains("syndic.retention.fetch-log-max-age must be at least 7d"), e.getMessage());
    assertDoesNotThrow(() -> retention(new RetentionConfig(null, null, null, Duration.ofDays(7), Duration.ofDays(30)), ""));
  }

  /** Tombstones that go within hours would let a feed read twice a day bring its deleted entries back. */
  @Test
  void tombstonesMustBeKeptAtLeastADay() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> retention(new RetentionConfig(null, null, null, Duration.ofDays(30), Duration.ofHours(12)), ""));
    assertTrue(e.getMessage().contains("syndic.retention.tombstone-expiry must be at least 1d"), e.getMessage());
    assertDoesNotThrow(() -> retention(new RetentionConfig(null, null, null, Duration.ofDays(30), Duration.ofDays(1)), ""));
  }

  /** "90" (no unit) binds as the default, 30 days: the operator would believe tombstones kept three times longer. */
  @ParameterizedTest
  @CsvSource({"90", "4w"})
  void aTombstoneExpiryThatIsNotADurationStopsTheStart(String setting) {
    RetentionConfig config = new RetentionConfig(null, null, null, Duration.ofDays(30), Duration.ofDays(30));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> settings(config, "", setting, ""));
    assertTrue(e.getMessage().contains("syndic.retention.tombstone-expiry: '" + setting + "' is not a duration"), e.getMessage());
    for (String fine : new String[] {"90d", "2160h", "P90D"}) {
      assertDoesNotThrow(() -> settings(config, "", fine, ""));
    }
  }

  /** "60" (no unit) binds as the default, 30 days, as for tombstones; "-1d" is read, and refused for its value. */
  @ParameterizedTest
  @CsvSource({"60", "2w"})
  void aFetchLogAgeThatIsNotADurationStopsTheStart(String setting) {
    RetentionConfig config = new RetentionConfig(null, null, null, Duration.ofDays(30), Duration.ofDays(30));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> settings(config, "", "", setting));
    assertTrue(e.getMessage().contains("syndic.retention.fetch-log-max-age: '" + setting + "' is not a duration"), e.getMessage());
    assertDoesNotThrow(() -> settings(config, "", "", "60d"));
    assertTrue(Retention.isDuration("-1d"), "a negative duration is read, then refused as too short");
  }

  /** Zero or less would delete every unpinned entry at the first run (0 often means "no limit" elsewhere). */
  @ParameterizedTest(name = "max-age {0}, max-per-source {1}")
  @CsvSource(nullValues = "none", value = {
    "PT0S, none, syndic.retention.max-age must be more than zero",
    "PT-24H, none, syndic.retention.max-age must be more than zero",
    "none, 0, syndic.retention.max-per-source must be at least 1",
    "none, -1, syndic.retention.max-per-source must be at least 1",
  })
  void limitsThatWouldDeleteEverythingAreRefused(String maxAge, Integer maxPerSource, String message) {
    Duration age = maxAge == null ? null : Duration.parse(maxAge);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> retention(new RetentionConfig(age, maxPerSource, null, Duration.ofDays(30), Duration.ofDays(30)), maxAge == null ? "" : maxAge));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertDoesNotThrow(() -> retention(new RetentionConfig(Duration.ofDays(180), 5000, null, Duration.ofDays(30), Duration.ofDays(30)), "180d"));
  }

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
