package dev.syndic.catalogue;

import dev.syndic.category.Category;
import dev.syndic.category.CategoryStore;
import dev.syndic.source.Source;
import dev.syndic.source.SourceRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
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
 * The outline's site ({@code htmlUrl}) is kept until a poll gives the feed's own.
 */
@Singleton
public class OpmlImport {

  /** What an import did. */
  @Serdeable
  public record Result(int imported, int skipped, List<Long> sourceIds, List<String> unknownCategories) {}

  private final SourceRepository sources;
  private final CategoryStore categories;
  private final Clock clock;

  OpmlImport(SourceRepository sources, CategoryStore categories, Clock clock) {
    this.sources = sources;
    this.categories = categories;
    this.clock = clock;
  }

  @Transactional
  public Result importAll(List<OpmlOutline> outlines) {
    List<Category> known = categories.all();
    List<Long> ids = new ArrayList<>();
    Set<String> unknown = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    int skipped = 0;
    for (OpmlOutline o : outlines) {
      if (!seen.add(o.xmlUrl()) || sources.findByUrl(o.xmlUrl()).isPresent()) {
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
      long id = sources.save(withState(Source.create(o.xmlUrl(), o.title(), slug, clock.instant()).withSiteUrl(o.siteUrl()), o)).id();
      if (o.idUrl() != null && !o.idUrl().equals(o.xmlUrl())) {
        sources.keepIdAddress(id, o.idUrl());
      }
      ids.add(id);
    }
    return new Result(ids.size(), skipped, ids, List.copyOf(unknown));
  }

  /** The source as the outline says it was: disabled, paused (a Syndic export keeps both). */
  private static Source withState(Source s, OpmlOutline o) {
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
