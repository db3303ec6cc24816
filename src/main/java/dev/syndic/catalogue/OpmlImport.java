package dev.syndic.catalogue;

import dev.syndic.category.Category;
import dev.syndic.category.CategoryStore;
import dev.syndic.source.Source;
import dev.syndic.source.SourceInserts;
import dev.syndic.source.SourceRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Imports subscriptions read from OPML (checked by the caller) in one transaction: all of them or,
 * on any failure, none. A URL already subscribed is skipped. An outline's folder (or category
 * attribute) becomes its source's category when it names one by slug, Chinese or English name,
 * case-insensitively; other folder names are reported, not invented as categories. A source a
 * Syndic export marks disabled or paused comes back so, and one that had moved makes its item ids
 * from the address the export names ({@code syndic:idUrl}); one without a title takes its feed's.
 * The outline's site ({@code htmlUrl}) is kept until a poll gives the feed's own, and an admin's
 * poll interval ({@code syndic:pollIntervalSeconds}) stays.
 */
@Singleton
public class OpmlImport {

  /** What an import did. */
  @Serdeable
  public record Result(int imported, int skipped, List<Long> sourceIds, List<String> unknownCategories) {}

  private final SourceRepository sources;
  private final CategoryStore categories;
  private final SourceInserts inserts;
  private final Clock clock;

  OpmlImport(SourceRepository sources, SourceInserts inserts, CategoryStore categories, Clock clock) {
    this.sources = sources;
    this.inserts = inserts;
    this.categories = categories;
    this.clock = clock;
  }

  /**
   * Outlines looked up and stored together, two statements per thousand: an export of 100,000
   * sources took some 36 s restored one outline at a time (a lookup and an insert each).
   */
  static final int CHUNK = 1_000;

  @Transactional
  public Result importAll(List<OpmlOutline> outlines) {
    List<Category> known = categories.all();
    List<Long> ids = new ArrayList<>();
    Set<String> unknown = new LinkedHashSet<>();
    Set<String> seen = new HashSet<>();
    int skipped = 0;
    for (int from = 0; from < outlines.size(); from += CHUNK) {
      List<OpmlOutline> chunk = outlines.subList(from, Math.min(outlines.size(), from + CHUNK));
      Set<String> subscribed = new HashSet<>(sources.subscribed(chunk.stream().map(OpmlOutline::xmlUrl).toList()));
      List<SourceInserts.Row> fresh = new ArrayList<>();
      for (OpmlOutline o : chunk) {
        if (!seen.add(o.xmlUrl()) || subscribed.contains(o.xmlUrl())) {
          skipped++;
          continue;
        }
        String slug = null;
        if (o.category() != null) {
          Optional<Category> c = match(known, o.category());
          if (c.isPresent()) {
            slug = c.get().slug();
          } else {
            unknown.add(o.category());
          }
        }
        String idUrl = o.idUrl() != null && !o.idUrl().equals(o.xmlUrl()) ? o.idUrl() : null;
        fresh.add(new SourceInserts.Row(withState(Source.create(o.xmlUrl(), o.title(), slug, clock.instant()).withSiteUrl(o.siteUrl()), o), idUrl));
      }
      ids.addAll(inserts.insert(fresh));
    }
    return new Result(ids.size(), skipped, ids, List.copyOf(unknown));
  }

  /** The source as the outline says it was: disabled, paused, polled at an admin's interval (a Syndic export keeps all three). */
  private static Source withState(Source s, OpmlOutline o) {
    if (o.pollIntervalSeconds() != null) {
      s = s.withSettings(s.url(), s.title(), s.defaultCategory(), s.enabled(), s.status(), s.statusReason(), o.pollIntervalSeconds(),
          s.nextPollAt(), s.updatedAt());
    }
    if (o.enabled() && !o.paused()) {
      return s;
    }
    String status = o.paused() ? Source.PAUSED : s.status();
    String reason = o.paused() ? "paused when exported; resume it with {\"status\": \"active\"}" : s.statusReason();
    return s.withState(o.enabled(), status, reason);
  }

  private static Optional<Category> match(List<Category> known, @Nullable String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    return known.stream()
        .filter(c -> c.slug().equals(n) || c.nameZh().strip().equalsIgnoreCase(n) || c.nameEn().strip().toLowerCase(Locale.ROOT).equals(n))
        .findFirst();
  }
}
