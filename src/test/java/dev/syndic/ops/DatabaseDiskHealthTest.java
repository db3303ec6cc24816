package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micronaut.health.HealthStatus;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health} looks at the room left where the embedded PostgreSQL keeps its data, not only at
 * the working folder: with the data on a full volume it said UP while every write failed.
 */
class DatabaseDiskHealthTest {

  @TempDir
  Path dataFolder;

  @Test
  void aDataFolderWithLessRoomThanTheThresholdIsDown() {
    DatabaseDiskHealth full = new DatabaseDiskHealth(() -> Optional.of(dataFolder), Long.MAX_VALUE);
    Map<String, Object> details = full.getHealthInformation();
    assertEquals(HealthStatus.DOWN, full.status());
    assertEquals(Long.MAX_VALUE, details.get("threshold"));
    assertFalse(details.toString().contains(dataFolder.toString()), "no folder is named on the public /health");

    DatabaseDiskHealth roomy = new DatabaseDiskHealth(() -> Optional.of(dataFolder), 1);
    roomy.getHealthInformation();
    assertEquals(HealthStatus.UP, roomy.status());
  }

  @Test
  void aTemporaryClusterHasNothingToCheck() {
    DatabaseDiskHealth temporary = new DatabaseDiskHealth(Optional::empty, Long.MAX_VALUE);
    assertEquals(Map.of(), temporary.getHealthInformation());
    assertEquals(HealthStatus.UP, temporary.status());
  }
}
