package dev.syndic.category;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.classify.CategoryRules;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A re-categorizing run decides each batch by the rules and model in force when the batch starts:
 * one that kept those of its start undid, for the entries it had not reached, a training (or
 * change) made meanwhile.
 */
@MicronautTest(transactional = false)
class RecategorizerPolicyTest extends FeedServerTest {

  @Inject
  Recategorizer recategorizer;

  @Inject
  CategoryStore store;

  @Inject
  CategoryCatalog catalog;

  @Test
  void aChangeMadeDuringARunDecidesTheBatchesAfterIt() {
    List<String[]> items = new ArrayList<>();
    for (int i = 0; i < Recategorizer.BATCH + 20; i++) {
      items.add(new String[] {"m-" + i, "苔藓微景观第" + i + "期", "苔藓微景观制作"});
    }
    server.serve("/moss.xml", Fixtures.rss(items.toArray(String[][]::new)));
    long source = api.addSource(server.url("/moss.xml"));
    api.poll(source);
    AtomicInteger batches = new AtomicInteger();

    long done = recategorizer.now("test", () -> {
      if (batches.incrementAndGet() == 2) { // the first batch is decided: the change lands now
        store.save(new Category(null, "moss", "苔藓", "Moss", "", true, 4.0, new CategoryRules(Map.of("苔藓", 5.0), Map.of(), List.of()), null));
        catalog.invalidate();
      }
      return true;
    }, entries -> {});

    assertTrue(done >= Recategorizer.BATCH + 20, "read " + done);
    List<Map<String, Object>> entries = api.entriesOf("/api/v1/entries?limit=500&source=" + source);
    Map<String, Object> oldest = entries.get(entries.size() - 1);
    assertEquals(List.of("moss"), ((List<?>) oldest.get("categories")).stream().map(c -> ((Map<?, ?>) c).get("slug")).toList(),
        () -> "decided by the rules in force at its batch: " + oldest);
  }
}
