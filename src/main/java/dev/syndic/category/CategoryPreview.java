package dev.syndic.category;

import dev.syndic.classify.CategoryPolicy;
import dev.syndic.classify.RuleClassifier;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A dry run: which recent entries a changed category would gain and lose, deciding each entry
 * with the current and with the proposed rules (the trained model and the other categories as
 * they are), as re-categorizing after saving them would: entries an admin decided for the
 * category (a correction, an example) count as they are and are never listed. Categories compete
 * (a category another matches twice as strongly is not assigned), and the model reads every
 * category's rule score, so the change also moves entries of other categories: those are listed
 * per category under {@code others}, with the same care for an admin's decisions. Nothing is
 * stored.
 */
@Singleton
public class CategoryPreview {

  static final int LISTED = 100;
  /** Entries listed per other category: a sample to judge by, the counts say how many. */
  static final int LISTED_OTHERS = 10;

  /** An entry the change would add or remove, and why. */
  @Serdeable
  public record Change(long id, String title, String origin, double score, List<String> evidence) {}

  /** What the change would do to another category among the same entries: its gains and losses. */
  @Serdeable
  public record OtherChange(String slug, int addedCount, int removedCount, List<Change> added, List<Change> removed) {}

  /**
   * The result: counts over the {@code checked} newest entries, and up to 100 entries each; the
   * other categories the change moves entries of, most moved first.
   */
  @Serdeable
  public record Result(String slug, int checked, int before, int after, int addedCount, int removedCount, List<Change> added,
                       List<Change> removed, List<OtherChange> others) {}

  private final CategoryCatalog catalog;
  private final EntryTexts texts;

  CategoryPreview(CategoryCatalog catalog, EntryTexts texts) {
    this.catalog = catalog;
    this.texts = texts;
  }

  public Result preview(Category proposed, int limit) {
    List<Category> others = catalog.categories().stream().filter(c -> c.enabled() && !c.slug().equals(proposed.slug())).toList();
    List<Category> withProposed = new ArrayList<>(others);
    if (proposed.enabled()) {
      withProposed.add(proposed);
    }
    CategoryPolicy current = catalog.policy();
    CategoryPolicy next = new CategoryPolicy(new RuleClassifier(withProposed.stream().map(Category::definition).toList()), catalog.models());
    Tally tally = new Tally(proposed.slug(), LISTED);
    Map<String, Tally> elsewhere = new TreeMap<>();
    int checked = 0;
    EntryTexts.Position position = null;
    while (checked < limit) {
      List<EntryText> batch = texts.recent(position, Math.min(Recategorizer.BATCH, limit - checked));
      if (batch.isEmpty()) {
        break;
      }
      List<Long> ids = batch.stream().map(EntryText::id).toList();
      Map<Long, Boolean> decided = texts.decidedFor(ids, proposed.slug());
      Map<Long, EntryTexts.AdminDecided> admin = texts.adminDecided(ids);
      for (EntryText e : batch) {
        List<CategoryPolicy.Decided> was = decide(current, e);
        List<CategoryPolicy.Decided> will = decide(next, e);
        Boolean in = decided.get(e.id());
        if (in != null) {
          // An admin's decision: saving the rules changes nothing here, so neither does the preview.
          tally.stays(in);
        } else {
          tally.count(e, find(was, proposed.slug()), find(will, proposed.slug()));
        }
        TreeSet<String> slugs = new TreeSet<>();
        was.forEach(d -> slugs.add(d.slug()));
        will.forEach(d -> slugs.add(d.slug()));
        slugs.remove(proposed.slug());
        EntryTexts.AdminDecided kept = admin.get(e.id());
        for (String slug : slugs) {
          if (kept == null || !kept.covers(slug)) {
            elsewhere.computeIfAbsent(slug, s -> new Tally(s, LISTED_OTHERS)).count(e, find(was, slug), find(will, slug));
          }
        }
      }
      checked += batch.size();
      position = EntryTexts.Position.after(batch.get(batch.size() - 1));
    }
    List<OtherChange> moved = elsewhere.values().stream().filter(t -> t.addedCount + t.removedCount > 0)
        .sorted(Comparator.comparingInt((Tally t) -> t.addedCount + t.removedCount).reversed()).map(Tally::other).toList();
    return new Result(proposed.slug(), checked, tally.before, tally.after, tally.addedCount, tally.removedCount, tally.added,
        tally.removed, moved);
  }

  private static List<CategoryPolicy.Decided> decide(CategoryPolicy policy, EntryText e) {
    return policy.decide(e.title(), e.text(), e.tags(), e.sourceDefault());
  }

  private static Optional<CategoryPolicy.Decided> find(List<CategoryPolicy.Decided> decided, String slug) {
    return decided.stream().filter(d -> d.slug().equals(slug)).findFirst();
  }

  /** One category's entries before and after the change, and the first of those it gains and loses. */
  private static final class Tally {
    final String slug;
    final int listed;
    int before;
    int after;
    int addedCount;
    int removedCount;
    final List<Change> added = new ArrayList<>();
    final List<Change> removed = new ArrayList<>();

    Tally(String slug, int listed) {
      this.slug = slug;
      this.listed = listed;
    }

    void stays(boolean in) {
      before += in ? 1 : 0;
      after += in ? 1 : 0;
    }

    void count(EntryText e, Optional<CategoryPolicy.Decided> was, Optional<CategoryPolicy.Decided> will) {
      before += was.isPresent() ? 1 : 0;
      after += will.isPresent() ? 1 : 0;
      if (will.isPresent() && was.isEmpty()) {
        addedCount++;
        list(added, e, will.get());
      } else if (was.isPresent() && will.isEmpty()) {
        removedCount++;
        list(removed, e, was.get());
      }
    }

    private void list(List<Change> changes, EntryText e, CategoryPolicy.Decided d) {
      if (changes.size() < listed) {
        changes.add(new Change(e.id(), e.title(), d.origin(), d.score(), d.evidence()));
      }
    }

    OtherChange other() {
      return new OtherChange(slug, addedCount, removedCount, added, removed);
    }
  }
}
