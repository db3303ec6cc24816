package dev.syndic.partner;

import static dev.syndic.partner.SyncWorld.item;
import static dev.syndic.partner.SyncWorld.itemId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.entry.ArrivalSequencer;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.RawSql;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  @Test
  void aPartnersCopyFollowsACategoryDisabledAndEnabledAgain() throws SQLException {
    SyncWorld w = world("switch", "zorblax");
    Map<String, String[]> fromSwitched = new HashMap<>(Map.of(
        "c1", item("sw-1", "Harbour cranes go electric"), "c2", item("sw-2", "Night trains return to the Alps"),
        "c3", item("sw-3", "Library lends seeds to gardeners")));
    long switchedSource = w.source("/switch.xml", w.changed, fromSwitched.values().toArray(String[][]::new));
    long otherSource = w.source("/switch-other.xml", w.other, item("sw-b1", "Wheat harvest beats forecasts"));
    String[] ruled = item("sw-r1", "Zorblax output doubles in spring");
    long untagged = w.source("/switch-rule.xml", null, ruled);
    api.patchEntry(api.entryId(switchedSource, "sw-3"), Map.of("categories", List.of(w.changed, w.other)));
    w.step("the first sync");
    assertEquals(Set.of("Harbour cranes go electric", "Night trains return to the Alps", "Library lends seeds to gardeners",
        "Zorblax output doubles in spring"), Set.copyOf(w.onlyChanged.items.values()), "its source's, its rule's and the admin's");

    w.enable(false);
    w.awaitRecategorized();
    PartnerCopy.Changes otherSaw = w.step("the category was disabled");
    assertEquals(Map.of(), w.onlyChanged.items, "every entry left the copy of its partner");
    assertEquals(Set.of("Library lends seeds to gardeners", "Wheat harvest beats forecasts"), Set.copyOf(w.both.items.values()),
        "what the other category lists stays");
    assertTrue(w.everything.items.containsValue("Library lends seeds to gardeners"));
    assertFalse(w.everything.items.containsValue("Harbour cranes go electric"), "an 'all' grant reads enabled categories only");
    assertEquals(new PartnerCopy.Changes(List.of(), List.of()), otherSaw, "nothing for a partner of another category");

    // Filed under it while it is disabled: a new item of its source, and an admin's filing.
    w.serve("/switch.xml", item("sw-4", "Tram depot opens to visitors"), fromSwitched.get("c1"),
        fromSwitched.get("c2"), fromSwitched.get("c3"));
    assertEquals(1, ((Number) api.poll(switchedSource).get("newEntries")).intValue());
    api.patchEntry(api.entryId(otherSource, "sw-b1"), Map.of("categories", List.of(w.other, w.changed)));
    // An item its rule would file, which nothing files while it is disabled.
    w.serve("/switch-rule.xml", item("sw-r2", "Zorblax plant opens a second line"), ruled);
    assertEquals(1, ((Number) api.poll(untagged).get("newEntries")).intValue());
    w.step("entries filed while it was disabled");
    assertEquals(Map.of(), w.onlyChanged.items, "not listed while it is disabled");

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
      assertEquals(1, raw.number("SELECT count(*) FROM category_switch s JOIN category c ON c.id = s.category_id WHERE c.slug = ?", w.changed),
          "the switch waits for the re-categorizing");
      held.rollback();
    }
    w.awaitRecategorized();
    otherSaw = w.step("the category was enabled again");
    assertEquals(Set.of("Harbour cranes go electric", "Night trains return to the Alps", "Library lends seeds to gardeners",
        "Zorblax output doubles in spring", "Tram depot opens to visitors", "Wheat harvest beats forecasts", "Zorblax plant opens a second line"),
        Set.copyOf(w.onlyChanged.items.values()), "all of them back, those filed while it was disabled included");
    assertEquals(List.of(), otherSaw.removed());
    assertTrue(Set.of(itemId(w.onlyOther, "Library lends seeds to gardeners"), itemId(w.onlyOther, "Wheat harvest beats forecasts"))
        .containsAll(otherSaw.items()), "a partner of the other category gets again only its own entries that the category also lists: " + otherSaw);
  }

  /** Disabled and enabled again before the sequencer ran (and the other way round): each copy ends as the category was left. */
  @Test
  void aCategoryToggledBeforeTheSequencerRanEndsAsItWasLeft() {
    SyncWorld w = world("toggle", null);
    w.source("/toggle.xml", w.changed, item("tg-1", "Ferry timetable changes for summer"), item("tg-2", "Cyclists map potholes"));
    w.source("/toggle-other.xml", w.other, item("tg-b1", "Museum reopens after flood"));
    w.step("the first sync");
    assertEquals(2, w.onlyChanged.items.size());

    w.enable(false);
    w.enable(true);
    w.awaitRecategorized();
    w.step("disabled and enabled again at once");
    assertEquals(2, w.onlyChanged.items.size(), "still there");

    w.enable(false);
    w.enable(true);
    w.enable(false);
    w.awaitRecategorized();
    w.step("disabled, enabled and disabled again at once");
    assertEquals(Map.of(), w.onlyChanged.items);

    w.enable(true);
    w.awaitRecategorized();
    w.step("enabled again");
    assertEquals(2, w.onlyChanged.items.size());
  }

  /**
   * Deleted: its entries leave the copies of the partners whose grant named it and of those granted
   * {@code all} (its removals name a category row that is gone, so they go by the grants the
   * deletion recorded), while a partner of the other category is told nothing.
   */
  @Test
  void aPartnersCopyFollowsACategoryDeleted() {
    SyncWorld w = world("delete", null);
    long deletedSource = w.source("/delete.xml", w.changed, item("dl-1", "Ferry crews vote on a new rota"),
        item("dl-2", "Bakery chain trials paper bags"));
    w.source("/delete-other.xml", w.other, item("dl-b1", "Orchard frost costs growers dearly"));
    api.patchEntry(api.entryId(deletedSource, "dl-2"), Map.of("categories", List.of(w.changed, w.other)));
    w.step("the first sync");
    assertEquals(2, w.onlyChanged.items.size());
    assertTrue(w.everything.items.containsValue("Ferry crews vote on a new rota"));

    w.deleteChanged();
    w.awaitRecategorized();
    PartnerCopy.Changes otherSaw = w.step("the category was deleted");
    assertEquals(Map.of(), w.onlyChanged.items, "a grant that named it: every entry left");
    assertFalse(w.everything.items.containsValue("Ferry crews vote on a new rota"), "an 'all' grant: its entries left too");
    assertEquals(Set.of("Bakery chain trials paper bags", "Orchard frost costs growers dearly"), Set.copyOf(w.both.items.values()),
        "what the other category lists stays");
    assertEquals(new PartnerCopy.Changes(List.of(), List.of()), otherSaw, "nothing for a partner of another category");
    for (PartnerCopy told : List.of(w.onlyChanged, w.both, w.everything)) {
      assertEquals(1, raw.number("SELECT count(*) FROM deleted_category_grant WHERE slug = ? AND partner_id = ?", w.changed, w.partnerId(told)));
    }
    assertEquals(0, raw.number("SELECT count(*) FROM deleted_category_grant WHERE slug = ? AND partner_id = ?", w.changed, w.partnerId(w.onlyOther)));
  }

  /**
   * Deleted while the sequencer is part of the way through its disable: the entries it had not
   * reached leave by the deletion's removals, those it had by the disable's, and no copy keeps any.
   */
  @Test
  void aCategoryDeletedWhileItsDisableIsUnderWayLeavesNoStaleCopies() {
    SyncWorld w = world("halfway", null);
    w.source("/halfway.xml", w.changed, item("hw-1", "Cable car closes for repairs"), item("hw-2", "Choir tours the valley towns"),
        item("hw-3", "Market hall gets a new roof"));
    w.source("/halfway-other.xml", w.other, item("hw-b1", "Dairy prices steady in spring"));
    w.step("the first sync");
    assertEquals(3, w.onlyChanged.items.size());

    w.enable(false);
    w.awaitRecategorized();
    sequencer.sequence(1);
    assertEquals(1, raw.number("SELECT count(*) FROM category_switch s JOIN category c ON c.id = s.category_id WHERE c.slug = ? AND s.done_through > 0",
        w.changed), "the disable is under way: one entry gone through");
    w.deleteChanged();
    w.awaitRecategorized();
    w.step("deleted part of the way through its disable");
    assertEquals(Map.of(), w.onlyChanged.items);
    assertEquals(Set.of("Dairy prices steady in spring"), Set.copyOf(w.both.items.values()));
  }

  private SyncWorld world(String name, String ruleWord) {
    return new SyncWorld(api, server, sequencer, raw, name, ruleWord);
  }
}
