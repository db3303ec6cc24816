package dev.syndic.category;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.classify.CategoryRules;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A re-categorizing batch is read, then decided and written in a transaction of its own: what a
 * poll or an admin did to its entries in between is what the write decides by, not the text read
 * before it.
 */
@MicronautTest(transactional = false)
class RecategorizerStaleBatchTest extends FeedServerTest {

  @Inject
  Recategorizer recategorizer;

  @Inject
  EntryTexts texts;

  @Inject
  CategoryStore store;

  @Inject
  CategoryCatalog catalog;

  @Test
  void anEntryChangedAfterItsBatchWasReadIsDecidedByItsNewText() {
    saveCategory("kiln", "窑炉");
    server.serve("/kiln.xml", Fixtures.rss(new String[] {"k-1", "拉坯机选购指南", "<p>选购要点。</p>"}));
    long source = api.addSource(server.url("/kiln.xml"));
    api.poll(source);
    long entry = api.entryId(source, "k-1");
    List<Long> batch = texts.positions(null, Recategorizer.BATCH).stream().map(EntryTexts.Position::id).toList();

    server.serve("/kiln.xml", Fixtures.rss(new String[] {"k-1", "窑炉与拉坯机选购指南", "<p>窑炉选购要点。</p>"}));
    api.poll(source);
    assertEquals(List.of("kiln"), api.categorySlugs(entry), "the poll categorized the changed entry");

    recategorizer.apply(batch, catalog.policy());
    assertEquals(List.of("kiln"), api.categorySlugs(entry), "the batch read before the change does not take the category off again");
  }

  @Test
  void anEntryDeletedAfterItsBatchWasReadLeavesTheOthersDecided() {
    server.serve("/lathe.xml", Fixtures.rss(new String[] {"l-1", "车床保养", "<p>车床。</p>"}, new String[] {"l-2", "车床选购", "<p>车床。</p>"}));
    long source = api.addSource(server.url("/lathe.xml"));
    api.poll(source);
    long kept = api.entryId(source, "l-1");
    long deleted = api.entryId(source, "l-2");
    List<Long> batch = texts.positions(null, Recategorizer.BATCH).stream().map(EntryTexts.Position::id).toList();
    saveCategory("lathe", "车床");
    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/entries/" + deleted)).code());

    recategorizer.apply(batch, catalog.policy());
    assertEquals(List.of("lathe"), api.categorySlugs(kept), "the batch is decided and written without the deleted entry");
  }

  private void saveCategory(String slug, String term) {
    store.save(new Category(null, slug, term, slug, "", true, 4.0, new CategoryRules(Map.of(term, 5.0), Map.of(), List.of()), null));
    catalog.invalidate();
  }
}
