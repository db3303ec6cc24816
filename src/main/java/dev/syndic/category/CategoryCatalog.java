package dev.syndic.category;

import dev.syndic.classify.CategoryPolicy;
import dev.syndic.classify.ModelSet;
import dev.syndic.classify.RuleClassifier;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The enabled categories compiled into a classifier, together with the newest trained model,
 * rebuilt when the stored categories or the model change (checked at most every few seconds, so
 * changes made through another instance arrive too).
 */
@Singleton
public class CategoryCatalog {

  private static final Duration RECHECK = Duration.ofSeconds(5);

  /** What was compiled, when it was last checked, and the {@link #invalidations} count read before reading it. */
  private record Compiled(
      String version, List<Category> categories, RuleClassifier classifier, ModelSet models, CategoryPolicy policy, Instant checkedAt,
      long generation) {}

  private final CategoryStore store;
  private final ModelStore models;
  private final Clock clock;
  private volatile Compiled compiled;
  /**
   * Counts {@link #invalidate} calls. A compilation in flight when a change is saved read the
   * rules before it: it records the count it began at, so it cannot stand for the rules after the
   * change (clearing {@link #compiled} alone was undone by that compilation finishing, and the
   * instance went on with the old rules until the next check; a re-categorizing run begun then
   * applied the old rules to every stored entry and counted the change as done).
   */
  private final AtomicLong invalidations = new AtomicLong();
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

  /** Checked within {@link #RECHECK}; a clock stepped back since makes a check due, not one an hour away. */
  private static boolean fresh(Instant checkedAt, Instant now) {
    return !now.isBefore(checkedAt) && checkedAt.plus(RECHECK).isAfter(now);
  }

  /** Forgets the compiled rules; the next use reloads them. */
  public void invalidate() {
    invalidations.incrementAndGet();
  }

  private Compiled current() {
    Compiled c = compiled;
    boolean valid = c != null && c.generation() == invalidations.get();
    if (valid && fresh(c.checkedAt(), clock.instant())) {
      return c;
    }
    // One thread checks for changes; the others go on with the rules they have meanwhile.
    if (valid && !refreshing.tryLock()) {
      return c;
    }
    if (!valid) {
      refreshing.lock();
    }
    try {
      long generation = invalidations.get();
      Instant now = clock.instant();
      Compiled old = compiled;
      if (old != null && old.generation() == generation && fresh(old.checkedAt(), now)) {
        return old;
      }
      String version = store.version() + "/model:" + models.latestId();
      // The version spares recompiling on a periodic check; after an invalidation the rules are
      // read again whatever it says.
      if (old != null && old.generation() == generation && old.version().equals(version)) {
        compiled = new Compiled(version, old.categories(), old.classifier(), old.models(), old.policy(), now, generation);
      } else {
        List<Category> all = store.all();
        List<Category> enabled = all.stream().filter(Category::enabled).toList();
        RuleClassifier rules = new RuleClassifier(enabled.stream().map(Category::definition).toList());
        // A model stored by an earlier version (another format) is not used until the admin retrains.
        ModelSet model = models.latest().map(ModelStore.Stored::models).filter(ModelSet::usable).orElse(ModelSet.empty());
        compiled = new Compiled(version, all, rules, model, new CategoryPolicy(rules, model), now, generation);
      }
      return compiled;
    } finally {
      refreshing.unlock();
    }
  }
}
