package dev.syndic.ops;

import dev.syndic.database.EmbeddedDatabase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.diskspace.DiskSpaceIndicatorConfiguration;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code databaseDisk} part of {@code /health}: room left where the embedded PostgreSQL keeps
 * its data, against the threshold of Micronaut's own {@code diskSpace} check
 * ({@code endpoints.health.disk-space.threshold}, 10 MB by default). That check watches the working
 * folder only, so with the data folder on another volume {@code /health} said UP while that
 * volume was full and every write failed. No folder is named: {@code /health} is public.
 */
@Singleton
@Requires(beans = EmbeddedDatabase.class)
final class DatabaseDiskHealth extends AbstractHealthIndicator<Map<String, Object>> {

  /** Micronaut's default threshold, when its disk-space check is turned off. */
  private static final long DEFAULT_THRESHOLD = 10L * 1024 * 1024;

  private final Supplier<Optional<Path>> folder;
  private final long threshold;

  @Inject
  DatabaseDiskHealth(EmbeddedDatabase database, @Nullable DiskSpaceIndicatorConfiguration disk) {
    this(database::directory, disk == null ? DEFAULT_THRESHOLD : disk.getThreshold());
  }

  DatabaseDiskHealth(Supplier<Optional<Path>> folder, long threshold) {
    this.folder = folder;
    this.threshold = threshold;
  }

  /** The status the last check found. */
  HealthStatus status() {
    return healthStatus;
  }

  @Override
  public String getName() {
    return "databaseDisk";
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    Optional<Path> kept = folder.get();
    Map<String, Object> details = new LinkedHashMap<>();
    if (kept.isEmpty()) {
      // A temporary cluster (tests), or one not started yet: nothing kept to run out of room for.
      healthStatus = HealthStatus.UP;
      return details;
    }
    long free;
    try {
      free = Files.getFileStore(kept.get()).getUsableSpace();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the free space of the database folder: " + e.getMessage(), e);
    }
    details.put("free", free);
    details.put("threshold", threshold);
    healthStatus = free >= threshold ? HealthStatus.UP : HealthStatus.DOWN;
    return details;
  }
}
