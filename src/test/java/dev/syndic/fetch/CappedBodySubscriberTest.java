package dev.syndic.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** The subscriber that holds at most {@code cap} bytes of a body, driven by hand. */
class CappedBodySubscriberTest {

  /** Records what the subscriber asks of its publisher. */
  private static final class Subscription implements Flow.Subscription {
    long requested;
    boolean cancelled;

    @Override
    public void request(long n) {
      requested += n;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  private static ByteBuffer bytes(int n, char c) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) c);
    return ByteBuffer.wrap(b);
  }

  private static CompletableFuture<byte[]> body(CappedBodySubscriber s) {
    return s.getBody().toCompletableFuture();
  }

  @Test
  void collectsChunksUpToTheCap() throws Exception {
    CappedBodySubscriber s = new CappedBodySubscriber(10, -1);
    Subscription sub = new Subscription();

    s.onSubscribe(sub);
    s.onNext(List.of(bytes(4, 'a'), bytes(3, 'b')));
    s.onNext(List.of(bytes(3, 'c')));
    s.onComplete();

    assertArrayEquals("aaaabbbccc".getBytes(), body(s).get());
    assertFalse(sub.cancelled);
    assertTrue(sub.requested > 0);
  }

  @Test
  void cancelsOnTheFirstByteOverTheCap() {
    CappedBodySubscriber s = new CappedBodySubscriber(10, -1);
    Subscription sub = new Subscription();

    s.onSubscribe(sub);
    s.onNext(List.of(bytes(6, 'a')));
    s.onNext(List.of(bytes(5, 'b')));
    s.onNext(List.of(bytes(1000, 'c')));

    assertTrue(sub.cancelled);
    ExecutionException e = assertThrows(ExecutionException.class, () -> body(s).get());
    assertInstanceOf(CappedBodySubscriber.TooLarge.class, e.getCause());
    assertEquals("the response is larger than the limit of 10 bytes", e.getCause().getMessage());
  }

  @Test
  void declaredLengthOverTheCapCancelsBeforeAnyRequest() {
    CappedBodySubscriber s = new CappedBodySubscriber(1024, 2_000_000_000L);
    Subscription sub = new Subscription();

    s.onSubscribe(sub);

    assertTrue(sub.cancelled);
    assertEquals(0, sub.requested);
    assertTrue(body(s).isCompletedExceptionally());
  }

  @Test
  void declaredLengthAtTheCapIsFetched() throws Exception {
    CappedBodySubscriber s = new CappedBodySubscriber(4, 4);
    Subscription sub = new Subscription();

    s.onSubscribe(sub);
    s.onNext(List.of(bytes(4, 'x')));
    s.onComplete();

    assertFalse(sub.cancelled);
    assertArrayEquals("xxxx".getBytes(), body(s).get());
  }

  @Test
  void bodiesOfEveryLengthArriveWholeWhateverTheyDeclared() throws Exception {
    byte[] sent = new byte[100_000];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = (byte) (i * 31 + i / 251);
    }
    // Undeclared (it outgrows the first array several times), declared, declared short and long.
    for (long declared : new long[] {-1, 100_000, 0, 40_000, 150_000}) {
      CappedBodySubscriber s = new CappedBodySubscriber(200_000, declared);
      Subscription sub = new Subscription();
      s.onSubscribe(sub);
      for (int at = 0; at < sent.length; at += 7_000) {
        ByteBuffer chunk = ByteBuffer.wrap(sent, at, Math.min(7_000, sent.length - at)).slice();
        s.onNext(List.of(chunk));
      }
      s.onComplete();

      assertFalse(sub.cancelled, "declared " + declared);
      assertArrayEquals(sent, body(s).get(), "declared " + declared);
    }
  }

  @Test
  void anEmptyBodyIsEmpty() throws Exception {
    for (long declared : new long[] {-1, 0, 10}) {
      CappedBodySubscriber s = new CappedBodySubscriber(100, declared);
      s.onSubscribe(new Subscription());
      s.onComplete();

      assertEquals(0, body(s).get().length, "declared " + declared);
    }
  }

  @Test
  void transportErrorsPassThrough() {
    CappedBodySubscriber s = new CappedBodySubscriber(10, -1);
    s.onSubscribe(new Subscription());
    IOException reset = new IOException("connection reset");

    s.onError(reset);

    ExecutionException e = assertThrows(ExecutionException.class, () -> body(s).get());
    assertSame(reset, e.getCause());
  }

  @Test
  void discardingReadsShortBodiesToTheEnd() throws Exception {
    var s = CappedBodySubscriber.discarding(100);
    Subscription sub = new Subscription();

    s.onSubscribe(sub);
    s.onNext(List.of(bytes(60, 'a'), bytes(40, 'b')));
    s.onComplete();

    assertFalse(sub.cancelled);
    assertEquals(0, s.getBody().toCompletableFuture().get().length);
  }

  @Test
  void discardingCancelsPastItsLimitAndCompletesEmpty() throws Exception {
    var s = CappedBodySubscriber.discarding(100);
    Subscription sub = new Subscription();

    s.onSubscribe(sub);
    s.onNext(List.of(bytes(60, 'a')));
    assertFalse(s.getBody().toCompletableFuture().isDone());
    s.onNext(List.of(bytes(41, 'b')));

    assertTrue(sub.cancelled);
    assertEquals(0, s.getBody().toCompletableFuture().get().length);
  }

  @Test
  void discardingIgnoresABodyThatBreaksOff() throws Exception {
    var s = CappedBodySubscriber.discarding(100);
    s.onSubscribe(new Subscription());

    s.onError(new IOException("connection reset"));

    assertEquals(0, s.getBody().toCompletableFuture().get().length);
  }
}
