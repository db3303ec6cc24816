package dev.syndic.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What the pipeline reports for {@code /metrics}: polls by outcome, fetch latency, entries created
 * and updated, feed requests and feed cache hits. (Not {@code entries.created}: Prometheus reads a
 * {@code _created} suffix as a timestamp.) Callers make one call per event; the names are
 * the contract operators alert on (see the README).
 */
@Singleton
public final class PipelineMetrics {

  private final MeterRegistry registry;
  private final Counter created;
  private final Counter updated;
  private final Counter unchanged;
  private final Counter cacheHits;
  private final Counter cacheMisses;
  private final Counter deferred;
  private final Map<String, Counter> polls = new ConcurrentHashMap<>();
  private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

  PipelineMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.created = Counter.builder("syndic.entries.new").description("entries stored for the first time").register(registry);
    this.updated = Counter.builder("syndic.entries.updated").description("stored entries whose content changed").register(registry);
    this.unchanged = Counter.builder("syndic.entries.unchanged")
        .description("entries of changed feeds skipped before preparing: stored as they are, or deleted").register(registry);
    this.cacheHits = Counter.builder("syndic.feed.cache").tag("result", "hit").description("feed renderings served from memory").register(registry);
    this.cacheMisses = Counter.builder("syndic.feed.cache").tag("result", "miss").description("feed renderings served from memory").register(registry);
    this.deferred = Counter.builder("syndic.polls.deferred")
        .description("polls put off because their host, or the host their feed redirects to, had no free slot on this instance").register(registry);
    // Every outcome and format is there, at 0, from the start. A series made at its first event is
    // read by Prometheus from that event on, so increase() and rate() never counted the first error
    // (nor any, until a second scrape saw it move), and an alert on the error share stayed silent.
    for (String outcome : OUTCOMES) {
      pollCounter(outcome);
      latency(outcome);
    }
    for (String format : FORMATS) {
      feedRequests(format);
    }
    for (String outcome : NOTICES) {
      notices(outcome);
    }
  }

  /** What a WebSub hub's notice came to: a poll, ignored (its signature did not hold), or no subscription. */
  static final List<String> NOTICES = List.of("polled", "ignored", "unknown");

  private Counter notices(String outcome) {
    return Counter.builder("syndic.websub.notices").description("WebSub hubs' notices that a feed changed, by outcome (polled, ignored, unknown)")
        .tag("outcome", outcome).register(registry);
  }

  /** A hub's notice came to {@code outcome} (polled, ignored, unknown). */
  public void notice(String outcome) {
    notices(outcome).increment();
  }

  /** The outcomes of a poll ({@code Poller}'s), and the formats of a category feed. */
  static final List<String> OUTCOMES = List.of("ok", "not_modified", "error");

  static final List<String> FORMATS = List.of("rss", "atom", "json");

  private Counter pollCounter(String outcome) {
    return polls.computeIfAbsent(outcome, o -> Counter.builder("syndic.polls").description("polls ended, by outcome (ok, not_modified, error)")
        .tag("outcome", o).register(registry));
  }

  private Timer latency(String outcome) {
    return latencies.computeIfAbsent(outcome, o -> Timer.builder("syndic.fetch.latency").description("time of a whole poll: fetch, parse, store")
        .tag("outcome", o).publishPercentileHistogram(false).register(registry));
  }

  private Counter feedRequests(String format) {
    return Counter.builder("syndic.feed.requests").description("category feed requests, by format").tag("format", format).register(registry);
  }

  /** One poll ended: {@code outcome} is ok, not_modified or error. */
  public void poll(String outcome, long millis, int createdEntries, int updatedEntries) {
    // Found once per outcome, not built and looked up again by every poll.
    pollCounter(outcome).increment();
    latency(outcome).record(millis, TimeUnit.MILLISECONDS);
    created.increment(createdEntries);
    updated.increment(updatedEntries);
  }

  /** A poll was put off: its host had no free slot (syndic.fetch.per-host-concurrency). */
  public void deferred() {
    deferred.increment();
  }

  /** Entries of a changed feed were skipped: stored as they are (same source hash), or deleted. */
  public void unchangedEntries(int entries) {
    unchanged.increment(entries);
  }

  /** A category feed was asked for, in a format (rss, atom, json). */
  public void feedRequest(String format) {
    feedRequests(format).increment();
  }

  /** A feed was served from the cache ({@code hit}) or rendered ({@code !hit}). */
  public void feedCache(boolean hit) {
    (hit ? cacheHits : cacheMisses).increment();
  }
}
