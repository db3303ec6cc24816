package dev.syndic.entry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * An admin's hide and pin switches. A hidden entry leaves every outbound feed and the partner API;
 * a pinned one sorts first in category feeds. The entry trigger bumps the feed version, so every
 * instance renders its feeds again.
 */
@Singleton
public class EntryFlags {

  private final JdbcOperations jdbc;

  EntryFlags(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** Sets the flags that are not null; false when there is no such entry. */
  @Transactional
  public boolean set(long entryId, @Nullable Boolean hidden, @Nullable Boolean pinned) {
    return jdbc.prepareStatement(
        "UPDATE entry SET hidden = COALESCE(?, hidden), pinned = COALESCE(?, pinned) WHERE id = ?",
        ps -> {
          ps.setObject(1, hidden);
          ps.setObject(2, pinned);
          ps.setLong(3, entryId);
          return ps.executeUpdate() > 0;
        });
  }
}
