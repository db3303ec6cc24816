package dev.syndic.partner;

import static dev.syndic.partner.SyncWorld.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.entry.ArrivalSequencer;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import dev.syndic.support.RawSql;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A partner that keeps a copy by syncing in arrival order (items by id, removals dropped) ends with
 * exactly what a full read of its grant shows now, whatever happens in between: transactions that
 * take their ids first and commit last (held open on a connection of their own while another
 * commits and the partner syncs), a publisher's update held open the same way, an admin hiding,
 * re-filing, merging or deleting, retention deleting, a source deleted. The full read is the
 * newest-first listing, another query than the arrival order's. The scheduled sequencer is held off
 * (an hour's tick): each step numbers what it means to.
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.arrival.tick", value = "1h")
@Property(name = "syndic.publish.version-check", value = "0s")
class ArrivalSyncInterleavingTest extends FeedServerTest {

  @Inject
  ArrivalSequencer sequencer;

  @Inject
  RawSql raw;

  private final String a = "race-a-" + UUID.randomUUID().toString().substring(0, 8);
  private final String b = "race-b-" + UUID.randomUUID().toString().substring(0, 8);

  private PartnerCopy both;
  private PartnerCopy onlyA;
  private PartnerCopy bothInA;

  @BeforeAll
  void categoriesAndPartners() {
    for (String slug : List.of(a, b)) {
      api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", slug)));
    }
    both = new PartnerCopy(api, partner("both-" + a, List.of(a, b)), "");
    onlyA = new PartnerCopy(api, partner("only-" + a, List.of(a)), "");
    bothInA = new PartnerCopy(api, both.key, "&category=" + a);
  }

  @Test
  void anIncrementalCopyStaysEqualToAFullReadThroughEveryChange() throws Exception {
    long s1 = source("/race-1.xml", a, item("r1-1", "Harbour cranes go electric"), item("r1-2", "Night trains return to the Alps"),
        item("r1-3", "Library lends seeds to gardeners"), item("r1-4", "Bridge inspection finds rust"), item("r1-5", "Cyclists map potholes"));
    step("the first sync");
    assertEquals(5, both.items.size());
    long s1e1 = api.entryId(s1, "r1-1");
    long s1e2 = api.entryId(s1, "r1-2");
    long s1e3 = api.entryId(s1, "r1-3");
    long s1e4 = api.entryId(s1, "r1-4");
    long s1e5 = api.entryId(s1, "r1-5");

    // A transaction takes its id first and commits last; the partner syncs in between.
    try (Connection held = raw.connection(); Connection quick = raw.connection()) {
      held.setAutoCommit(false);
      long late = insert(held, s1, "late", "Glacier retreat measured by drones", a);
      quick.setAutoCommit(false);
      long early = insert(quick, s1, "early", "Ferry timetable changes for summer", a);
      quick.commit();
      assertTrue(late < early, "the held entry has the lower id: paging by id would skip it");
      sequencer.sequenceAll();
      both.sync();
      onlyA.sync();
      assertTrue(both.items.containsValue("Ferry timetable changes for summer"));
      assertFalse(both.items.containsValue("Glacier retreat measured by drones"), "not committed: not listed");
      held.commit();
    }
    step("a late commit");
    assertTrue(both.items.containsValue("Glacier retreat measured by drones"));

    // A publisher's update held open while another entry commits and the partner syncs.
    try (Connection held = raw.connection(); Connection quick = raw.connection()) {
      held.setAutoCommit(false);
      update(held, s1e1, "Harbour cranes go electric, port confirms");
      quick.setAutoCommit(false);
      insert(quick, s1, "between", "Tram depot opens to visitors", a);
      quick.commit();
      sequencer.sequenceAll();
      both.sync();
      assertTrue(both.items.containsValue("Harbour cranes go electric"), "the old words until the update commits");
      held.commit();
    }
    step("an update committed late");
    assertTrue(both.items.containsValue("Harbour cranes go electric, port confirms"));

    api.patchEntry(s1e2, Map.of("hidden", true));
    step("an admin hid an entry");
    assertFalse(both.items.containsValue("Night trains return to the Alps"));

    api.patchEntry(s1e3, Map.of("categories", List.of(b)));
    step("an admin re-filed an entry into the other category");
    assertTrue(both.items.containsValue("Library lends seeds to gardeners"), "still granted to one partner");
    assertFalse(onlyA.items.containsValue("Library lends seeds to gardeners"), "left the other one's grant");
    assertFalse(bothInA.items.containsValue("Library lends seeds to gardeners"), "left the category read");

    // Hiding held open while another entry commits and the partner syncs.
    try (Connection held = raw.connection(); Connection quick = raw.connection()) {
      held.setAutoCommit(false);
      execute(held, "UPDATE entry SET hidden = TRUE WHERE id = ?", s1e4);
      quick.setAutoCommit(false);
      insert(quick, s1, "during-hide", "Wind farm approved offshore", a);
      quick.commit();
      sequencer.sequenceAll();
      both.sync();
      held.commit();
    }
    step("a hide committed late");
    assertFalse(both.items.containsValue("Bridge inspection finds rust"));

    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/entries/" + s1e5)).code());
    step("an admin deleted an entry");

    try (Connection c = raw.connection()) {
      execute(c, "DELETE FROM entry WHERE id = ?", api.entryId(s1, "early"));
    }
    step("retention deleted an entry");

    long s2 = source("/race-2.xml", a, item("r2-1", "Solar roofs for schools"), item("r2-2", "Museum reopens after flood"));
    long s3 = source("/race-3.xml", a, item("r3-1", "Solar roofs for schools, says council"));
    step("two more sources");
    assertEquals(2, both.items.values().stream().filter(t -> t.startsWith("Solar roofs")).count(), "two stories before the merge");
    api.body(HttpRequest.POST("/api/v1/entries/" + api.entryId(s2, "r2-1") + "/merge", Map.of("with", api.entryId(s3, "r3-1"))));
    step("an admin merged two stories");
    assertEquals(1, both.items.values().stream().filter(t -> t.startsWith("Solar roofs")).count(), "one story, listed once");

    // The joining story's entry was seen first, so it stays canonical, now under the other cluster's id.
    long s4 = source("/race-4.xml", a, item("r4-1", "Heat pumps outsell boilers"));
    long s5 = source("/race-5.xml", a, item("r5-1", "Heat pumps outsell gas boilers, says trade body"));
    step("two sources more");
    api.body(HttpRequest.POST("/api/v1/entries/" + api.entryId(s5, "r5-1") + "/merge", Map.of("with", api.entryId(s4, "r4-1"))));
    step("an admin merged a story into one seen later");
    assertEquals(List.of("Heat pumps outsell boilers"), both.items.values().stream().filter(t -> t.startsWith("Heat pumps")).toList());

    api.patchEntry(s1e2, Map.of("hidden", false));
    step("an admin showed the hidden entry again");
    assertTrue(both.items.containsValue("Night trains return to the Alps"));

    api.patchEntry(api.entryId(s2, "r2-2"), Map.of("categories", List.of()));
    step("an admin took an entry out of every category");

    assertEquals(204, api.call(HttpRequest.DELETE("/api/v1/sources/" + s2)).code());
    step("an admin deleted a source");
    assertTrue(both.removals > 0 && onlyA.removals > 0 && bothInA.removals > 0, "removals were listed");
  }

  private void step(String what) {
    both.assertInSync(sequencer, what);
    onlyA.assertInSync(sequencer, what);
    bothInA.assertInSync(sequencer, what);
  }

  // --- helpers

  private long source(String path, String category, String[]... items) {
    server.serve(path, Fixtures.rss(items));
    long id = ((Number) api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", server.url(path), "category", category))).get("id")).longValue();
    assertEquals("ok", api.poll(id).get("outcome"));
    return id;
  }



  private String partner(String name, List<String> categories) {
    return (String) api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", name, "categories", categories, "ratePerMinute", 100_000)))
        .get("key");
  }

  /** What ingest writes for a new entry in its transaction: the row, its category, its place in the queue. */
  private static long insert(Connection c, long source, String key, String title, String category) throws SQLException {
    long id;
    try (PreparedStatement ps = c.prepareStatement(
        """
        INSERT INTO entry (source_id, identity_key, guid, link, title, clean_html, core_text, language, sort_at, first_seen_at, updated_at,
                           content_hash, source_hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'en', now(), now(), now(), ?, ?) RETURNING id
        """)) {
      ps.setLong(1, source);
      ps.setString(2, key);
      ps.setString(3, key);
      ps.setString(4, "https://race.example.com/" + key);
      ps.setString(5, title);
      ps.setString(6, "<p>" + title + "</p>");
      ps.setString(7, title.toLowerCase());
      ps.setString(8, "hash-" + key);
      ps.setString(9, "source-hash-" + key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
    }
    execute(c, "INSERT INTO entry_category (entry_id, category_id, origin, score) SELECT ?, id, 'source', 1 FROM category WHERE slug = '"
        + category + "'", id);
    execute(c, "INSERT INTO entry_arrival_queue (entry_id) VALUES (?)", id);
    return id;
  }

  /** What ingest writes for a publisher's change of an entry: new words, a new revision, its place in the queue. */
  private static void update(Connection c, long entry, String title) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE entry SET title = ?, content_hash = ?, revision = revision + 1, updated_at = now() WHERE id = ?")) {
      ps.setString(1, title);
      ps.setString(2, "hash-" + title);
      ps.setLong(3, entry);
      assertEquals(1, ps.executeUpdate());
    }
    execute(c, "INSERT INTO entry_arrival_queue (entry_id) VALUES (?)", entry);
  }

  private static void execute(Connection c, String sql, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      ps.executeUpdate();
    }
  }

}
