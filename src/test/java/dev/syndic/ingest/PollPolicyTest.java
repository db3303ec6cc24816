package dev.syndic.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.source.Source;
import dev.syndic.source.SourceSchedule;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PollPolicyTest {

  private static final PollConfig CONFIG =
      new PollConfig(
          true,
          Duration.ofSeconds(5),
          20,
          Duration.ofMinutes(30),
          Duration.ofMinutes(5),
          Duration.ofHours(24),
          Duration.ofMinutes(5),
          Duration.ofMinutes(5),
          Duration.ofHours(12),
          1000);

  private static final Instant NOW = Instant.parse("2024-05-06T08:00:00Z");

  private static PollPolicy policy(double jitter) {
    return new PollPolicy(CONFIG, () -> jitter);
  }

  private static Source source(Integer intervalOverrideSeconds) {
    return new Source(
        1L, "https://news.example.cn/rss", "t", null, null, true, Source.ACTIVE, null, intervalOverrideSeconds, NOW,
        null, null, null, null, null, 0, null, null, null, null, null, null, NOW, NOW);
  }

  private static Duration parse(String iso) {
    return iso == null || iso.isBlank() ? null : Duration.parse(iso);
  }

  @ParameterizedTest(name = "[{index}] override={0}s asked={1} -> {2}")
  @CsvSource({
    // default interval
    "     , ,       PT30M",
    // the admin's override
    " 3600, ,       PT1H",
    // a feed ttl / max-age longer than the interval wins, a shorter one does not
    "     , PT2H,   PT2H",
    "     , PT10M,  PT30M",
    " 3600, PT2H,   PT2H",
    " 7200, PT1H,   PT2H",
    "     , PT0S,   PT30M",
    // clamped to [min, max]
    "     , PT48H,  PT24H",
    "     , PT1M,   PT30M",
    // but an admin's override stands outside them (the API takes 60 s to 7 days)
    "   60, ,       PT1M",
    "172800, ,      PT48H",
    "   60, PT10M,  PT10M",
    "172800, PT72H, PT48H",
    "    0, ,       PT1M",
    "604800, ,      PT168H",
  })
  void afterSuccess(Integer override, String asked, String expected) {
    assertEquals(Duration.parse(expected), policy(0.9).afterSuccess(source(override), parse(asked)));
  }

  @ParameterizedTest(name = "[{index}] errors={0} -> {1}")
  @CsvSource({
    "1,  PT5M",
    "2,  PT10M",
    "3,  PT20M",
    "4,  PT40M",
    "5,  PT1H20M",
    "6,  PT2H40M",
    "7,  PT5H20M",
    "8,  PT10H40M",
    "9,  PT21H20M",
    "10, PT24H",
    "11, PT24H",
    "64, PT24H",
    "2147483647, PT24H",
    "0,  PT5M",
    "-3, PT5M",
  })
  void errorsBackOffExponentiallyCappedAtMax(int errors, String expected) {
    assertEquals(Duration.parse(expected), policy(0.0).afterError(errors, null));
  }

  @ParameterizedTest(name = "[{index}] errors={0} jitter={1} -> {2}")
  @CsvSource({
    "1, 0.5,   PT5M37.5S",
    "1, 0.999, PT6M14.925S",
    "3, 0.5,   PT22M30S",
    "3, 0.25,  PT21M15S",
    "9, 0.2,   PT22H24M",
    "9, 0.5,   PT24H",
    // past the cap: as much less instead
    "9, 0.6,   PT18H8M",
    "10, 0.999, PT18H0M21.6S",
    "10, 0.5,   PT21H",
  })
  void jitterAddsUpToAQuarterOrTakesAsMuchBelowMax(int errors, double jitter, String expected) {
    assertEquals(Duration.parse(expected), policy(jitter).afterError(errors, null));
  }

  @Test
  void jitterStaysWithinAQuarterForEveryDraw() {
    for (int errors = 1; errors <= 12; errors++) {
      Duration base = policy(0.0).afterError(errors, null);
      for (double r = 0.0; r < 1.0; r += 0.01) {
        Duration d = policy(r).afterError(errors, null);
        assertTrue(Math.abs(d.toMillis() - base.toMillis()) <= base.toMillis() / 4, () -> "more than 25% jitter: " + d + " on " + base);
        assertTrue(d.compareTo(CONFIG.maxInterval()) <= 0, () -> "past max: " + d);
      }
    }
  }

  @Test
  void sourcesFailingAtTheCapDoNotAllWaitTheSame() {
    java.util.Set<Duration> waits = new java.util.HashSet<>();
    for (int tenths = 0; tenths < 10; tenths++) {
      waits.add(policy(tenths / 10.0).afterError(30, null));
    }
    assertEquals(10, waits.size(), waits::toString);
  }

  @ParameterizedTest(name = "[{index}] errors={0} retryAfter={1} -> {2}")
  @CsvSource({
    // Retry-After longer than the backoff wins
    "1, PT1H,   PT1H",
    "3, PT30M,  PT30M",
    // shorter than the backoff: the backoff stands
    "1, PT1M,   PT5M",
    "3, PT10M,  PT20M",
    "1, PT0S,   PT5M",
    // still capped at max
    "1, PT72H,  PT24H",
  })
  void retryAfterLongerThanBackoffWins(int errors, String retryAfter, String expected) {
    assertEquals(Duration.parse(expected), policy(0.0).afterError(errors, Duration.parse(retryAfter)));
  }

  @Test
  void neverZero() {
    for (int errors = -1; errors <= 40; errors++) {
      for (Duration retryAfter : new Duration[] {null, Duration.ZERO, Duration.ofSeconds(-30)}) {
        Duration d = policy(0.0).afterError(errors, retryAfter);
        assertTrue(d.compareTo(CONFIG.minInterval()) >= 0, "errors " + errors + ": " + d);
      }
    }
    assertEquals(PollPolicy.MIN_OVERRIDE, policy(0.0).afterSuccess(source(0), Duration.ZERO), "an override of 0 written outside the API");
  }

  @Test
  void errorBackoffShorterThanMinIntervalIsRaisedToIt() {
    PollConfig quick =
        new PollConfig(true, Duration.ofSeconds(5), 20, Duration.ofMinutes(30), Duration.ofMinutes(5), Duration.ofHours(24), Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(12), 1000);

    assertEquals(Duration.ofMinutes(5), new PollPolicy(quick, () -> 0.0).afterError(1, null));
    assertEquals(Duration.ofMinutes(5), new PollPolicy(quick, () -> 0.0).afterError(30, Duration.ZERO));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} entries last week -> {1}")
  @org.junit.jupiter.params.provider.CsvSource({
    "-1, PT30M",   // unknown: the default interval
    "0, PT2H",     // silent all week: four default intervals
    "7, PT24H",    // one a day: once a day (the cap)
    "100, PT1H40M48S",
    "168, PT1H",
    "10000, PT5M"  // very busy: never below the minimum
  })
  void successAdaptsToHowOftenTheSourcePublishes(int lastWeek, String expected) {
    assertEquals(Duration.parse(expected), policy(0).afterSuccess(source(null), null, lastWeek));
  }

  @org.junit.jupiter.api.Test
  void anAdminsIntervalAndTheFeedsTtlWinOverAdaptation() {
    assertEquals(Duration.ofMinutes(10), policy(0).afterSuccess(source(600), null, 10000));
    assertEquals(Duration.ofHours(3), policy(0).afterSuccess(source(null), Duration.ofHours(3), 10000));
  }

  /**
   * While a hub's notices are relied on, the polls between them are spaced out to the configured
   * interval (here 3 h), never shorter than the source's own pace, never past the middle of the
   * lease's last quarter (where the poll that renews it must fall), never past max-interval.
   */
  @ParameterizedTest(name = "[{index}] last week {0}, override {1}s, asked {2}, verified {3} ago, lease {4} from now -> {5}")
  @CsvSource({
    // busy (5 min of its own), a fresh lease of 10 days: every 3 h
    "10000,     ,      ,   PT0S,   PT240H, PT3H",
    // silent (2 h of its own): 3 h
    "    0,     ,      ,   PT0S,   PT240H, PT3H",
    // its own pace longer than that (a ttl of 6 h): its own
    "10000,     , PT6H,    PT0S,   PT240H, PT6H",
    // an admin's interval stands
    "10000,  600,      ,   PT0S,   PT240H, PT10M",
    // a lease of 4 h: its last quarter begins at 3 h, the poll comes by 3.5 h: 3 h
    "10000,     ,      ,   PT0S,   PT4H,   PT3H",
    // a lease of 2 h: by the middle of its last quarter, 1 h 45 min
    "10000,     ,      ,   PT0S,   PT2H,   PT1H45M",
    // nine days into a lease of ten: in its last quarter already (the poll asked to renew it): its own pace
    "10000,     ,      ,   PT216H, PT24H,  PT5M",
    // the lease ran out: its own pace
    "10000,     ,      ,   PT241H, -PT1H,  PT5M",
  })
  void aReliedOnHubSpacesOutThePollsBetweenItsNotices(int lastWeek, Integer override, String asked, String verifiedAgo, String leaseLeft,
      String expected) {
    SourceSchedule.Pushed pushed = new SourceSchedule.Pushed(NOW.minus(Duration.parse(verifiedAgo)), NOW.plus(Duration.parse(leaseLeft)));
    PollPolicy policy = new PollPolicy(CONFIG, Duration.ofHours(3), Duration.ZERO, () -> 0.0);

    assertEquals(Duration.parse(expected), policy.afterSuccess(source(override), parse(asked), new SourceSchedule.Recent(lastWeek, pushed), NOW));
  }

  @Test
  void aHubNotReliedOnLeavesTheSourceItsOwnPaceAndMaxIntervalBoundsTheSpacing() {
    SourceSchedule.Pushed fresh = new SourceSchedule.Pushed(NOW, NOW.plus(Duration.ofDays(365)));

    assertEquals(Duration.ofMinutes(5), new PollPolicy(CONFIG, Duration.ofHours(3), Duration.ZERO, () -> 0.0)
        .afterSuccess(source(null), null, new SourceSchedule.Recent(10000, null), NOW));
    assertEquals(Duration.ofHours(24), new PollPolicy(CONFIG, Duration.ofDays(3), Duration.ZERO, () -> 0.0)
        .afterSuccess(source(null), null, new SourceSchedule.Recent(10000, fresh), NOW));
    assertEquals(Duration.ofMinutes(5), new PollPolicy(CONFIG, Duration.ZERO, Duration.ZERO, () -> 0.0)
        .afterSuccess(source(null), null, new SourceSchedule.Recent(10000, fresh), NOW), "0 keeps the source's own pace");
  }
}
