package dev.syndic.ingest;

import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * On shutdown, lets the polls already started finish, so that their entries and fetch records are
 * stored before the database goes. Micronaut's graceful shutdown ({@code
 * micronaut.lifecycle.graceful-shutdown}, up to its grace period) waits for the beans that can
 * shut down gracefully; its scheduled executor is one, a fixed pool such as {@code poller} is
 * not, so it was only told to stop while the datasource closed under its polls.
 */
@Singleton
final class PollerDrain implements GracefulShutdownCapable {

  private final ExecutorService poller;

  PollerDrain(@Named("poller") ExecutorService poller) {
    this.poller = poller;
  }

  @Override
  public CompletionStage<?> shutdownGracefully() {
    poller.shutdown(); // no new polls; those running go on
    CompletableFuture<Void> drained = new CompletableFuture<>();
    Thread waiter = new Thread(() -> {
      try {
        while (!poller.awaitTermination(1, TimeUnit.SECONDS)) {
          // a poll is bounded by its fetch timeouts; the grace period bounds the wait for it
        }
        drained.complete(null);
      } catch (InterruptedException e) {
        drained.complete(null);
      }
    }, "poller-drain");
    waiter.setDaemon(true);
    waiter.start();
    return drained;
  }

  @Override
  public OptionalLong reportActiveTasks() {
    return poller instanceof ThreadPoolExecutor pool ? OptionalLong.of(pool.getActiveCount()) : OptionalLong.empty();
  }
}
