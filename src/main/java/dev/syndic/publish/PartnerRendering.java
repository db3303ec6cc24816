package dev.syndic.publish;

import dev.syndic.config.SiteConfig;
import dev.syndic.entry.EntryRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
   * A private feed {@code /partner/v1/feeds/{file}}, rendered with the partner's options.
   *
   * @param authorize given the category slug, empty to allow, or the refusal to send
   */
  public MutableHttpResponse<?> feed(HttpRequest<?> request, String file, @Nullable String limit, OutputOptions options,
      Function<String, Optional<MutableHttpResponse<?>>> authorize) {
    FeedController.FeedRequest r = FeedController.FeedRequest.parse(file, limit);
    if (r.error() != null) {
      return FeedResponses.plain(r.status(), r.error());
    }
    if (!feeds.exists(r.slug())) {
      return FeedResponses.plain(HttpStatus.NOT_FOUND, "No category '" + r.slug() + "'.");
    }
    Optional<MutableHttpResponse<?>> refused = authorize.apply(r.slug());
    if (refused.isPresent()) {
      return refused.get();
    }
    String base = PublicUrl.base(site, request);
    // The self link never carries the key: feeds get shared, logged and cached.
    String self = base + "/partner/v1/feeds/" + file + (limit == null ? "" : "?limit=" + r.limit());
    RenderedFeed feed = feeds.feed(r.format(), r.slug(), r.limit(), base, self, options);
    return FeedResponses.send(request, feed, "private, max-age=300", clock.instant());
  }

  /**
   * One entry as the partner API answers it: ids, dates, attribution, files, composed HTML.
   *
   * @param category the category it is shown under (its disclaimer and related block)
   */
  public Map<String, Object> entry(EntryRow e, String category, OutputOptions options, List<EntryRow> pool) {
    Item i = Item.of(e, composer.html(e, category, options, pool), site.name());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", i.id());
    out.put("title", i.title());
    out.put("link", i.link());
    out.put("published", XmlOut.rfc3339(i.published()));
    out.put("updated", XmlOut.rfc3339(i.updated()));
    out.put("author", i.author());
    out.put("language", i.language());
    out.put("categories", i.categories());
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("title", i.sourceTitle());
    source.put("feedUrl", i.sourceFeedUrl());
    source.put("siteUrl", i.sourceSiteUrl());
    out.put("source", source);
    out.put("enclosures", i.enclosures());
    out.put("contentHtml", i.html());
    out.put("fullContent", options.fullContent());
    return out;
  }
}
