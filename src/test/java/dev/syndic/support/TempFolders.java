package dev.syndic.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary folders that go when the test JVM ends. Tests that start PostgreSQL on a folder of
 * their own left some 40 MB behind each, a suite run about 300 MB, so {@code /tmp} of a machine
 * that runs the suite often filled up. JUnit's {@code @TempDir} deletes at the end of the test and
 * fails it when a file cannot be deleted, which a server still shutting down can cause; these are
 * deleted at exit, and a folder that cannot be deleted then is left without failing anything.
 */
public final class TempFolders {

  private static final List<Path> CREATED = new ArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TempFolders::deleteAll, "temp-folders"));
  }

  private TempFolders() {}

  /** A new empty folder whose name starts with {@code prefix}, deleted when the JVM exits. */
  public static Path create(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      synchronized (CREATED) {
        CREATED.add(dir);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a folder and everything in it, as far as it can. */
  public static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // gone already, or a file a process still holds: a temporary folder left behind is harmless
    }
  }

  private static void deleteAll() {
    synchronized (CREATED) {
      CREATED.forEach(TempFolders::delete);
    }
  }
}
