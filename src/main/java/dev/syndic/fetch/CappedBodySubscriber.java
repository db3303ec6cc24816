package dev.syndic.fetch;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into memory, giving up (and cancelling the transfer) as soon as it
 * grows past the cap, so an endless or huge body costs at most {@code cap} bytes.
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
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
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
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      if (buffer.size() + (long) item.remaining() > cap) {
        subscription.cancel();
        result.completeExceptionally(new TooLarge(cap));
        return;
      }
      byte[] chunk = new byte[item.remaining()];
      item.get(chunk);
      buffer.write(chunk, 0, chunk.length);
    }
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    result.complete(buffer.toByteArray());
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
