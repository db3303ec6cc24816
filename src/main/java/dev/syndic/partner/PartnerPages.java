package dev.syndic.partner;

import dev.syndic.entry.EntryFilter;
import dev.syndic.entry.EntryQueries;
import dev.syndic.entry.EntryRow;
import dev.syndic.publish.FeedVersion;
import dev.syndic.publish.OutputOptions;
import dev.syndic.publish.PartnerRendering;
import dev.syndic.publish.VersionedRenderings;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pages of {@code GET /partner/v1/entries}: entries newest first, in the partner's grant, rendered
 * with its options. A page is kept in memory with the {@link FeedVersion} it was made at, like the
 * category feeds ({@link VersionedRenderings}): partners ask for the same newest pages again and
 * again, and what a page shows changes only when the version moves (entries, categories,
 * disclaimers, related settings). Rendering a page costs queries and the disclaimer and summary of
 * every item; serving it again costs neither.
 */
@Singleton
final class PartnerPages {

  /** Rows read per query when entries of categories outside the grant are skipped. */
  private static final int SCAN = 500;
  private static final int MAX_SCANS = 10;
  private static final int RELATED_POOL = 30;

  /** Items and the cursor of the page after, or null at the end. */
  record Page(List<Map<String, Object>> items, String next) {}

  private record Key(String slug, EntryFilter.Position after, Instant since, int limit, OutputOptions options, List<String> grants) {}

  private final EntryQueries entries;
  private final PartnerRendering rendering;
  private final FeedVersion version;
  private final VersionedRenderings<Key, Page> cache = new VersionedRenderings<>(256);

  PartnerPages(EntryQueries entries, PartnerRendering rendering, FeedVersion version) {
    this.entries = entries;
    this.rendering = rendering;
    this.version = version;
  }

  /**
   * A page for the partner.
   *
   * @param slug a category, or null for every granted one
   * @param after the position the page starts after (a cursor), or null for the newest
   * @param since entries older than this end the list, or null
   */
  Page page(Partner p, String slug, EntryFilter.Position after, Instant since, int limit, OutputOptions options) {
    Key key = new Key(slug, after, since, limit, options, List.copyOf(p.categories()));
    return cache.get(key, version.current(), k -> build(p, k));
  }

  private Page build(Partner p, Key k) {
    String slug = k.slug();
    int n = k.limit();
    List<EntryRow> page = new ArrayList<>();
    EntryFilter.Position last = k.after();
    boolean more = true;
    for (int scans = 0; scans < MAX_SCANS && more && page.size() <= n; scans++) {
      List<EntryRow> rows = entries.list(new EntryFilter(null, slug, last, slug != null ? n + 1 : SCAN, false, true));
      more = rows.size() == (slug != null ? n + 1 : SCAN);
      for (EntryRow e : rows) {
        if (k.since() != null && e.sortAt().isBefore(k.since())) {
          more = false;
          break;
        }
        last = new EntryFilter.Position(e.sortAt(), e.id());
        if (slug != null || granted(p, e) != null) {
          page.add(e);
          if (page.size() > n) {
            break;
          }
        }
      }
    }
    String next = null;
    if (page.size() > n) {
      page = page.subList(0, n);
      EntryRow tail = page.get(n - 1);
      next = PartnerCursor.write(new EntryFilter.Position(tail.sortAt(), tail.id()));
    } else if (more && last != null) {
      // The scan budget ran out among entries outside the grant: continue from where it stopped.
      next = PartnerCursor.write(last);
    }
    // Related reading comes from the newest entries, not only from this page, and like the items
    // from the grant alone: an entry of another category never reaches the partner that way.
    List<EntryRow> pool = new ArrayList<>(page);
    if (p.related() && !page.isEmpty()) {
      pool.addAll(0, entries.list(new EntryFilter(null, slug, null, RELATED_POOL, false, true)).stream()
          .filter(e -> granted(p, e) != null).toList());
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (EntryRow e : page) {
      // Shown under a granted category, whose disclaimer and related entries it then carries.
      items.add(rendering.entry(e, slug != null ? slug : granted(p, e), k.options(), pool));
    }
    return new Page(List.copyOf(items), next);
  }

  /** The entry's first category in the partner's grant, or null. */
  private static String granted(Partner p, EntryRow e) {
    return e.categories().stream().map(c -> c.slug()).filter(p::grants).findFirst().orElse(null);
  }
}
