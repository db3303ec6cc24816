package dev.syndic.ingest;

import dev.syndic.WebLinks;
import dev.syndic.Sha256;
import dev.syndic.clean.ContentCleaner;
import dev.syndic.fetch.FeedFetcher;
import dev.syndic.fetch.FetchRequest;
import dev.syndic.fetch.FetchResult;
import dev.syndic.ops.PipelineMetrics;
import dev.syndic.parse.FeedLinks;
import dev.syndic.parse.FeedParser;
import dev.syndic.parse.ParseResult;
import dev.syndic.parse.ParsedEntry;
import dev.syndic.parse.ParsedFeed;
import dev.syndic.push.PushSubscriptions;
import dev.syndic.source.FetchRecord;
import dev.syndic.source.ScheduleUpdate;
import dev.syndic.source.Source;
import dev.syndic.source.SourceRepository;
import dev.syndic.source.SourceSchedule;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one claimed source end to end and records the outcome: the fetch history row, the
 * source's health and its next poll time (at once for an admin's poll, through the {@link
 * PollRecorder} for the scheduler's). Never throws for anything a source does; a failure of our
 * own (the database) is recorded too when it can be, else the lease releases the claim.
 */
@Singleton
public class Poller {

  private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
  /**
   * How long an admin's poll waits for its host's slot: long enough for a fast host's other polls
   * to end, well short of what an HTTP client or proxy in front waits for the answer, as the fetch
   * that follows may take 40 s more (it waited 60 s, then answered "already running").
   */
  static final Duration HOST_WAIT = Duration.ofSeconds(10);

  private final FeedFetcher fetcher;
  private final FeedParser parser;
  private final EntryIngest ingest;
  private final SourceSchedule schedule;
  private final SourceRepository sources;
  private final PollPolicy policy;
  private final Clock clock;
  private final PipelineMetrics metrics;
  private final PollRecorder recorder;
  private final PushSubscriptions push;
  private final Duration revalidateAfter;
  private final int maxEntries;
  private final Set<Long> overlong = ConcurrentHashMap.newKeySet();

  Poller(FeedFetcher fetcher, FeedParser parser, EntryIngest ingest, SourceSchedule schedule, SourceRepository sources, PollPolicy policy,
      Clock clock, PipelineMetrics metrics, PollRecorder recorder, PollConfig config, PushSubscriptions push) {
    this.fetcher = fetcher;
    this.parser = parser;
    this.ingest = ingest;
    this.schedule = schedule;
    this.sources = sources;
    this.policy = policy;
    this.clock = clock;
    this.metrics = metrics;
    this.recorder = recorder;
    this.push = push;
    this.revalidateAfter = config.revalidateAfter();
    this.maxEntries = config.maxEntries();
  }

  /**
   * Polls a source this instance has claimed, records the outcome and releases the claim. Waits
   * for the host when other polls of this instance keep it busy (an admin waiting for the answer),
   * at most {@link #HOST_WAIT}; then the source is not polled and the answer says which host was
   * busy.
   */
  public PollAnswer pollNow(Source source) {
    Ran ran = poll(source, true);
    if (ran.busy() != null) {
      // An admin asked for this poll (and may not be waiting for the answer: a 202): say why it was not made.
      LOG.info("poll source_id={} url={} status=deferred host={} address={}: asked for by an admin, not made: no free slot within {} s",
          source.id(), source.url(), ran.busy().host(), ran.busy().address(), HOST_WAIT.toSeconds());
      return new PollAnswer.HostBusy(ran.busy().host(), ran.busy().address(), HOST_WAIT, fetcher.total());
    }
    return new PollAnswer.Polled(schedule.complete(ran.completion()));
  }

  /**
   * Polls as the scheduler does: when the source's host is busy with other polls of this
   * instance, the source is deferred (a second or two, longer while the host frees no slot); the
   * outcome is handed to the {@link PollRecorder}, which records it with other polls' shortly after.
   */
  public void poll(Source source) {
    Ran ran = poll(source, false);
    if (ran.completion() != null) {
      recorder.record(ran.completion());
    }
  }

  /** A poll to record, or the deferral of one whose host had no slot (the claim then released). */
  private record Ran(SourceSchedule.Completion completion, FetchResult.Deferred busy) {}

  private Ran poll(Source source, boolean patient) {
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    Outcome outcome;
    try {
      FetchResult result = fetch(source, patient);
      if (result instanceof FetchResult.Deferred d) {
        metrics.deferred();
        // Up to as much again: the sources of a busy host, deferred together, come back apart.
        long wait = d.retryIn().toMillis();
        schedule.defer(source.id(), clock.instant().plusMillis(wait + ThreadLocalRandom.current().nextLong(wait + 1)));
        return new Ran(null, d);
      }
      outcome = outcome(source, result);
    } catch (RuntimeException e) {
      LOG.error("source_id={} url={} poll failed inside Syndic", source.id(), source.url(), e);
      outcome = Outcome.error(null, 0, "internal error while storing entries: " + e.getMessage(), null);
    }
    return new Ran(completion(source, started, (System.nanoTime() - t0) / 1_000_000, outcome), null);
  }

  /** Counts and logs a finished poll, and says how to record it. */
  private SourceSchedule.Completion completion(Source source, Instant started, long ms, Outcome o) {
    Instant now = clock.instant();
    boolean success = o.paused == null && o.error == null;
    metrics.poll(o.kind, ms, o.created, o.updated);
    if (o.error != null) {
      LOG.warn("poll source_id={} url={} status={} http={} ms={} error=\"{}\"", source.id(), source.url(), o.kind, o.httpStatus, ms, o.error);
    } else if (o.notMoved != null) {
      LOG.warn("poll source_id={} url={} status={} new={} updated={} ms={} not_moved=\"{}\"", source.id(), source.url(), o.kind, o.created,
          o.updated, ms, o.notMoved);
    } else if (o.fetched == null) {
      LOG.debug("poll source_id={} url={} status={} ms={}", source.id(), source.url(), o.kind, ms);
    } else {
      LOG.info("poll source_id={} url={} status={} new={} updated={} ms={}", source.id(), source.url(), o.kind, o.created, o.updated, ms);
    }
    String repairs = o.feed == null || o.feed.repaired().isEmpty() ? null : String.join("; ", o.feed.repaired());
    FetchRecord record = new FetchRecord(null, source.id(), started, ms, o.kind, o.httpStatus, o.bytes, o.found, o.created, o.updated, o.error,
        repairs);
    // Settled now, so a queued completion holds a few fields, not the body and the parsed feed.
    ScheduleUpdate settled = update(source, o, now);
    if (!success) {
      return new SourceSchedule.Completion(record, source, null, recent -> settled);
    }
    // A poll that read no feed (304, or the same body again) keeps to the ttl the feed last gave.
    Duration asked = o.feed != null || source.feedTtlSeconds() == null ? o.asked : longer(o.asked, Duration.ofSeconds(source.feedTtlSeconds()));
    return new SourceSchedule.Completion(record, source, now.minus(PollPolicy.WEEK),
        recent -> settled.nextPollAt(now.plus(policy.afterSuccess(source, asked, recent, now))));
  }

  /**
   * Fetches the source; {@code patient} (an admin waiting) waits for its host's slot, at most
   * {@link #HOST_WAIT}, where the scheduler's poll is deferred at once.
   */
  private FetchResult fetch(Source source, boolean patient) {
    URI url;
    try {
      url = URI.create(source.url());
    } catch (IllegalArgumentException e) {
      return FetchResult.Failed.of("the source URL is not a valid URL: " + e.getMessage());
    }
    FetchRequest request = revalidate(source) ? FetchRequest.unconditional(url) : new FetchRequest(url, source.etag(), source.lastModified());
    FetchResult result = fetcher.fetch(request);
    long waitUntil = System.nanoTime() + HOST_WAIT.toNanos();
    while (result instanceof FetchResult.Deferred d && patient && System.nanoTime() < waitUntil) {
      // Put off at a host the feed redirects to, each try asks the feed's own host again: once a
      // second then, not ten times.
      sleep(d.host().equalsIgnoreCase(url.getHost()) ? 100 : 1_000);
      result = fetcher.fetch(request);
    }
    return result;
  }

  private Outcome outcome(Source source, FetchResult result) {
    if (result instanceof FetchResult.HostPaused p) {
      // Not fetched: the error counts, but the backoff is the host's own request.
      Duration wait = Duration.between(clock.instant(), p.until());
      String why = "not fetched: " + p.host() + " answered another feed's request with 429 Too Many Requests"
          + " and asked to be left alone until " + p.until();
      return Outcome.error(null, 0, why, wait.isNegative() ? Duration.ZERO : wait);
    }
    if (result instanceof FetchResult.Fetched f) {
      return fetched(source, f, true);
    } else if (result instanceof FetchResult.NotModified nm) {
      push.unchanged(source.id());
      return Outcome.notModified(nm.status(), nm.maxAge(), null, nm.movedTo(), nm.notMoved());
    } else if (result instanceof FetchResult.Gone g) {
      return Outcome.gone(g.status());
    }
    FetchResult.Failed f = (FetchResult.Failed) result;
    return Outcome.error(f.status() == 0 ? null : f.status(), 0, f.message(), f.retryAfter());
  }

  /**
   * Whether the source has answered nothing but 304 for too long (the last body is older than
   * that, and a success came after it): then its validators are not sent.
   */
  private boolean revalidate(Source source) {
    Instant body = source.lastBodyAt();
    return body != null && body.isBefore(clock.instant().minus(revalidateAfter)) && source.lastSuccessAt() != null
        && source.lastSuccessAt().isAfter(body);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(Math.max(0, ms));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Outcome fetched(Source source, FetchResult.Fetched f, boolean mayDiscover) {
    Integer status = f.status() == 0 ? null : f.status();
    String bodyHash = Sha256.hex(f.body());
    if (bodyHash.equals(source.bodyHash()) && source.lastSuccessAt() != null) {
      // The feed as last read, hub and self links included: its subscription is renewed when due.
      push.unchanged(source.id());
      return Outcome.notModified(status, f.maxAge(), f, f.movedTo(), f.notMoved());
    }
    ParseResult parsed = parser.parse(f.body(), f.contentType());
    if (parsed instanceof ParseResult.Unreadable u) {
      Optional<URI> announced = mayDiscover ? FeedLinks.find(f.body(), f.finalUrl()) : Optional.empty();
      if (announced.isPresent() && !announced.get().equals(f.finalUrl())) {
        // A page whose feed another source polls: this one could only read that feed a second time.
        // (Asked at every poll: a source that read it before this check, and could not take its
        // address, read the page again at each later poll and failed there.)
        Outcome duplicate = duplicate(source, status, f, announced.get());
        if (duplicate != null) {
          return duplicate;
        }
        if (source.lastSuccessAt() != null) {
          return Outcome.error(status, f.body().length, u.message(), null);
        }
        // Subscribed by the address of a web page: follow the feed the page announces, once.
        FetchResult second = fetcher.fetch(FetchRequest.unconditional(announced.get()));
        if (second instanceof FetchResult.Fetched g) {
          // The source moves to the announced address, or as far as that address moved for good: not
          // to where it redirects for now (a signed or balanced address that may not last).
          URI movedTo = g.movedTo() == null ? announced.get() : g.movedTo();
          duplicate = g.movedTo() == null ? null : duplicate(source, status, f, g.movedTo());
          if (duplicate != null) {
            return duplicate;
          }
          Outcome found = fetched(source, new FetchResult.Fetched(g.status(), g.finalUrl(), movedTo, g.body(), g.contentType(), g.etag(),
              g.lastModified(), g.maxAge(), g.notMoved()), false);
          if (found.error == null) {
            return found;
          }
          return Outcome.error(status, f.body().length, u.message() + "; the feed it announces, " + announced.get() + ", could not be read either: "
              + found.error, null);
        }
        return Outcome.error(status, f.body().length, u.message() + "; the feed it announces, " + announced.get() + ", could not be read either: "
            + why(second), null);
      }
      return Outcome.error(status, f.body().length, u.message(), null);
    }
    ParsedFeed feed = ((ParseResult.Parsed) parsed).feed();
    List<ParsedEntry> entries = feed.entries();
    if (entries.size() > maxEntries) {
      // Said once per source and process: a feed that always lists too many would fill the log.
      if (overlong.add(source.id())) {
        LOG.warn("source {} lists {} entries; the first {} are read (syndic.poll.max-entries; said once per source until restart)",
            source.id(), entries.size(), maxEntries);
      }
      entries = entries.subList(0, maxEntries);
    }
    // Relative links are read against the feed's site link as the source keeps it (so without
    // credentials, which would go out in every link read against it), or the address the feed came
    // from (after redirects, RFC 3986 5.1.3): not the source's, which may redirect to another host.
    String site = WebLinks.siteLink(f.finalUrl().toString(), feed.link());
    IngestResult stored = ingest.ingest(source, entries, site != null ? site : f.finalUrl().toString());
    if (stored.claimLost()) {
      return Outcome.error(status, f.body().length, "not stored: the source was taken over while this poll ran (it outlasted its claim,"
          + " syndic.poll.lease, and another poll claimed the source, or an admin gave the source a new address)", null);
    }
    // A feed that names a WebSub hub: subscribed (or renewed) on another thread, only when due.
    push.polled(source.id(), feed.hub(f.finalUrl()), feed.topic(f.finalUrl()));
    Duration asked = feed.ttlMinutes() == null ? f.maxAge() : longer(f.maxAge(), Duration.ofMinutes(feed.ttlMinutes()));
    return new Outcome(null, "ok", status, f.body().length, feed.entries().size(), stored.created(), stored.updated(), null, null, asked, f,
        bodyHash, feed, site, f.movedTo(), f.notMoved());
  }

  /**
   * The source paused, when the feed its page announces ({@code feed}) is the address of another
   * source: it would read the same feed (every entry stored twice) and cannot take its address,
   * so only an admin can settle it; null when no other source has that address. The reason says
   * whether that source polls the feed: a disabled or paused one keeps the address all the same.
   */
  private Outcome duplicate(Source source, Integer status, FetchResult.Fetched page, URI feed) {
    Optional<Source> holder = sources.findByUrl(movedTo(feed));
    // Ids are Long: compared as objects, a source past id 127 would be the duplicate of itself.
    if (holder.isEmpty() || holder.get().id().equals(source.id())) {
      return null;
    }
    Source other = holder.get();
    String why = "this page announces the feed " + FeedFetcher.quoted(feed.toString()) + ", "
        + Source.holding(other.id(), other.enabled(), other.status())
        + (Source.polled(other.enabled(), other.status())
            ? ": this source would read the same feed again; delete it, or give it another address and resume it"
            : ": delete one of the two and resume the other (enable it, if disabled), or give this one another address and resume it");
    return Outcome.paused(status, page.body().length, why, why);
  }

  /** Why a fetch brought no body to read, in words for the announcing page's error. */
  private static String why(FetchResult r) {
    if (r instanceof FetchResult.Failed f) {
      return f.message();
    } else if (r instanceof FetchResult.NotModified nm) {
      return "it answered " + nm.status() + " to a request without validators";
    } else if (r instanceof FetchResult.Gone g) {
      return "it answered " + g.status() + " Gone";
    } else if (r instanceof FetchResult.HostPaused p) {
      return p.host() + " asked to be left alone until " + p.until();
    }
    return "its host was busy with other polls; the next poll tries again";
  }

  /** The longer of two waits a source asked for; null is none. */
  private static Duration longer(Duration a, Duration b) {
    return a == null || b.compareTo(a) > 0 ? b : a;
  }

  /** What the poll changes on the source; a success's next poll time is set once the week's entries are counted. */
  private ScheduleUpdate update(Source s, Outcome o, Instant now) {
    if (o.paused != null) {
      return new ScheduleUpdate(now, now.plus(Duration.ofDays(3650)), Source.PAUSED, o.paused, s.consecutiveErrors() + 1, o.error, false, false,
          null, null, null, null, null, null, null);
    }
    if (o.error != null) {
      int errors = s.consecutiveErrors() + 1;
      return new ScheduleUpdate(now, now.plus(policy.afterError(errors, o.retryAfter)), Source.ERROR, null, errors, o.error, false,
          false, null, null, null, null, null, null, null);
    }
    FetchResult.Fetched f = o.fetched;
    // Written one way, as an admin's address is: the same feed is then one source however the server spells it.
    String newUrl = o.movedTo == null ? null : movedTo(o.movedTo);
    // A permanent redirect not taken as a move is shown on the source for as long as it lasts.
    return new ScheduleUpdate(now, now, Source.ACTIVE, o.notMoved, 0, null, true,
        f != null, f == null ? null : f.etag(), f == null ? null : f.lastModified(), o.bodyHash, newUrl,
        o.feed == null ? null : ContentCleaner.feedTitle(o.feed.title()), o.site, o.feed == null ? null : ttlSeconds(o.feed));
  }

  private static String movedTo(URI uri) {
    return uri.getHost() != null && WebLinks.isWeb(uri.toString()) ? WebLinks.sameAddress(uri) : uri.toString();
  }

  /** The feed's ttl in seconds as stored on the source: 0 when it gives none. */
  private static int ttlSeconds(ParsedFeed feed) {
    return feed.ttlMinutes() == null ? 0 : (int) Math.min(Integer.MAX_VALUE, feed.ttlMinutes() * 60L);
  }

  /** How a poll ended, before it is recorded; {@code site} is the feed's site link as the source keeps it, worked out once. */
  private record Outcome(String paused, String kind, Integer httpStatus, long bytes, int found, int created, int updated, String error,
      Duration retryAfter, Duration asked, FetchResult.Fetched fetched, String bodyHash, ParsedFeed feed, String site, URI movedTo,
      String notMoved) {

    static Outcome error(Integer status, long bytes, String error, Duration retryAfter) {
      return new Outcome(null, "error", status, bytes, 0, 0, 0, error, retryAfter, null, null, null, null, null, null, null);
    }

    /** Nothing new: a 304 ({@code fetched} null) or the body of the last poll again; {@code movedTo} where the source moved, if it did. */
    static Outcome notModified(Integer status, Duration maxAge, FetchResult.Fetched fetched, URI movedTo, String notMoved) {
      return new Outcome(null, "not_modified", status, fetched == null ? 0 : fetched.body().length, 0, 0, 0, null, null, maxAge, fetched, null, null,
          null, movedTo, notMoved);
    }

    static Outcome gone(int status) {
      return paused(status, 0, "the feed answered 410 Gone; resume it when it is back", "HTTP 410 Gone");
    }

    /** An error that pauses the source, {@code reason} shown to admins. */
    static Outcome paused(Integer status, long bytes, String reason, String error) {
      return new Outcome(reason, "error", status, bytes, 0, 0, 0, error, null, null, null, null, null, null, null, null);
    }
  }
}
