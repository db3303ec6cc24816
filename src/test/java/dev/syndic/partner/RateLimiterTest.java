package dev.syndic.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.Api;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Partner rates hold for all instances together: limiters (instances) on one database admit the
 * rate once between them, also when racing; rarely-used instances lease one token at a time and
 * a busy one more; unused tokens go back; while the database fails, each instance keeps to the
 * rate alone without waiting on it for every request.
 */
@MicronautTest(transactional = false)
class RateLimiterTest {

  @Inject
  @Client("/")
  HttpClient http;

  @Inject
  PartnerBuckets buckets;

  @Inject
  JdbcOperations jdbc;

  private long partner(String name, int rate) {
    Map<String, Object> created = new Api(http.toBlocking()).body(HttpRequest.POST("/api/v1/partners",
        Map.of("name", name, "categories", List.of("ai"), "ratePerMinute", rate)));
    @SuppressWarnings("unchecked")
    Map<String, Object> partner = (Map<String, Object>) created.get("partner");
    return ((Number) partner.get("id")).longValue();
  }

  /** The shared buckets, with every lease asked for and granted on record. */
  private final class Recorded extends PartnerBuckets {
    final List<int[]> calls = new ArrayList<>();

    Recorded() {
      super(jdbc);
    }

    @Override
    synchronized Lease take(long partnerId, int ratePerMinute, int wanted, int returned) {
      Lease lease = buckets.take(partnerId, ratePerMinute, wanted, returned);
      calls.add(new int[] {wanted, returned, lease.granted()});
      return lease;
    }
  }

  @Test
  void twoInstancesAdmitTheRateOnceBetweenThem() {
    long id = partner("two-instances", 10);
    RateLimiter first = new RateLimiter(buckets, Clock.systemUTC());
    RateLimiter second = new RateLimiter(buckets, Clock.systemUTC());
    int allowed = 0;
    RateLimiter.Decision last = null;
    for (int i = 0; i < 30; i++) {
      last = (i % 2 == 0 ? first : second).take(id, 10);
      allowed += last.allowed() ? 1 : 0;
    }
    assertEquals(10, allowed, "10 a minute in all, not 10 on each instance");
    assertFalse(last.allowed());
    assertTrue(last.retryAfter().compareTo(Duration.ZERO) > 0 && last.retryAfter().compareTo(Duration.ofSeconds(6)) <= 0,
        "a token comes back every 6 s: " + last.retryAfter());
  }

  @Test
  void racingInstancesAdmitTheRateOnce() throws Exception {
    long id = partner("racing", 30);
    RateLimiter first = new RateLimiter(buckets, Clock.systemUTC());
    RateLimiter second = new RateLimiter(buckets, Clock.systemUTC());
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      CountDownLatch start = new CountDownLatch(1);
      AtomicInteger allowed = new AtomicInteger();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        RateLimiter limiter = t % 2 == 0 ? first : second;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 10; i++) {
            allowed.addAndGet(limiter.take(id, 30).allowed() ? 1 : 0);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
      assertEquals(30, allowed.get(), "160 requests racing on two instances, 30 a minute");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aChangedRateAppliesAtTheNextRequest() throws InterruptedException {
    long id = partner("changed-rate", 5);
    RateLimiter limiter = new RateLimiter(buckets, Clock.systemUTC());
    int allowed = 0;
    for (int i = 0; i < 8; i++) {
      allowed += limiter.take(id, 5).allowed() ? 1 : 0;
    }
    assertEquals(5, allowed);
    RateLimiter.Decision raised = limiter.take(id, 600);
    assertTrue(raised.allowed() || raised.retryAfter().toMillis() <= 100,
        "raised: a token is due within a tenth of a second, not after the 12 s of 5 a minute: " + raised);
    Thread.sleep(150);
    assertTrue(limiter.take(id, 600).allowed());
    for (int i = 0; i < 60; i++) {
      limiter.take(id, 600);
    }
    allowed = 0;
    for (int i = 0; i < 20; i++) {
      allowed += limiter.take(id, 5).allowed() ? 1 : 0;
    }
    assertTrue(allowed <= 5, "lowered: tokens leased at 600 a minute are not spent at 5: " + allowed);
  }

  @Test
  void manyQuietInstancesDoNotSitOnThePartnersTokens() {
    long id = partner("quiet-instances", 600);
    int allowed = 0;
    for (int i = 0; i < 200; i++) {
      allowed += new RateLimiter(buckets, Clock.systemUTC()).take(id, 600).allowed() ? 1 : 0;
    }
    assertEquals(200, allowed, "each instance leased one token, not a second's worth it would not use");
  }

  @Test
  void aBusyInstanceLeasesMoreAtATimeAndGivesBackWhatItDidNotUse() {
    long id = partner("busy", 6000);
    Recorded recorded = new Recorded();
    Instant[] now = {Instant.now()};
    RateLimiter limiter = new RateLimiter(recorded, new Clock() {
      @Override
      public Instant instant() {
        return now[0];
      }

      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    });
    for (int i = 0; i < 200; i++) {
      assertTrue(limiter.take(id, 6000).allowed());
    }
    assertTrue(recorded.calls.size() < 30, "200 requests in a second need few leases: " + recorded.calls.size());
    assertEquals(RateLimiter.MAX_LEASE, recorded.calls.get(recorded.calls.size() - 1)[0], "the lease grew to its cap");
    int granted = recorded.calls.stream().mapToInt(c -> c[2]).sum();
    int unused = granted - 200;

    now[0] = now[0].plus(RateLimiter.LEASE_LIFE).plusSeconds(1);
    assertTrue(limiter.take(id, 6000).allowed());
    int[] last = recorded.calls.get(recorded.calls.size() - 1);
    assertEquals(unused, last[1], "the stale lease's unused tokens went back");
    assertEquals(1, last[0], "after a quiet spell the lease starts small again");
  }

  @Test
  void whileTheDatabaseFailsEachInstanceKeepsToTheRateWithoutWaitingOnIt() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    PartnerBuckets failing = new PartnerBuckets(jdbc) {
      @Override
      Lease take(long partnerId, int ratePerMinute, int wanted, int returned) {
        asked.incrementAndGet();
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("connection refused");
      }
    };
    RateLimiter limiter = new RateLimiter(failing, Clock.systemUTC());
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      long t0 = System.nanoTime();
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(pool.submit(() -> limiter.take(42, 5).allowed()));
      }
      int allowed = 0;
      for (Future<Boolean> a : answers) {
        allowed += a.get() ? 1 : 0;
      }
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(5, allowed, "the rate, on this instance's own bucket");
      assertEquals(1, asked.get(), "one failure, then the database is left alone for a while");
      assertTrue(millis < 1500, "8 requests do not each wait on the failing database: " + millis + " ms");
    } finally {
      pool.shutdownNow();
    }
  }
}
