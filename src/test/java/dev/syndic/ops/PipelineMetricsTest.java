package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * Every poll outcome and feed format is a series at 0 from the start. Made at its first event, the
 * error series began at 1: Prometheus's increase() and rate() read nothing before a series' first
 * sample, so the first errors never counted and an alert on the error share stayed silent.
 */
class PipelineMetricsTest {

  @Test
  void everyOutcomeAndFormatIsThereAtZeroBeforeItsFirstEvent() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PipelineMetrics metrics = new PipelineMetrics(registry);
    for (String outcome : new String[] {"ok", "not_modified", "error"}) {
      assertEquals(0, registry.get("syndic.polls").tag("outcome", outcome).counter().count(), outcome);
      assertEquals(0, registry.get("syndic.fetch.latency").tag("outcome", outcome).timer().count(), outcome);
    }
    for (String format : new String[] {"rss", "atom", "json"}) {
      assertEquals(0, registry.get("syndic.feed.requests").tag("format", format).counter().count(), format);
    }

    metrics.poll("error", 120, 0, 0);
    metrics.feedRequest("atom");
    assertEquals(1, registry.get("syndic.polls").tag("outcome", "error").counter().count());
    assertNotNull(registry.get("syndic.fetch.latency").tag("outcome", "error").timer());
    assertEquals(1, registry.get("syndic.fetch.latency").tag("outcome", "error").timer().count());
    assertEquals(1, registry.get("syndic.feed.requests").tag("format", "atom").counter().count());
    assertEquals(1, registry.find("syndic.polls").tag("outcome", "error").counters().size(), "one series per outcome");
  }
}
