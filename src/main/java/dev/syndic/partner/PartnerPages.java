package dev.syndic.partner;

import dev.syndic.entry.ArrivalQueries;
import dev.syndic.entry.EntryFilter;
import dev.syndic.entry.EntryQueries;
import dev.syndic.entry.EntryRow;
import dev.syndic.publish.FeedVersion;
import dev.syndic.publish.OutputOptions;
import dev.syndic.publish.PartnerEntry;
import dev.syndic.publish.PartnerRendering;
import dev.syndic.publish.PublishConfig;
import dev.syndic.publish.VersionedRenderings;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pages of {@code GET /partner/v1/entries} ({@link PartnerShapes}): entries newest first, or in arrival order ({@link
 * #arrivals}), in the partner's grant, rendered with its options. A newest-first page is kept in
 * memory with the {@link FeedVersion} it was made at, like the category feeds ({@link
 * VersionedRenderings}): partners ask for the same newest pages again and again, and what a page
 * shows changes only when the version moves (entries, categories, disclaimers, related settings).
 * Rendering a page costs queries and the disclaimer and summary of every item; serving it again
 * costs neither. Kept pages are bounded by their text as well ({@code syndic.publish.cache-bytes}):
 * a partner paging through the archive 500 long entries at a time filled the 256 pages kept with
 * gigabytes.
 */
@Singleton
final class PartnerPages {

  /** Rows read per query when entries of categories outside the grant are skipped. */
  private static final int SCAN = 500;
  private static final int MAX_SCANS = 10;
  private static final int RELATED_POOL = 30;

  /** Positions of the arrival order one page reads at most (rows outside the grant are skipped among them). */
  static final int ARRIVAL_SCAN = 5_000;

  private record Key(String slug, EntryFilter.Position after, Instant since, int limit, OutputOptions options, List<String> grants) {}

  private final EntryQueries entries;
  private final ArrivalQueries arrivals;
  private final PartnerRendering rendering;
  private final FeedVersion version;
  private final VersionedRenderings<Key, PartnerShapes.Entries> cache;

  PartnerPages(EntryQueries entries, ArrivalQueries arrivals, PartnerRendering rendering, FeedVersion version, PublishConfig config) {
    this.entries = entries;
    this.arrivals = arrivals;
    this.rendering = rendering;
    this.version = version;
    this.cache = new VersionedRenderings<>(256, config.cacheBytes(), PartnerPages::heldBytes);
  }

  /** About the heap a page holds: its items' texts at two bytes a character, and a little for the rest. */
  static int heldBytes(PartnerShapes.Entries page) {
    long chars = 0;
    for (PartnerEntry e : page.items()) {
      chars += e.contentHtml().length() + e.title().length() + 256;
    }
    return (int) Math.min(Integer.MAX_VALUE, 2 * chars);
  }

  /**
   * A page for the partner.
   *
   * @param slug a category, or null for every granted one
   * @param after the position the page starts after (a cursor), or null for the newest
   * @param since entries older than this end the list, or null
   */
  PartnerShapes.Entries page(Partner p, String slug, EntryFilter.Position after, Instant since, int limit, OutputOptions options) {
    Key key = new Key(slug, after, since, limit, options, List.copyOf(p.categories()));
    return cache.get(key, version.current(), k -> build(p, k));
  }

  private PartnerShapes.Entries build(Partner p, Key k) {
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
    List<EntryRow> pool = relatedPool(p, slug, page);
    List<PartnerEntry> items = new ArrayList<>();
    for (EntryRow e : page) {
      // Shown under a granted category, whose disclaimer and related entries it then carries.
      items.add(rendering.entry(e, slug != null ? slug : granted(p, e), k.options(), pool));
    }
    return new PartnerShapes.Entries(List.copyOf(items), next);
  }

  /**
   * How far retention has deleted the removals partners read (they are kept {@code
   * syndic.retention.departure-max-age}): the highest position of one deleted, 0 before the first.
   */
  long removalsDeletedThrough() {
    return arrivals.departuresDeletedThrough();
  }

  /**
   * A page in arrival order: the partner's visible entries after position {@code after}, oldest
   * first; empty when {@code after} is past every position ever given (no page ended there: a
   * token from another database, or from before a restore of an older backup). Not kept in
   * memory as the newest-first pages are: those follow the feed version, which numbering does not
   * move, and a page asked again mostly asks for what arrived since.
   *
   * @param slug a category, or null for every granted one
   * @param from the position to read after, or null for the first entry
   */
  Optional<PartnerShapes.Arrivals> arrivals(Partner p, String slug, PartnerCursor.Arrival from, int limit, OutputOptions options) {
    long after = from == null ? 0 : from.position();
    ArrivalQueries.Window window = arrivals.window(after, ARRIVAL_SCAN);
    if (after > window.newest()) {
      return Optional.empty();
    }
    // The positions given name where the order stood when this reader began (PartnerCursor.Arrival).
    long began = from == null ? window.newest() : from.began();
    List<String> within = slug != null ? List.of(slug) : p.categories().contains(Partner.ALL) ? null : p.categories();
    List<ArrivalQueries.Arrived> rows = arrivals.arrived(after, window.end(), slug, within, limit + 1);
    // A page with more items than its limit ends at or before its limit-th item: departures past
    // that are not read (the first page of a partner starting out mostly).
    long departuresTo = rows.size() > limit ? rows.get(limit - 1).arrival() : window.end();
    List<ArrivalQueries.Departed> gone = window.firstDeparture() <= departuresTo
        ? arrivals.departed(after, departuresTo, slug, within, slug == null ? p.id() : null, limit + 1) : List.of();
    // Items and departures share the page's limit, taken in position order.
    long next = window.end();
    boolean cut = rows.size() + gone.size() > limit;
    if (cut) {
      next = limitPosition(rows, gone, limit);
      long last = next;
      rows = rows.stream().filter(a -> a.arrival() <= last).toList();
      gone = gone.stream().filter(d -> d.arrival() <= last).toList();
    }
    List<EntryRow> page = rows.stream().map(ArrivalQueries.Arrived::entry).toList();
    List<EntryRow> pool = relatedPool(p, slug, page);
    List<PartnerEntry> items = new ArrayList<>();
    for (ArrivalQueries.Arrived a : rows) {
      items.add(rendering.entry(a.entry(), slug != null ? slug : granted(p, a.entry()), options, pool).at(PartnerCursor.writeArrival(a.arrival(), began)));
    }
    List<PartnerShapes.Removed> removed = gone.stream()
        .map(d -> new PartnerShapes.Removed(d.itemId(), PartnerCursor.writeArrival(d.arrival(), began))).toList();
    return Optional.of(new PartnerShapes.Arrivals(List.copyOf(items), removed, PartnerCursor.writeArrival(next, began), cut || window.full()));
  }

  /**
   * The position of the {@code limit}-th of the items and departures together, in position order:
   * a full page continues after it (a short one read its whole stretch, and ends there).
   */
  static long limitPosition(List<ArrivalQueries.Arrived> rows, List<ArrivalQueries.Departed> gone, int limit) {
    int i = 0;
    int j = 0;
    long at = 0;
    for (int taken = 0; taken < limit; taken++) {
      boolean item = j >= gone.size() || (i < rows.size() && rows.get(i).arrival() < gone.get(j).arrival());
      at = item ? rows.get(i++).arrival() : gone.get(j++).arrival();
    }
    return at;
  }

  /**
   * Entries a page's related-reading blocks may list: the newest entries, not only the page, and
   * like the items from the grant alone (an entry of another category never reaches the partner
   * that way), each once: the page's entries are mostly among the newest, and a block that ran
   * out of other newest entries (a category with fewer than its size) listed them a second time.
   * Just the page when the partner takes no related block.
   */
  private List<EntryRow> relatedPool(Partner p, String slug, List<EntryRow> page) {
    if (!p.related() || page.isEmpty()) {
      return page;
    }
    Map<Long, EntryRow> pool = new LinkedHashMap<>();
    for (EntryRow e : entries.list(new EntryFilter(null, slug, null, RELATED_POOL, false, true))) {
      if (granted(p, e) != null) {
        pool.putIfAbsent(e.id(), e);
      }
    }
    page.forEach(e -> pool.putIfAbsent(e.id(), e));
    return List.copyOf(pool.values());
  }

  /** The entry's first category in the partner's grant, or null. */
  private static String granted(Partner p, EntryRow e) {
    return e.categories().stream().map(c -> c.slug()).filter(p::grants).findFirst().orElse(null);
  }
}
