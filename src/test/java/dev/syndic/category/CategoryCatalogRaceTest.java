package dev.syndic.category;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.classify.CategoryRules;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A change saved while another thread compiles the rules it read just before (a poll, a
 * re-categorizing run) is what the next categorizing uses: the compilation in flight does not
 * outlive the change's invalidation.
 */
@MicronautTest(transactional = false)
@Property(name = "test.catalog-race", value = "true")
class CategoryCatalogRaceTest {

  /** The real store; the next {@link #all} read, once armed, waits after reading until released. */
  @Singleton
  @Replaces(CategoryStore.class)
  @Requires(property = "test.catalog-race")
  @Transactional
  static class PausingStore extends CategoryStore {

    volatile CountDownLatch read;
    volatile CountDownLatch release;

    PausingStore(JdbcOperations jdbc, ObjectMapper json) {
      super(jdbc, json);
    }

    @Override
    public List<Category> all() {
      List<Category> all = super.all();
      CountDownLatch r = read;
      if (r != null) {
        read = null;
        r.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return all;
    }
  }

  @Inject
  PausingStore store;

  @Inject
  CategoryCatalog catalog;

  @Test
  void aChangeSavedDuringACompilationIsNotLostToIt() throws Exception {
    catalog.invalidate();
    store.release = new CountDownLatch(1);
    CountDownLatch read = new CountDownLatch(1);
    store.read = read;
    CompletableFuture<?> compiling = CompletableFuture.runAsync(catalog::policy);
    assertTrue(read.await(10, TimeUnit.SECONDS));

    store.save(new Category(null, "late", "迟到", "Late", "", true, 4.0, new CategoryRules(Map.of("迟到", 5.0), Map.of(), List.of()), null));
    catalog.invalidate();
    store.release.countDown();
    compiling.get(10, TimeUnit.SECONDS);

    assertTrue(catalog.categories().stream().anyMatch(c -> c.slug().equals("late")), "the new category is in the rules used next");
    assertTrue(catalog.policy().decide("迟到的新闻", "", List.of(), null).stream().anyMatch(d -> d.slug().equals("late")));
  }

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  /** A save stamps its transaction's start: one that commits after a later-started one is older than the newest stamp. */
  @Test
  void aChangeStampedBeforeTheNewestStillChangesTheVersion() {
    store.save(new Category(null, "stamped-early", "早", "Early", "", true, 4.0, new CategoryRules(Map.of("早", 5.0), Map.of(), List.of()), null));
    store.save(new Category(null, "stamped-late", "晚", "Late", "", true, 4.0, new CategoryRules(Map.of("晚", 5.0), Map.of(), List.of()), null));
    String before = store.version();

    tx.executeWrite(status -> jdbc.prepareStatement(
        "UPDATE category SET threshold = 6, updated_at = (SELECT min(updated_at) FROM category) - interval '1 minute' WHERE slug = 'stamped-early'",
        ps -> ps.executeUpdate()));

    assertNotEquals(before, store.version());
  }
}
