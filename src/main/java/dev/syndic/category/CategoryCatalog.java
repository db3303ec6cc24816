package dev.syndic.category;

import dev.syndic.classify.RuleClassifier;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The enabled categories compiled into a classifier, rebuilt when the stored categories change
 * (checked at most every few seconds, so changes made through another instance arrive too).
 */
@Singleton
public class CategoryCatalog {

  private static final Duration RECHECK = Duration.ofSeconds(5);

  private record Compiled(String version, List<Category> categories, RuleClassifier classifier, Instant checkedAt) {}

  private final CategoryStore store;
  private final Clock clock;
  private volatile Compiled compiled;

  CategoryCatalog(CategoryStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
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
    Instant now = clock.instant();
    if (c != null && c.checkedAt().plus(RECHECK).isAfter(now)) {
      return c;
    }
    synchronized (this) {
      String version = store.version();
      if (compiled != null && compiled.version().equals(version)) {
        compiled = new Compiled(version, compiled.categories(), compiled.classifier(), now);
      } else {
        List<Category> all = store.all();
        List<Category> enabled = all.stream().filter(Category::enabled).toList();
        compiled = new Compiled(version, all, new RuleClassifier(enabled.stream().map(Category::definition).toList()), now);
      }
      return compiled;
    }
  }
}
