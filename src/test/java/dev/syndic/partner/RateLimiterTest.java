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
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Partner rates hold for all instances together: two limiters (two instances) on one database
 * admit the rate once between them, lease a second's worth at a time, and each keeps to the rate
 * alone while the database does not answer.
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

  @Inject
  TransactionOperations<Connection> tx;

  private long partner(String name, int rate) {
    Map<String, Object> created = new Api(http.toBlocking()).body(HttpRequest.POST("/api/v1/partners",
        Map.of("name", name, "categories", List.of("ai"), "ratePerMinute", rate)));
    @SuppressWarnings("unchecked")
    Map<String, Object> partner = (Map<String, Object>) created.get("partner");
    return ((Number) partner.get("id")).longValue();
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
  void aBusyPartnerLeasesASecondsWorthAtATime() {
    long id = partner("busy", 600);
    RateLimiter limiter = new RateLimiter(buckets, Clock.systemUTC());
    for (int i = 0; i < 10; i++) {
      assertTrue(limiter.take(id, 600).allowed());
    }
    assertEquals(590, tokens(id), 0.5, "ten requests, one lease of ten tokens");
    assertTrue(limiter.take(id, 600).allowed());
    assertEquals(580, tokens(id), 0.5, "the eleventh request leased the next ten");
    assertEquals(1, RateLimiter.leaseSize(10));
    assertEquals(RateLimiter.MAX_LEASE, RateLimiter.leaseSize(1_000_000));
  }

  @Test
  void withoutTheDatabaseEachInstanceKeepsToTheRateAlone() {
    PartnerBuckets down = new PartnerBuckets(jdbc) {
      @Override
      Lease take(long partnerId, int ratePerMinute, int wanted) {
        throw new IllegalStateException("connection refused");
      }
    };
    RateLimiter limiter = new RateLimiter(down, Clock.systemUTC());
    int allowed = 0;
    for (int i = 0; i < 8; i++) {
      allowed += limiter.take(42, 5).allowed() ? 1 : 0;
    }
    assertEquals(5, allowed);
  }

  private double tokens(long partnerId) {
    return tx.executeRead(status -> jdbc.prepareStatement("SELECT tokens FROM partner_bucket WHERE partner_id = ?", ps -> {
      ps.setLong(1, partnerId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getDouble(1);
      }
    }));
  }
}
