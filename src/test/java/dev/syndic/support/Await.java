package dev.syndic.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting in tests for something another thread or process does, checked every 100 ms. */
public final class Await {

  private Await() {}

  /** Waits until {@code done}; fails naming {@code what} after {@code timeout}. */
  public static void until(String what, Duration timeout, BooleanSupplier done) {
    until(what, timeout, done, () -> false, () -> "");
  }

  /**
   * Waits until {@code done}; fails after {@code timeout}, or at once when {@code hopeless} (say,
   * the process that should do it has died), with {@code detail} (read then) in the message.
   */
  public static void until(String what, Duration timeout, BooleanSupplier done, BooleanSupplier hopeless, Supplier<String> detail) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline || hopeless.getAsBoolean()) {
        throw new AssertionError("not done within " + timeout + ": " + what + detail.get());
      }
      pause(100);
    }
  }

  /** Sleeps, keeping the thread's interrupt. */
  public static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
