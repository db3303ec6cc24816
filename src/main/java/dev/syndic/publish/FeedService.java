package dev.syndic.publish;

import dev.syndic.category.Category;
import dev.syndic.category.CategoryCatalog;
import dev.syndic.config.SiteConfig;
import dev.syndic.entry.EntryFilter;
import dev.syndic.entry.EntryQueries;
import dev.syndic.entry.EntryRow;
import dev.syndic.ops.PipelineMetrics;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Category feeds, rendered once per variant and version and kept in memory ({@link
 * VersionedRenderings}): when entries change, on this instance or another, the {@link FeedVersion}
 * moves and the next request renders afresh while concurrent ones get the previous rendering until
 * the new one is there. Old variants age out by size and idle time.
 */
@Singleton
public class FeedService {

  public static final String ALL = "all";

  private record Key(FeedFormat format, String slug, int limit, String selfUrl, String baseUrl, OutputOptions options) {}

  private final EntryQueries entries;
  private final CategoryCatalog catalog;
  private final FeedRenderer renderer;
  private final FeedVersion version;
  private final SiteConfig site;
  private final PublishConfig config;
  private final WebSubConfig websub;
  private final VersionedRenderings<Key, RenderedFeed> cache;
  private final PipelineMetrics metrics;
  /** A rendering here may differ from one made before this instance started (code, settings). */
  private final Instant started;

  FeedService(EntryQueries entries, CategoryCatalog catalog, FeedRenderer renderer, FeedVersion version, SiteConfig site,
      PublishConfig config, WebSubConfig websub, PipelineMetrics metrics, Clock clock) {
    this.entries = entries;
    this.catalog = catalog;
    this.renderer = renderer;
    this.version = version;
    this.site = site;
    this.config = config;
    this.websub = websub;
    this.metrics = metrics;
    this.cache = new VersionedRenderings<>(config.cacheSize(), config.cacheBytes(), RenderedFeed::bytes);
    this.started = clock.instant();
  }

  /** The enabled category of a slug; empty for {@code all} and for unknown or disabled slugs. */
  public Optional<Category> category(String slug) {
    return catalog.categories().stream().filter(c -> c.enabled() && c.slug().equals(slug)).findFirst();
  }

  public List<Category> categories() {
    return catalog.categories().stream().filter(Category::enabled).toList();
  }

  /** True for {@code all} and every enabled category. */
  public boolean exists(String slug) {
    return slug.equals(ALL) || category(slug).isPresent();
  }

  /**
   * Why a feed that does not {@link #exists} is not served, in words for its reader: a category an
   * admin disabled is told apart from one there never was (or no longer is), so a subscriber of
   * the first knows the feed may come back.
   */
  public String absence(String slug) {
    return disabled(slug) ? "Category '" + slug + "' is disabled; its feed is back when an admin enables it." : "No category '" + slug + "'.";
  }

  /** True for a category an admin disabled (it may come back), false for one there is not. */
  public boolean disabled(String slug) {
    return catalog.categories().stream().anyMatch(c -> !c.enabled() && c.slug().equals(slug));
  }

  /**
   * A feed variant, from the cache when its version is current.
   *
   * @param baseUrl this service's public URL, no trailing slash
   * @param selfUrl the URL the feed is served at, query included
   */
  RenderedFeed feed(FeedFormat format, String slug, int limit, String baseUrl, String selfUrl, OutputOptions options) {
    Key key = new Key(format, slug, limit, selfUrl, baseUrl, options);
    metrics.feedRequest(format.name().toLowerCase(java.util.Locale.ROOT));
    boolean[] rendered = {false};
    FeedVersion.Stamp at = version.stamp();
    RenderedFeed feed = cache.get(key, at.number(), (k, previous) -> {
      rendered[0] = true;
      return render(k, at, previous);
    });
    metrics.feedCache(!rendered[0]);
    return feed;
  }

  /**
   * Whether this variant is a topic {@link WebSubPinger} announces, the only feeds that may name
   * the hub: a reader subscribed through the hub stops polling, so a hub named by a feed that is
   * never pinged (no public URL configured, a {@code ?limit=} variant, a partner's private feed the
   * hub cannot read) left it without updates for good.
   */
  private boolean pinged(Key k) {
    return websub.enabled() && !site.baseUrl().isBlank() && k.selfUrl().equals(WebSubPinger.topic(k.baseUrl(), k.slug(), k.format()));
  }

  private RenderedFeed render(Key k, FeedVersion.Stamp at, RenderedFeed previous) {
    String category = k.slug().equals(ALL) ? null : k.slug();
    // The place to show each dedupe cluster once: a filter on the entry query, when clusters exist.
    List<EntryRow> rows = entries.list(new EntryFilter(null, category, null, k.limit(), false, true).withPinnedFirst());
    Optional<Category> c = category == null ? Optional.empty() : category(category);
    String title = c.map(x -> site.name() + " · " + x.nameZh() + " / " + x.nameEn()).orElse(site.name() + " · 全部 / All");
    String description = c.map(x -> x.description().isBlank() ? x.nameZh() + " / " + x.nameEn() : x.description())
        .orElse(site.name() + ": every category / 全部分类");
    // A feed with no entry yet is dated by its category's last change (readers showed 1970), and
    // not by the feeds' version: every change anywhere would change every empty feed, which the hub
    // was then told about and readers fetched again.
    Instant updated = rows.stream().map(EntryRow::updatedAt).max(Instant::compareTo)
        .orElseGet(() -> c.map(Category::updatedAt).filter(java.util.Objects::nonNull).orElse(started));
    Channel channel = new Channel(k.baseUrl() + "/feeds/" + k.slug(), title, description, k.selfUrl(), k.baseUrl() + "/",
        pinged(k) ? websub.hub() : null, site.language(), site.name(), config.ttl().toMinutes(), updated);
    Instant changed = Collections.max(List.of(updated, at.changedAt(), started));
    return RenderedFeed.of(renderer.render(channel, category, rows, k.format(), k.options()), k.format(), changed, previous);
  }
}
