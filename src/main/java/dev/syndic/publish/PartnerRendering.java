package dev.syndic.publish;

import dev.syndic.config.SiteConfig;
import dev.syndic.entry.EntryRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import jakarta.inject.Singleton;

/** What the partner API needs from publishing: private feeds and entries rendered for a partner. */
@Singleton
public final class PartnerRendering {

  private final FeedService feeds;
  private final ItemComposer composer;
  private final SiteConfig site;
  private final Clock clock;

  PartnerRendering(FeedService feeds, ItemComposer composer, SiteConfig site, Clock clock) {
    this.feeds = feeds;
    this.composer = composer;
    this.site = site;
    this.clock = clock;
  }

  /**
   * A private feed {@code /partner/v1/feeds/{file}}, rendered with the partner's options. Checked
   * in the order the partner API checks {@code /entries}: the category (404), the grant (403),
   * then the parameters (400), so a category outside the grant is 403 whatever else the request
   * says.
   *
   * @param settingsChanged when the partner's settings last changed: the feed is modified since then
   * @param authorize given the category slug, empty to allow, or the refusal to send
   * @param refuse the answer to a request that names no feed (404) or a bad limit (400), given the status and what is wrong
   */
  public MutableHttpResponse<?> feed(HttpRequest<?> request, String file, @Nullable String limit, OutputOptions options, Instant settingsChanged,
      Function<String, Optional<MutableHttpResponse<?>>> authorize, BiFunction<HttpStatus, String, MutableHttpResponse<?>> refuse) {
    FeedController.FeedRequest named = FeedController.FeedRequest.parse(file, null);
    if (named.error() != null) {
      // Not the public feeds' words, which point at /feeds/ and /feeds.opml.
      return refuse.apply(named.status(), "No such feed. Private feeds end in .rss, .atom or .json, e.g. /partner/v1/feeds/ai.rss.");
    }
    if (!feeds.exists(named.slug())) {
      return refuse.apply(HttpStatus.NOT_FOUND, feeds.absence(named.slug()));
    }
    Optional<MutableHttpResponse<?>> refused = authorize.apply(named.slug());
    if (refused.isPresent()) {
      return refused.get();
    }
    FeedController.FeedRequest r = FeedController.FeedRequest.parse(file, limit);
    if (r.error() != null) {
      return refuse.apply(r.status(), r.error());
    }
    String base = PublicUrl.base(site, request);
    // The self link never carries the key: feeds get shared, logged and cached.
    String self = base + "/partner/v1/feeds/" + file + (limit == null ? "" : "?limit=" + r.limit());
    RenderedFeed feed = feeds.feed(r.format(), r.slug(), r.limit(), base, self, options);
    return FeedResponses.send(request, feed.modifiedNoEarlierThan(settingsChanged), "private, max-age=300", clock.instant(), refuse);
  }

  /**
   * One entry as the partner API answers it: ids, dates, attribution, files, composed HTML.
   *
   * @param category the category it is shown under (its disclaimer and related block)
   */
  public PartnerEntry entry(EntryRow e, String category, OutputOptions options, List<EntryRow> pool) {
    Item i = Item.of(e, composer.html(e, category, options, pool), site.name());
    return new PartnerEntry(i.id(), i.title(), i.link(), XmlOut.rfc3339(i.published()), XmlOut.rfc3339(i.updated()), i.author(), i.language(),
        i.categories(), new PartnerEntry.Origin(i.sourceTitle(), i.sourceFeedUrl(), i.sourceSiteUrl()), i.enclosures(), i.html(),
        options.fullContent(), null);
  }

}
