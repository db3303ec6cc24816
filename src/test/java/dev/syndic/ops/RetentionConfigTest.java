package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionConfigTest {

  @Test
  void fetchRecordsMustBeKeptAtLeastAWeek() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Retention(null, null, new RetentionConfig(null, null, null, Duration.ofDays(1)), Clock.systemUTC()));
    assertTrue(e.getMessage().contains("syndic.retention.fetch-log-max-age must be at least 7d"), e.getMessage());
    assertDoesNotThrow(() -> new Retention(null, null, new RetentionConfig(null, null, null, Duration.ofDays(7)), Clock.systemUTC()));
  }
}
