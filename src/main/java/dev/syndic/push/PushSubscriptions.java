package dev.syndic.push;

import dev.syndic.clean.ContentCleaner;
import dev.syndic.config.SiteConfig;
import dev.syndic.fetch.FeedFetcher;
import dev.syndic.ops.PipelineMetrics;
import dev.syndic.security.TokenHash;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes sources to the hubs their feeds name, answers the hubs' verifications and turns
 * their signed notices into polls (see the package comment).
 */
@Singleton
public class PushSubscriptions {

  private static final Logger LOG = LoggerFactory.getLogger(PushSubscriptions.class);

  /** How long a request the hub never verified (or refused) waits before it is asked again. */
  static final Duration RETRY = Duration.ofDays(1);

  /** The longest lease taken from a hub's verification, whatever it grants. */
  static final Duration MOST_LEASE = Duration.ofDays(365);

  /** What a notice came to. */
  public enum Notice { UNKNOWN, IGNORED, POLLED }

  private final PushConfig config;
  private final SiteConfig site;
  private final FeedFetcher fetcher;
  private final PushStore store;
  private final Clock clock;
  private final ExecutorService executor;
  private final PipelineMetrics metrics;
  /** Sources whose request is on its way: a feed polled again meanwhile does not ask twice. */
  private final Set<Long> asking = ConcurrentHashMap.newKeySet();
  private volatile boolean warned;

  PushSubscriptions(PushConfig config, SiteConfig site, FeedFetcher fetcher, PushStore store, Clock clock,
      @Named("websub") ExecutorService executor, PipelineMetrics metrics) {
    this.config = config;
    this.site = site;
    this.fetcher = fetcher;
    this.store = store;
    this.clock = clock;
    this.executor = executor;
    this.metrics = metrics;
  }

  /**
   * After a successful poll of a feed that names {@code hub} and {@code topic} (its self link):
   * subscribes the source when it is not, when the feed names another hub or topic, when the lease
   * is in its last quarter, or a day after a request the hub never verified or refused. The
   * request goes out on another thread; the poll does not wait for the hub. Renewing from polls
   * alone renews only feeds that still name their hub: a feed read without one ({@code hub} or
   * {@code topic} null) ends its subscription, and a poll that finds the feed unchanged renews
   * with the links it last named ({@link #unchanged}).
   */
  public void polled(long sourceId, @Nullable String hub, @Nullable String topic) {
    if (!config.enabled()) {
      return;
    }
    if (hub == null || topic == null) {
      // A feed read without its hub: the subscription ends here (the hub's next notice is answered
      // 410), so that the polls of that feed unchanged ({@link #unchanged}) do not renew it.
      if (!site.baseUrl().isBlank()) {
        store.forget(sourceId);
      }
      return;
    }
    if (site.baseUrl().isBlank()) {
      if (!warned) {
        warned = true;
        LOG.info("feeds name WebSub hubs, but syndic.site.base-url is not set: hubs need it to reach Syndic, sources are not subscribed");
      }
      return;
    }
    Instant now = clock.instant();
    Optional<PushStore.Held> held = store.held(sourceId);
    if (!due(held.map(PushStore.Held::subscription), hub, topic, now) || !asking.add(sourceId)) {
      return;
    }
    try {
      executor.execute(() -> {
        try {
          subscribe(sourceId, hub, topic, held);
        } catch (RuntimeException e) {
          LOG.warn("source_id={} subscribing to the hub {} failed", sourceId, hub, e);
        } finally {
          asking.remove(sourceId);
        }
      });
    } catch (RejectedExecutionException e) {
      asking.remove(sourceId); // shutting down: the next poll asks
    }
  }

  /**
   * After a successful poll that found the feed as it was read last (304, or the same bytes): it
   * names the hub and topic it named then, so the subscription is renewed as {@link #polled} would.
   * Without this, a feed that did not change in the lease's last quarter let its subscription run out.
   */
  public void unchanged(long sourceId) {
    if (!config.enabled() || site.baseUrl().isBlank()) {
      return;
    }
    store.held(sourceId).ifPresent(h -> polled(sourceId, h.subscription().hub(), h.subscription().topic()));
  }

  private boolean due(Optional<PushStore.Subscription> held, String hub, String topic, Instant now) {
    if (held.isEmpty()) {
      return true;
    }
    PushStore.Subscription s = held.get();
    if (!s.hub().equals(hub) || !s.topic().equals(topic)) {
      return true;
    }
    if (s.state().equals("active") && s.leaseUntil() != null && s.verifiedAt() != null) {
      // Renewed in the lease's last quarter; a renewal the hub has not verified yet is asked again
      // after a quarter or a day, whichever is sooner (not at every poll of the feed).
      Duration quarter = Duration.between(s.verifiedAt(), s.leaseUntil()).dividedBy(4);
      boolean pending = s.requestedAt().isAfter(s.verifiedAt());
      Duration wait = quarter.compareTo(RETRY) < 0 ? quarter : RETRY;
      return now.isAfter(s.leaseUntil().minus(quarter)) && (!pending || now.isAfter(s.requestedAt().plus(wait)));
    }
    return now.isAfter(s.requestedAt().plus(RETRY));
  }

  private void subscribe(long sourceId, String hub, String topic, Optional<PushStore.Held> held) {
    boolean same = held.isPresent() && held.get().subscription().hub().equals(hub) && held.get().subscription().topic().equals(topic);
    // Renewed with the same callback and secret: the hub renews the subscription it has.
    String key = same ? held.get().callbackKey() : TokenHash.newSecret("");
    String secret = same ? held.get().secret() : TokenHash.newSecret("");
    if (!store.requested(sourceId, hub, topic, key, secret, clock.instant())) {
      return; // the source was deleted meanwhile
    }
    String form = form(Map.of(
        "hub.mode", "subscribe",
        "hub.topic", topic,
        "hub.callback", callback(sourceId, key),
        "hub.secret", secret,
        "hub.lease_seconds", Long.toString(config.lease().toSeconds())));
    // The parser gives the hub as an absolute address it has parsed (RomeMapping).
    FeedFetcher.HubReply reply = fetcher.postForm(URI.create(hub), form);
    if (reply.status() >= 200 && reply.status() < 300) {
      LOG.info("source_id={} asked the hub {} for notices of {} (HTTP {})", sourceId, hub, topic, reply.status());
      return;
    }
    String why = reply.problem() != null ? "the subscription request did not reach the hub: " + reply.problem()
        : "the hub answered HTTP " + reply.status() + " to the subscription request";
    LOG.info("source_id={} {}", sourceId, why);
    store.failed(sourceId, why);
  }

  /** The address the hub calls: the source's id and a key only Syndic and the hub know. */
  String callback(long sourceId, String key) {
    return site.baseUrl().replaceAll("/+$", "") + "/websub/" + sourceId + "/" + key;
  }

  /**
   * The hub's verification of intent ({@code GET} on the callback): the challenge to echo when
   * Syndic asked for this, empty (404) when not. A subscription is confirmed for the lease the hub
   * grants (the asked one when it names none, at most a year); an unsubscription only where
   * Syndic holds none for the source (it is gone, or its feed no longer names a hub); a denial is recorded and answered 200.
   */
  public Optional<String> verify(long sourceId, String key, @Nullable String mode, @Nullable String topic, @Nullable String challenge,
      @Nullable String leaseSeconds, @Nullable String reason) {
    Optional<PushStore.Held> stored = store.held(sourceId);
    if ("unsubscribe".equals(mode)) {
      return stored.isEmpty() && challenge != null ? Optional.of(challenge) : Optional.empty();
    }
    Optional<PushStore.Held> held = stored.filter(h -> TokenHash.same(h.callbackKey(), key));
    if (held.isEmpty() || topic == null || !topic.equals(held.get().subscription().topic())) {
      return Optional.empty();
    }
    if ("denied".equals(mode)) {
      store.denied(sourceId, "the hub denied the subscription" + (reason == null || reason.isBlank() ? "" : ": " + cut(reason)));
      return Optional.of("");
    }
    if (!"subscribe".equals(mode) || challenge == null) {
      return Optional.empty();
    }
    store.verified(sourceId, clock.instant(), lease(leaseSeconds));
    return Optional.of(challenge);
  }

  private Duration lease(@Nullable String seconds) {
    try {
      long s = seconds == null ? -1 : Long.parseLong(seconds.strip());
      return s <= 0 ? config.lease() : Duration.ofSeconds(Math.min(s, MOST_LEASE.toSeconds()));
    } catch (NumberFormatException e) {
      return config.lease();
    }
  }

  /**
   * The hub's notice that the topic changed ({@code POST} on the callback). Unknown callbacks are
   * {@link Notice#UNKNOWN} (answered 410, so the hub drops them); a notice whose {@code
   * X-Hub-Signature} does not hold is {@link Notice#IGNORED} (answered 2xx all the same, as the
   * recommendation asks, and said on the subscription); a signed one makes the source due.
   */
  public Notice notified(long sourceId, String key, InputStream body, @Nullable String signature) {
    Notice notice = judged(sourceId, key, body, signature);
    metrics.notice(notice.name().toLowerCase(java.util.Locale.ROOT));
    return notice;
  }

  /**
   * The body is read only for a callback that is a subscription, and only into the signature's
   * HMAC: anyone may post to a callback's address, and a body held whole (up to the server's 64 MB
   * request limit) at a few requests at once would fill the heap.
   */
  private Notice judged(long sourceId, String key, InputStream body, @Nullable String signature) {
    Optional<PushStore.Held> held = store.held(sourceId).filter(h -> TokenHash.same(h.callbackKey(), key));
    if (held.isEmpty()) {
      return Notice.UNKNOWN;
    }
    boolean signed;
    try {
      signed = signed(body, signature, held.get().secret());
    } catch (IOException e) {
      store.ignored(sourceId, "a notice whose body could not be read whole was ignored: " + cut(String.valueOf(e.getMessage())));
      return Notice.IGNORED;
    }
    if (!signed) {
      store.ignored(sourceId, signature == null ? "a notice without X-Hub-Signature was ignored"
          : "a notice whose X-Hub-Signature does not match its body was ignored");
      return Notice.IGNORED;
    }
    store.noticed(sourceId, clock.instant(), config.leastGap());
    return Notice.POLLED;
  }

  /**
   * Whether {@code signature} ({@code sha256=<hex>}, or sha1, sha384, sha512) is the HMAC of {@code
   * body} under {@code secret}; the body read as it comes, and not at all when the signature is none.
   */
  static boolean signed(InputStream body, @Nullable String signature, String secret) throws IOException {
    if (signature == null) {
      return false;
    }
    int eq = signature.indexOf('=');
    if (eq < 0) {
      return false;
    }
    String algorithm = switch (signature.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT)) {
      case "sha1" -> "HmacSHA1";
      case "sha256" -> "HmacSHA256";
      case "sha384" -> "HmacSHA384";
      case "sha512" -> "HmacSHA512";
      default -> null;
    };
    if (algorithm == null) {
      return false;
    }
    byte[] given;
    Mac mac;
    try {
      given = HexFormat.of().parseHex(signature.substring(eq + 1).strip().toLowerCase(java.util.Locale.ROOT));
      mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
    byte[] buffer = new byte[8192];
    for (int n; (n = body.read(buffer)) >= 0; ) {
      mac.update(buffer, 0, n);
    }
    return MessageDigest.isEqual(mac.doFinal(), given);
  }

  private static String form(Map<String, String> fields) {
    StringBuilder out = new StringBuilder();
    fields.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return out.toString();
  }

  private static String cut(String s) {
    return ContentCleaner.cut(s, FeedFetcher.MAX_QUOTED);
  }
}
