package dev.syndic.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Renderings per variant and version: made once per version, the previous one served while the next is made. */
class VersionedRenderingsTest {

  @Test
  void renderedOncePerVersionAndThePreviousServedWhileTheNextIsMade() throws Exception {
    VersionedRenderings<String, String> renderings = new VersionedRenderings<>(10, 1_000_000, String::length);
    AtomicInteger renders = new AtomicInteger();
    assertEquals("ai@1", renderings.get("ai", 1, k -> {
      renders.incrementAndGet();
      return k + "@1";
    }));
    assertEquals("ai@1", renderings.get("ai", 1, k -> "rendered again"));
    assertEquals(1, renders.get());

    CountDownLatch rendering = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> renewer = CompletableFuture.supplyAsync(() -> renderings.get("ai", 2, k -> {
      rendering.countDown();
      await(release);
      return "ai@2";
    }));
    rendering.await(5, TimeUnit.SECONDS);
    assertEquals("ai@1", renderings.get("ai", 2, k -> "a second rendering of version 2"), "others get the previous one meanwhile");
    release.countDown();
    assertEquals("ai@2", renewer.get(5, TimeUnit.SECONDS));
    assertEquals("ai@2", renderings.get("ai", 2, k -> "rendered again"));
    assertEquals("other@2", renderings.get("other", 2, k -> "other@2"), "a first rendering is made by its caller");
  }

  /** 500 variants of 500 long articles were held whole, gigabytes; the bytes are bounded too. */
  @Test
  void theRenderingsKeptAreBoundedByTheirBytes() {
    VersionedRenderings<Integer, String> renderings = new VersionedRenderings<>(100, 1_000, String::length);
    for (int variant = 0; variant < 20; variant++) {
      renderings.get(variant, 1, k -> "x".repeat(200));
    }
    assertTrue(renderings.held() <= 1_000, "held " + renderings.held() + " bytes");
    AtomicInteger renders = new AtomicInteger();
    for (int variant = 0; variant < 20; variant++) {
      renderings.get(variant, 1, k -> {
        renders.incrementAndGet();
        return "x".repeat(200);
      });
    }
    assertTrue(renders.get() >= 15, "at most 5 of the 20 kept, " + renders.get() + " rendered again");
  }

  @Test
  void smallRenderingsAreStillBoundedByTheirNumber() {
    VersionedRenderings<Integer, String> renderings = new VersionedRenderings<>(5, 1_000_000, String::length);
    for (int variant = 0; variant < 20; variant++) {
      renderings.get(variant, 1, k -> "s");
    }
    assertEquals(5 * 200_000, renderings.held(), "five kept, each counting for a fifth of the budget");
  }

  /** The default 64 MiB shared by 500 variants does not divide: a share rounded up kept 499 small ones. */
  @Test
  void asManySmallRenderingsAreKeptAsTheSizeSaysWhenTheBudgetDoesNotDivide() {
    VersionedRenderings<Integer, String> renderings = new VersionedRenderings<>(3, 10, String::length);
    for (int variant = 0; variant < 3; variant++) {
      renderings.get(variant, 1, k -> "s");
    }
    renderings.held();
    AtomicInteger renders = new AtomicInteger();
    for (int variant = 0; variant < 3; variant++) {
      renderings.get(variant, 1, k -> {
        renders.incrementAndGet();
        return "s";
      });
    }
    assertEquals(0, renders.get(), "all three kept");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
