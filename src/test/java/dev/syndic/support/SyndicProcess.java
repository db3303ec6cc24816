package dev.syndic.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Syndic in a JVM of its own, started from the test classpath with {@code dev.syndic.Application}
 * (what {@code java -jar} runs), so a test can kill it with SIGKILL and start it again. Its output
 * goes to a file under {@code target/}, shown when a wait fails. The test environment is not
 * active in the child: every setting comes from the properties given.
 */
public final class SyndicProcess implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path log;

  private SyndicProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts a main class of the test classpath with the given system properties and {@code
   * -Xmx256m}; {@code micronaut.server.port} is set to a free port unless given.
   */
  public static SyndicProcess start(String name, String mainClass, Map<String, String> properties) {
    try {
      int port = properties.containsKey("micronaut.server.port") ? Integer.parseInt(properties.get("micronaut.server.port")) : freePort();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      // A small heap and the C1 compiler only: two cores are shared by the test JVM and this one.
      command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
      command.add("-Dmicronaut.server.port=" + port);
      properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
      Path dir = Files.createDirectories(Path.of("target", "processes"));
      Path log = dir.resolve(name + "-" + System.nanoTime() + ".log");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new SyndicProcess(process, port, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts Syndic itself ({@code dev.syndic.Application}). */
  public static SyndicProcess start(String name, Map<String, String> properties) {
    return start(name, "dev.syndic.Application", properties);
  }

  /**
   * Settings for a Syndic that polls sources on 127.0.0.1 against the test's own PostgreSQL: the
   * shipped categories but none of the shipped sources, the test admin token, a scheduler tick of
   * 200 ms, the given lease, and up to 8 requests at once to the local feed server.
   */
  public static Map<String, String> polling(TestPostgres pg, String lease) {
    Map<String, String> settings = new java.util.HashMap<>();
    pg.instanceSettings().forEach((key, value) -> settings.put(key, String.valueOf(value)));
    settings.put("syndic.admin.token", Api.TOKEN);
    settings.put("syndic.fetch.allow-private-addresses", "true");
    settings.put("syndic.fetch.per-host-concurrency", "8");
    settings.put("syndic.poll.tick", "200ms");
    settings.put("syndic.poll.lease", lease);
    return settings;
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Waits until {@code GET /health} answers 200; fails with the log when it does not in time. */
  public SyndicProcess awaitHealthy(Duration timeout) {
    awaitHealth(200, timeout);
    return this;
  }

  /** Waits until {@code GET /health} answers {@code status}; fails with the log when it does not in time. */
  public HttpResponse<String> awaitHealth(int status, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("Syndic exited with " + process.exitValue() + "; its log:\n" + log());
      }
      try {
        last = get("/health", null);
        if (last.statusCode() == status) {
          return last;
        }
      } catch (UncheckedIOException e) {
        // not listening yet
      }
      Await.pause(100);
    }
    throw new AssertionError("/health did not answer " + status + " within " + timeout + "; last answer "
        + (last == null ? "none" : last.statusCode() + " " + last.body()) + "; log:\n" + log());
  }

  /** Waits until the process prints a line containing {@code text}; fails with the log when it does not in time. */
  public SyndicProcess awaitOutput(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!log().contains(text)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("no \"" + text + "\" printed within " + timeout + "; log:\n" + log());
      }
      Await.pause(100);
    }
    return this;
  }

  /** A GET with an optional bearer token, answered within 10 s. */
  public HttpResponse<String> get(String path, String bearer) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits for the process to end by itself and returns its exit code; fails with the log when it does not in time. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the process did not exit within " + timeout + "; log:\n" + log());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGKILL, as {@code kill -9}: no shutdown hook runs. Returns once the process is gone. */
  public void kill() {
    process.destroyForcibly();
    await();
  }

  /** SIGTERM, as a service manager stops it: shutdown hooks run. */
  public void stop() {
    process.destroy();
    await();
  }

  private void await() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the process did not end within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Everything the process printed so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      await();
    }
  }
}
