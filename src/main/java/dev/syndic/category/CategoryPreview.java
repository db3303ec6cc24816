package dev.syndic.category;

import dev.syndic.classify.CategoryPolicy;
import dev.syndic.classify.RuleClassifier;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dry run: which recent entries a changed category would gain and lose, deciding each entry
 * with the current and with the proposed rules (the trained model and the other categories as
 * they are), as re-categorizing after saving them would: entries an admin decided for the
 * category (a correction, an example) count as they are and are never listed. Nothing is stored.
 */
@Singleton
public class CategoryPreview {

  static final int LISTED = 100;

  /** An entry the change would add or remove, and why. */
  @Serdeable
  public record Change(long id, String title, String origin, double score, List<String> evidence) {}

  /** The result: counts over the {@code checked} newest entries, and up to 100 entries each. */
  @Serdeable
  public record Result(String slug, int checked, int before, int after, int addedCount, int removedCount, List<Change> added,
                       List<Change> removed) {}

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
    List<Change> added = new ArrayList<>();
    List<Change> removed = new ArrayList<>();
    int before = 0;
    int after = 0;
    int checked = 0;
    EntryTexts.Position position = null;
    while (checked < limit) {
      List<EntryText> batch = texts.recent(position, Math.min(Recategorizer.BATCH, limit - checked));
      if (batch.isEmpty()) {
        break;
      }
      Map<Long, Boolean> decided = texts.decidedFor(batch.stream().map(EntryText::id).toList(), proposed.slug());
      for (EntryText e : batch) {
        Boolean admin = decided.get(e.id());
        if (admin != null) {
          // An admin's decision: saving the rules changes nothing here, so neither does the preview.
          before += admin ? 1 : 0;
          after += admin ? 1 : 0;
          continue;
        }
        Optional<CategoryPolicy.Decided> was = find(current, e, proposed.slug());
        Optional<CategoryPolicy.Decided> will = find(next, e, proposed.slug());
        before += was.isPresent() ? 1 : 0;
        after += will.isPresent() ? 1 : 0;
        if (will.isPresent() && was.isEmpty()) {
          added.add(change(e, will.get()));
        } else if (was.isPresent() && will.isEmpty()) {
          removed.add(change(e, was.get()));
        }
      }
      checked += batch.size();
      position = EntryTexts.Position.after(batch.get(batch.size() - 1));
    }
    return new Result(proposed.slug(), checked, before, after, added.size(), removed.size(), added.stream().limit(LISTED).toList(),
        removed.stream().limit(LISTED).toList());
  }

  private static Optional<CategoryPolicy.Decided> find(CategoryPolicy policy, EntryText e, String slug) {
    return policy.decide(e.title(), e.text(), e.tags(), e.sourceDefault()).stream().filter(d -> d.slug().equals(slug)).findFirst();
  }

  private static Change change(EntryText e, CategoryPolicy.Decided d) {
    return new Change(e.id(), e.title(), d.origin(), d.score(), d.evidence());
  }
}
