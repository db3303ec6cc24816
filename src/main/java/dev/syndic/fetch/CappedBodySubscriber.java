package dev.syndic.fetch;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into memory, giving up (and cancelling the transfer) as soon as it
 * grows past the cap, so an endless or huge body costs at most {@code cap} bytes.
 *
 * <p>The client's buffers are copied once, into an array of the declared length when there is one
 * (most feeds), and that array is the body: no chunk copied out first, no stream that grows by
 * doubling and then copies itself once more (four copies of a body in all, and five times its size
 * allocated, for every feed fetched).
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

  /** The body grew past the cap. */
  static final class TooLarge extends RuntimeException {
    TooLarge(long cap) {
      super("the response is larger than the limit of " + cap + " bytes", null, false, false);
    }
  }

  private final long cap;
  private final long declaredLength;
  private byte[] buffer;
  private int size;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  CappedBodySubscriber(long cap, long declaredLength) {
    this.cap = cap;
    this.declaredLength = declaredLength;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (declaredLength > cap) {
      subscription.cancel();
      result.completeExceptionally(new TooLarge(cap));
      return;
    }
    // A server may send less than it declared (the client then fails the body) but never more.
    buffer = new byte[declaredLength >= 0 ? (int) declaredLength : UNDECLARED];
    subscription.request(Long.MAX_VALUE);
  }

  /** The first array of a body of unknown length; it doubles as it fills. */
  private static final int UNDECLARED = 16384;

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      int n = item.remaining();
      if (size + (long) n > cap) {
        subscription.cancel();
        result.completeExceptionally(new TooLarge(cap));
        return;
      }
      if (size + n > buffer.length) {
        // At most the cap (which the check above keeps it under), else at least twice the size.
        buffer = Arrays.copyOf(buffer, (int) Math.min(Math.max(2L * buffer.length, size + n), Math.min(cap, Integer.MAX_VALUE - 8)));
      }
      item.get(buffer, size, n);
      size += n;
    }
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    if (result.isDone()) {
      return;
    }
    result.complete(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
  }

  /**
   * For bodies we do not use (errors, redirects): reads and drops up to {@code limit} bytes, so a
   * short body leaves the connection reusable, then cancels, so an endless one costs no time. The
   * body is always empty.
   */
  static HttpResponse.BodySubscriber<byte[]> discarding(long limit) {
    return new Discarding(limit);
  }

  private static final class Discarding implements HttpResponse.BodySubscriber<byte[]> {
    private final long limit;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long seen;

    Discarding(long limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer item : items) {
        seen += item.remaining();
      }
      if (seen > limit && !result.isDone()) {
        subscription.cancel();
        result.complete(new byte[0]);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      // The status line and headers are what count; a body that breaks off changes nothing.
      result.complete(new byte[0]);
    }

    @Override
    public void onComplete() {
      result.complete(new byte[0]);
    }
  }
}
