package dev.syndic.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.entry.ArrivalSequencer;
import dev.syndic.support.Await;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import dev.syndic.support.RawSql;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Partners syncing in arrival order follow a category an admin disables and enables again: its
 * entries leave their copies when it is disabled (unless another enabled category of the grant
 * still lists them), and come again, those filed under it meanwhile included, when it is enabled,
 * so each copy ends equal to a full read of its grant; a partner granted another category is told
 * nothing of it. The scheduled sequencer is held off (an hour's tick): each step numbers what it
 * means to.
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.arrival.tick", value = "1h")
@Property(name = "syndic.publish.version-check", value = "0s")
class CategorySwitchSyncTest extends FeedServerTest {

  @Inject
  ArrivalSequencer sequencer;

  @Inject
  RawSql raw;

  /** Categories, sources and partners of one test, under names of its own. */
  private final class World {
    final String switched;
    final String other;
    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final PartnerCopy onlySwitched;
    final PartnerCopy both;
    final PartnerCopy onlyOther;
    final PartnerCopy everything;

    /** The switched category files what mentions {@code ruleWord} (a word no other category's rules know), or nothing when null. */
    World(String name, String ruleWord) {
      switched = name + "-" + tag;
      other = name + "-other-" + tag;
      api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", switched, "rules",
          ruleWord == null ? Map.of() : Map.of("terms", Map.of(ruleWord, 10.0)))));
      api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", other)));
      onlySwitched = copy("only", List.of(switched));
      both = copy("both", List.of(switched, other));
      onlyOther = copy("other", List.of(other));
      everything = copy("all", List.of("all"));
    }

    private PartnerCopy copy(String name, List<String> grant) {
      String key = (String) api.body(HttpRequest.POST("/api/v1/partners", Map.of("name", name + "-" + tag, "categories", grant,
          "ratePerMinute", 100_000))).get("key");
      return new PartnerCopy(api, key, "");
    }

    /** Every copy synced and checked against a full read; answers what the partner granted the other category alone got. */
    PartnerCopy.Changes step(String what) {
      onlySwitched.assertInSync(sequencer, what);
      both.assertInSync(sequencer, what);
      everything.assertInSync(sequencer, what);
      return onlyOther.assertInSync(sequencer, what);
    }

    /** Enables or disables the category through the API (which asks for a re-categorizing). */
    void enable(boolean on) {
      api.body(HttpRequest.PATCH("/api/v1/categories/" + switched, Map.of("enabled", on)));
    }
  }

  @Test
  void aPartnersCopyFollowsACategoryDisabledAndEnabledAgain() throws SQLException {
    World w = new World("switch", "zorblax");
    Map<String, String[]> fromSwitched = new HashMap<>(Map.of(
        "c1", item("sw-1", "Harbour cranes go electric"), "c2", item("sw-2", "Night trains return to the Alps"),
        "c3", item("sw-3", "Library lends seeds to gardeners")));
    long switchedSource = source("/switch-" + w.tag + ".xml", w.switched, fromSwitched.values().toArray(String[][]::new));
    long otherSource = source("/switch-other-" + w.tag + ".xml", w.other, item("sw-b1", "Wheat harvest beats forecasts"));
    String[] ruled = item("sw-r1", "Zorblax output doubles in spring");
    long untagged = source("/switch-rule-" + w.tag + ".xml", null, ruled);
    api.patchEntry(api.entryId(switchedSource, "sw-3"), Map.of("categories", List.of(w.switched, w.other)));
    w.step("the first sync");
    assertEquals(Set.of("Harbour cranes go electric", "Night trains return to the Alps", "Library lends seeds to gardeners",
        "Zorblax output doubles in spring"), Set.copyOf(w.onlySwitched.items.values()), "its source's, its rule's and the admin's");

    w.enable(false);
    awaitRecategorized();
    PartnerCopy.Changes otherSaw = w.step("the category was disabled");
    assertEquals(Map.of(), w.onlySwitched.items, "every entry left the copy of its partner");
    assertEquals(Set.of("Library lends seeds to gardeners", "Wheat harvest beats forecasts"), Set.copyOf(w.both.items.values()),
        "what the other category lists stays");
    assertTrue(w.everything.items.containsValue("Library lends seeds to gardeners"));
    assertFalse(w.everything.items.containsValue("Harbour cranes go electric"), "an 'all' grant reads enabled categories only");
    assertEquals(new PartnerCopy.Changes(List.of(), List.of()), otherSaw, "nothing for a partner of another category");

    // Filed under it while it is disabled: a new item of its source, and an admin's filing.
    server.serve("/switch-" + w.tag + ".xml", Fixtures.rss(item("sw-4", "Tram depot opens to visitors"), fromSwitched.get("c1"),
        fromSwitched.get("c2"), fromSwitched.get("c3")));
    assertEquals(1, ((Number) api.poll(switchedSource).get("newEntries")).intValue());
    api.patchEntry(api.entryId(otherSource, "sw-b1"), Map.of("categories", List.of(w.other, w.switched)));
    // An item its rule would file, which nothing files while it is disabled.
    server.serve("/switch-rule-" + w.tag + ".xml", Fixtures.rss(item("sw-r2", "Zorblax plant opens a second line"), ruled));
    assertEquals(1, ((Number) api.poll(untagged).get("newEntries")).intValue());
    w.step("entries filed while it was disabled");
    assertEquals(Map.of(), w.onlySwitched.items, "not listed while it is disabled");

    // Enabled again: the re-categorizing it asks for files the rule's entries under it again; held
    // off (their rows locked), the switch waits for it, or they would never come again.
    try (Connection held = raw.connection()) {
      held.setAutoCommit(false);
      try (PreparedStatement ps = held.prepareStatement("SELECT id FROM entry WHERE source_id = ? FOR UPDATE")) {
        ps.setLong(1, untagged);
        ps.executeQuery().close();
      }
      w.enable(true);
      sequencer.sequenceAll();
      assertEquals(1, raw.number("SELECT count(*) FROM category_switch s JOIN category c ON c.id = s.category_id WHERE c.slug = ?", w.switched),
          "the switch waits for the re-categorizing");
      held.rollback();
    }
    awaitRecategorized();
    otherSaw = w.step("the category was enabled again");
    assertEquals(Set.of("Harbour cranes go electric", "Night trains return to the Alps", "Library lends seeds to gardeners",
        "Zorblax output doubles in spring", "Tram depot opens to visitors", "Wheat harvest beats forecasts", "Zorblax plant opens a second line"),
        Set.copyOf(w.onlySwitched.items.values()), "all of them back, those filed while it was disabled included");
    assertEquals(List.of(), otherSaw.removed());
    assertTrue(Set.of(itemId(w.onlyOther, "Library lends seeds to gardeners"), itemId(w.onlyOther, "Wheat harvest beats forecasts"))
        .containsAll(otherSaw.items()), "a partner of the other category gets again only its own entries that the category also lists: " + otherSaw);
  }

  /** Disabled and enabled again before the sequencer ran (and the other way round): each copy ends as the category was left. */
  @Test
  void aCategoryToggledBeforeTheSequencerRanEndsAsItWasLeft() {
    World w = new World("toggle", null);
    source("/toggle-" + w.tag + ".xml", w.switched, item("tg-1", "Ferry timetable changes for summer"), item("tg-2", "Cyclists map potholes"));
    source("/toggle-other-" + w.tag + ".xml", w.other, item("tg-b1", "Museum reopens after flood"));
    w.step("the first sync");
    assertEquals(2, w.onlySwitched.items.size());

    w.enable(false);
    w.enable(true);
    awaitRecategorized();
    w.step("disabled and enabled again at once");
    assertEquals(2, w.onlySwitched.items.size(), "still there");

    w.enable(false);
    w.enable(true);
    w.enable(false);
    awaitRecategorized();
    w.step("disabled, enabled and disabled again at once");
    assertEquals(Map.of(), w.onlySwitched.items);

    w.enable(true);
    awaitRecategorized();
    w.step("enabled again");
    assertEquals(2, w.onlySwitched.items.size());
  }

  // --- helpers

  private static String[] item(String guid, String title) {
    return new String[] {guid, title, "<p>" + title + ": the full report, with figures and quotes.</p>"};
  }

  /** A source serving {@code items} at {@code path}, with {@code category} as its default (or none), polled once. */
  private long source(String path, String category, String[]... items) {
    server.serve(path, Fixtures.rss(items));
    Map<String, Object> body = new HashMap<>(Map.of("url", server.url(path)));
    if (category != null) {
      body.put("category", category);
    }
    long id = ((Number) api.body(HttpRequest.POST("/api/v1/sources", body)).get("id")).longValue();
    assertEquals("ok", api.poll(id).get("outcome"));
    return id;
  }



  private static String itemId(PartnerCopy copy, String title) {
    return copy.items.entrySet().stream().filter(e -> e.getValue().equals(title)).map(Map.Entry::getKey).findFirst().orElseThrow();
  }

  /** Waits until the re-categorizing asked for so far has ended (a switch asks for one). */
  private void awaitRecategorized() {
    Await.until("re-categorizing ended", Duration.ofSeconds(30), () -> raw.number("SELECT requested - completed FROM recategorize_request") == 0);
  }


}
