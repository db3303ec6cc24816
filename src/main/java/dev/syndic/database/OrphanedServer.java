package dev.syndic.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running on a data folder by a Syndic that died without stopping it
 * ({@code kill -9}, an IDE's stop button, an out-of-memory kill). The server is not a child of
 * the JVM (pg_ctl detaches it), so it outlives it and keeps the folder: a restart on another port
 * would wait for a server that cannot start, and one on the same port would silently adopt a
 * server with the dead run's settings and nowhere to log.
 *
 * <p>The folder's owner is known by zonky's lock file ({@code epg-lock}), held for as long as the
 * owning JVM lives and released by the operating system when it dies. A free lock plus a live
 * postmaster in {@code postmaster.pid} is therefore an orphan, and it is stopped (SIGTERM, a
 * "smart" shutdown: its dead clients' sessions are gone, so it checkpoints and exits) before
 * our own server starts on the same data. A held lock means a live owner: left to the caller,
 * which reports another instance. A pid file naming a live PostgreSQL of another folder (its pid
 * reused after a power loss and a reboot) is stale: that server is left alone, the file removed.
 */
final class OrphanedServer {

  private static final Logger LOG = LoggerFactory.getLogger(OrphanedServer.class);
  private static final long STOP_SECONDS = 60;

  private OrphanedServer() {}

  /**
   * Stops the orphaned server of {@code dir}, if there is one; returns whether it stopped one.
   * Does nothing while a live Syndic owns the folder.
   */
  static boolean stopIfAny(Path dir) {
    Path pidFile = dir.resolve("postmaster.pid");
    if (!Files.exists(pidFile) || ownerIsAlive(dir)) {
      return false;
    }
    Optional<ProcessHandle> postmaster = postmaster(pidFile);
    if (postmaster.isEmpty()) {
      return false; // a stale file of a server that is gone: PostgreSQL itself starts over it
    }
    ProcessHandle server = postmaster.get();
    Optional<Boolean> serves = servesFolder(server, dir);
    if (serves.isEmpty()) {
      return false; // cannot tell whose server it is: stop nothing, PostgreSQL says whether it can start
    }
    if (!serves.get()) {
      // The pid of a server that is gone (a power loss), reused since by another program's
      // PostgreSQL: PostgreSQL would refuse to start over a lock file naming a live process.
      LOG.warn("{} names pid {}, a PostgreSQL of another data folder: the file is left from a server that is gone; removing it",
          pidFile, server.pid());
      deleteStale(pidFile);
      return false;
    }
    LOG.warn("a PostgreSQL (pid {}) left running on {} by a Syndic that ended without stopping it; stopping it before starting ours",
        server.pid(), dir);
    server.destroy();
    if (!awaitExit(server)) {
      LOG.warn("the orphaned PostgreSQL (pid {}) did not stop within {} s; killing it (it recovers from its log on the next start)",
          server.pid(), STOP_SECONDS);
      server.destroyForcibly();
      awaitExit(server);
    }
    return true;
  }

  /** True when another JVM (or this one) holds the folder's lock: a Syndic is using it. */
  static boolean ownerIsAlive(Path dir) {
    Path lockFile = dir.resolve("epg-lock");
    if (!Files.exists(lockFile)) {
      return false; // never started (and initdb wants an empty folder: do not create it)
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the lock of " + dir, e);
    }
  }

  /**
   * Whether the server runs on {@code dir}, read from its {@code -D} argument (zonky starts every
   * server with one); empty when the system does not show the process's arguments.
   */
  static Optional<Boolean> servesFolder(ProcessHandle server, Path dir) {
    Optional<String[]> arguments = server.info().arguments();
    if (arguments.isEmpty()) {
      return Optional.empty();
    }
    String[] args = arguments.get();
    for (int i = 0; i < args.length; i++) {
      String folder = args[i].equals("-D") && i + 1 < args.length ? args[i + 1]
          : args[i].startsWith("-D") && args[i].length() > 2 ? args[i].substring(2) : null;
      if (folder != null) {
        return Optional.of(sameFolder(Path.of(folder), dir));
      }
    }
    return Optional.of(false);
  }

  private static boolean sameFolder(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException | RuntimeException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }

  private static void deleteStale(Path pidFile) {
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the stale " + pidFile + "; remove it by hand (no PostgreSQL runs on this folder)", e);
    }
  }

  /** The live postgres process named by the pid file (its first line), if any. */
  private static Optional<ProcessHandle> postmaster(Path pidFile) {
    try {
      List<String> lines = Files.readAllLines(pidFile);
      long pid = Long.parseLong(lines.get(0).strip());
      // A pid can be reused after a reboot: only a live process running postgres is ours to stop.
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().command().map(c -> c.endsWith("postgres") || c.endsWith("postgres.exe")).orElse(false));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean awaitExit(ProcessHandle process) {
    try {
      process.onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
