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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the configured WebSub hub when a public feed changed ({@code hub.mode=publish}). After
 * the feed version moves, each default feed (every category and {@code all}, every format) is
 * rendered; a feed whose ETag differs from the one last announced is pinged. The announced ETag
 * is kept in PostgreSQL and claimed with a conditional upsert, so of several instances one pings.
 * A failed ping is retried at the next check.
 */
@Singleton
public class WebSubPinger {

  private static final Logger LOG = LoggerFactory.getLogger(WebSubPinger.class);

  private final WebSubConfig config;
  private final SiteConfig site;
  private final FeedService feeds;
  private final FeedVersion version;
  private final JdbcOperations jdbc;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private volatile long announced = -1;
  private volatile boolean warned;

  WebSubPinger(WebSubConfig config, SiteConfig site, FeedService feeds, FeedVersion version, JdbcOperations jdbc) {
    this.config = config;
    this.site = site;
    this.feeds = feeds;
    this.version = version;
    this.jdbc = jdbc;
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
    for (String slug : slugs) {
      for (FeedFormat f : FeedFormat.values()) {
        String url = topic(base, slug, f);
        RenderedFeed feed = feeds.feed(f, slug, FeedController.DEFAULT_LIMIT, base, url, OutputOptions.PUBLIC);
        if (claim(url, feed.etag()) && !ping(url)) {
          release(url);
          allSent = false;
        }
      }
    }
    if (allSent) {
      announced = v;
    }
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
