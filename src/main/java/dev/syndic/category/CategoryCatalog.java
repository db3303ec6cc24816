package dev.syndic.category;

import dev.syndic.classify.CategoryPolicy;
import dev.syndic.classify.ModelSet;
import dev.syndic.classify.RuleClassifier;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The enabled categories compiled into a classifier, together with the newest trained model,
 * rebuilt when the stored categories or the model change (checked at most every few seconds, so
 * changes made through another instance arrive too).
 */
@Singleton
public class CategoryCatalog {

  private static final Duration RECHECK = Duration.ofSeconds(5);

  private record Compiled(
      String version, List<Category> categories, RuleClassifier classifier, ModelSet models, CategoryPolicy policy, Instant checkedAt) {}

  private final CategoryStore store;
  private final ModelStore models;
  private final Clock clock;
  private volatile Compiled compiled;
  private final ReentrantLock refreshing = new ReentrantLock();

  CategoryCatalog(CategoryStore store, ModelStore models, Clock clock) {
    this.store = store;
    this.models = models;
    this.clock = clock;
  }

  /** Rules and model combined into one decision ({@link CategoryPolicy}). */
  public CategoryPolicy policy() {
    return current().policy();
  }

  /** The trained models in use (empty before the first training). */
  public ModelSet models() {
    return current().models();
  }

  public RuleClassifier classifier() {
    return current().classifier();
  }

  public List<Category> categories() {
    return current().categories();
  }

  /** Forgets the compiled rules; the next use reloads them. */
  public void invalidate() {
    compiled = null;
  }

  private Compiled current() {
    Compiled c = compiled;
    if (c != null && c.checkedAt().plus(RECHECK).isAfter(clock.instant())) {
      return c;
    }
    // One thread checks for changes; the others go on with the rules they have meanwhile.
    if (c != null && !refreshing.tryLock()) {
      return c;
    }
    if (c == null) {
      refreshing.lock();
    }
    try {
      Instant now = clock.instant();
      Compiled old = compiled;
      if (old != null && old.checkedAt().plus(RECHECK).isAfter(now)) {
        return old;
      }
      String version = store.version() + "/model:" + models.latestId();
      if (old != null && old.version().equals(version)) {
        compiled = new Compiled(version, old.categories(), old.classifier(), old.models(), old.policy(), now);
      } else {
        List<Category> all = store.all();
        List<Category> enabled = all.stream().filter(Category::enabled).toList();
        RuleClassifier rules = new RuleClassifier(enabled.stream().map(Category::definition).toList());
        // A model stored by an earlier version (another format) is not used until the admin retrains.
        ModelSet model = models.latest().map(ModelStore.Stored::models).filter(ModelSet::usable).orElse(ModelSet.empty());
        compiled = new Compiled(version, all, rules, model, new CategoryPolicy(rules, model), now);
      }
      return compiled;
    } finally {
      refreshing.unlock();
    }
  }
}
