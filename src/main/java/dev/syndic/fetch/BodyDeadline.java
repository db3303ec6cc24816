package dev.syndic.fetch;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A body that must be complete by a deadline. The JDK client's request timeout ends when the
 * headers arrive; a server that then sends one byte per second, or nothing, would hold the
 * (blocking) fetch for ever. At the deadline the transfer is cancelled and the body fails with an
 * {@link Expired} error, which ends the fetch.
 */
final class BodyDeadline<T> implements HttpResponse.BodySubscriber<T> {

  /** The body was not complete by the deadline. */
  static final class Expired extends IOException {
    Expired(String message) {
      super(message, null);
    }
  }

  private final HttpResponse.BodySubscriber<T> body;
  private final CompletableFuture<T> result = new CompletableFuture<>();
  private final ScheduledExecutorService timer;
  private final long deadlineNanos;
  private final String what;
  private volatile ScheduledFuture<?> alarm;

  /**
   * @param deadlineNanos the deadline on the {@link System#nanoTime()} clock
   * @param what the request, named in the timeout's message
   */
  BodyDeadline(HttpResponse.BodySubscriber<T> body, ScheduledExecutorService timer, long deadlineNanos, String what) {
    this.body = body;
    this.timer = timer;
    this.deadlineNanos = deadlineNanos;
    this.what = what;
    body.getBody().whenComplete((value, error) -> {
      ScheduledFuture<?> pending = alarm;
      if (pending != null) {
        pending.cancel(false);
      }
      if (error == null) {
        result.complete(value);
      } else {
        result.completeExceptionally(error);
      }
    });
  }

  @Override
  public CompletionStage<T> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    long left = deadlineNanos - System.nanoTime();
    alarm = timer.schedule(() -> {
      if (result.completeExceptionally(new Expired("the body of " + what + " was not complete in time"))) {
        subscription.cancel();
      }
    }, Math.max(0, left), TimeUnit.NANOSECONDS);
    body.onSubscribe(subscription); // may end the body at once (too large): the alarm is set by then

  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    body.onNext(item);
  }

  @Override
  public void onError(Throwable throwable) {
    body.onError(throwable);
  }

  @Override
  public void onComplete() {
    body.onComplete();
  }
}
