package dev.syndic.publish;

import dev.syndic.category.Category;
import dev.syndic.config.SiteConfig;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the configured WebSub hub when a public feed changed ({@code hub.mode=publish}). After
 * the feed version moves, each default feed (every category and {@code all}, every format) is
 * rendered; a feed whose ETag differs from the one last announced is pinged. The announced ETag
 * is kept in PostgreSQL and claimed with a conditional upsert, so of several instances one pings.
 * A feed whose ping failed is pinged again {@link #FIRST_RETRY} later, then twice as long after
 * each failure, up to {@link #MOST_RETRY}: a hub that is down, or refuses one topic for good, is
 * not asked at every check (every few seconds, with a WARN line each time); the other feeds'
 * pings go on meanwhile.
 */
@Singleton
public class WebSubPinger {

  private static final Logger LOG = LoggerFactory.getLogger(WebSubPinger.class);

  static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  static final Duration MOST_RETRY = Duration.ofMinutes(30);

  /** A feed whose last pings failed: how many in a row, and when it may be pinged again. */
  private record Failing(int times, Instant retryAt) {}

  private final WebSubConfig config;
  private final SiteConfig site;
  private final FeedService feeds;
  private final FeedVersion version;
  private final JdbcOperations jdbc;
  private final Clock clock;
  /** By feed URL; this instance's own (another instance may ping the feed meanwhile, and then it is done). */
  private final Map<String, Failing> failing = new ConcurrentHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private volatile long announced = -1;
  private volatile boolean warned;

  WebSubPinger(WebSubConfig config, SiteConfig site, FeedService feeds, FeedVersion version, JdbcOperations jdbc, Clock clock) {
    this.config = config;
    this.site = site;
    this.feeds = feeds;
    this.version = version;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Scheduled(fixedDelay = "${syndic.websub.check:5s}", initialDelay = "2s")
  void check() {
    if (!config.enabled()) {
      return;
    }
    if (site.baseUrl().isBlank()) {
      if (!warned) {
        LOG.warn("syndic.websub.hub is set but syndic.site.base-url is not: the hub needs the public feed URLs, no pings are sent");
        warned = true;
      }
      return;
    }
    long v = version.current();
    if (v == announced) {
      return;
    }
    String base = site.baseUrl().replaceAll("/+$", "");
    List<String> slugs = new ArrayList<>(List.of(FeedService.ALL));
    feeds.categories().stream().map(Category::slug).forEach(slugs::add);
    boolean allSent = true;
    Instant now = clock.instant();
    for (String slug : slugs) {
      for (FeedFormat f : FeedFormat.values()) {
        String url = topic(base, slug, f);
        Failing failed = failing.get(url);
        if (failed != null && now.isBefore(failed.retryAt())) {
          allSent = false;
          continue;
        }
        RenderedFeed feed = feeds.feed(f, slug, FeedController.DEFAULT_LIMIT, base, url, OutputOptions.PUBLIC);
        if (!claim(url, feed.etag()) || ping(url)) {
          failing.remove(url);
          continue;
        }
        release(url);
        allSent = false;
        int times = failed == null ? 1 : failed.times() + 1;
        failing.put(url, new Failing(times, now.plus(retry(times))));
      }
    }
    if (allSent) {
      announced = v;
    }
  }

  /** The wait before a feed whose ping failed {@code times} in a row is pinged again. */
  static Duration retry(int times) {
    Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(times - 1, 20));
    return wait.compareTo(MOST_RETRY) < 0 ? wait : MOST_RETRY;
  }

  /** The address a public feed is announced at: its self link with no query. */
  static String topic(String base, String slug, FeedFormat format) {
    return base + "/feeds/" + slug + "." + format.extension;
  }

  /** True when this instance is the one to announce this ETag of the feed. */
  @Transactional
  boolean claim(String url, String etag) {
    return jdbc.prepareStatement(
        """
        INSERT INTO websub_ping (feed_url, etag) VALUES (?, ?)
        ON CONFLICT (feed_url) DO UPDATE SET etag = EXCLUDED.etag, pinged_at = now() WHERE websub_ping.etag <> EXCLUDED.etag
        """,
        ps -> {
          ps.setString(1, url);
          ps.setString(2, etag);
          return ps.executeUpdate() > 0;
        });
  }

  @Transactional
  void release(String url) {
    jdbc.prepareStatement("UPDATE websub_ping SET etag = '' WHERE feed_url = ?", ps -> {
      ps.setString(1, url);
      return ps.executeUpdate();
    });
  }

  private boolean ping(String url) {
    String form = "hub.mode=publish&hub.url=" + URLEncoder.encode(url, StandardCharsets.UTF_8);
    try {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(config.hub())).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
          HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() / 100 == 2) {
        LOG.info("websub ping hub={} url={} status={}", config.hub(), url, r.statusCode());
        return true;
      }
      LOG.warn("websub ping refused hub={} url={} status={}", config.hub(), url, r.statusCode());
    } catch (java.io.IOException e) {
      LOG.warn("websub ping failed hub={} url={} error={}", config.hub(), url, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }
}
