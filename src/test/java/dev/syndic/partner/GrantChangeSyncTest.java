package dev.syndic.partner;

import static dev.syndic.partner.SyncWorld.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.syndic.entry.ArrivalSequencer;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.RawSql;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Partners syncing in arrival order follow an admin's change of their grant: a category taken out
 * of it (or every category but the named ones, for an {@code all} grant replaced by names) leaves
 * that partner's copy, by removals numbered for it alone, those of entries hidden before the
 * change and not read yet included; a partner still granted the category keeps its entries.
 * Granted again before the sequencer ran, nothing leaves; granted again later, nothing comes again
 * by itself, and a read of the category from the start catches up. The scheduled sequencer is held
 * off (an hour's tick): each step numbers what it means to.
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.arrival.tick", value = "1h")
@Property(name = "syndic.publish.version-check", value = "0s")
class GrantChangeSyncTest extends FeedServerTest {

  @Inject
  ArrivalSequencer sequencer;

  @Inject
  RawSql raw;

  @Test
  void aNarrowedNamedGrantDropsTheEntriesOfTheCategoryItLost() {
    SyncWorld w = world("narrow");
    long lostSource = w.source("/narrow.xml", w.changed, item("nr-1", "Harbour pilots strike for a day"), item("nr-2", "Glassworks reopens"),
        item("nr-3", "Tide gauge misread for a week"));
    w.source("/narrow-other.xml", w.other, item("nr-b1", "Vineyard hail insurance rises"));
    api.patchEntry(api.entryId(lostSource, "nr-2"), Map.of("categories", List.of(w.changed, w.other)));
    w.step("the first sync");
    assertEquals(4, w.both.items.size());

    // Hidden, and its removal numbered, before the partner read it: the narrowing does not go
    // through hidden entries, so that removal is still the partner's.
    api.patchEntry(api.entryId(lostSource, "nr-3"), Map.of("hidden", true));
    sequencer.sequenceAll();
    w.grant(w.both, List.of(w.other));
    PartnerCopy.Changes otherSaw = w.step("the grant was narrowed");
    assertEquals(Set.of("Glassworks reopens", "Vineyard hail insurance rises"), Set.copyOf(w.both.items.values()),
        "what the category it keeps lists stays");
    assertEquals(Set.of("Harbour pilots strike for a day", "Glassworks reopens"), Set.copyOf(w.onlyChanged.items.values()),
        "a partner still granted the category keeps its entries");
    assertEquals(new PartnerCopy.Changes(List.of(), List.of()), otherSaw, "nothing for a partner of the other category");
    assertNotEquals(0, raw.number("SELECT count(*) FROM grant_narrowing WHERE partner_id = ? AND through IS NOT NULL", w.partnerId(w.both)),
        "the narrowing is done");

    // Later entries of the category it lost are not its.
    w.serve("/narrow.xml", item("nr-4", "Lighthouse keeper retires"), item("nr-1", "Harbour pilots strike for a day"));
    api.poll(lostSource);
    w.step("a new entry of the category it lost");
    assertEquals(2, w.both.items.size());
  }

  @Test
  void aGrantOfAllNarrowedToNamesDropsEveryOtherCategory() {
    SyncWorld w = world("fromall");
    w.everything.limit = 200; // its first sync reads the whole database, and the narrowing removes most of it
    w.source("/fromall.xml", w.changed, item("fa-1", "Rail freight hub expands"));
    w.source("/fromall-other.xml", w.other, item("fa-b1", "Seed bank opens to farmers"));
    w.step("the first sync");
    assertEquals(2, w.everything.items.values().stream().filter(t -> t.equals("Rail freight hub expands") || t.equals("Seed bank opens to farmers"))
        .count());

    w.grant(w.everything, List.of(w.other));
    w.step("'all' narrowed to the other category");
    assertEquals(Set.of("Seed bank opens to farmers"), Set.copyOf(w.everything.items.values()), "only what it is granted now");
  }

  @Test
  void aCategoryGrantedAgainCancelsWhatIsPendingAndIsCaughtUpByReadingIt() {
    SyncWorld w = world("regrant");
    long lostSource = w.source("/regrant.xml", w.changed, item("rg-1", "Quarry noise rules tightened"), item("rg-2", "Town band needs a drummer"));
    w.source("/regrant-other.xml", w.other, item("rg-b1", "Beekeepers count winter losses"));
    w.step("the first sync");

    w.grant(w.both, List.of(w.other));
    w.grant(w.both, List.of(w.changed, w.other));
    assertEquals(0, raw.number("SELECT count(*) FROM grant_narrowing WHERE partner_id = ?", w.partnerId(w.both)), "nothing pending");
    assertEquals(List.of(), w.both.assertInSync(sequencer, "narrowed and granted again at once").removed());
    assertEquals(3, w.both.items.size());

    w.grant(w.both, List.of(w.other));
    w.both.assertInSync(sequencer, "narrowed");
    assertEquals(Set.of("Beekeepers count winter losses"), Set.copyOf(w.both.items.values()));

    // Granted again once the narrowing is done: an entry keeps one position for every partner, so
    // its old entries do not come again by themselves; a read of the category from the start does.
    w.grant(w.both, List.of(w.changed, w.other));
    sequencer.sequenceAll();
    assertEquals(new PartnerCopy.Changes(List.of(), List.of()), w.both.sync(), "widening sends nothing again");
    PartnerCopy catchUp = new PartnerCopy(api, w.both.key, "&category=" + w.changed);
    catchUp.sync();
    assertEquals(Set.of("Quarry noise rules tightened", "Town band needs a drummer"), Set.copyOf(catchUp.items.values()));
    w.both.items.putAll(catchUp.items);
    assertEquals(w.both.truth(), w.both.items, "caught up");

    w.serve("/regrant.xml", item("rg-3", "Ferry gets a night crossing"), item("rg-1", "Quarry noise rules tightened"),
        item("rg-2", "Town band needs a drummer"));
    api.poll(lostSource);
    w.step("a new entry of the category granted again");
    assertEquals(4, w.both.items.size(), "new entries of it come as any do");
  }

  private SyncWorld world(String name) {
    return new SyncWorld(api, server, sequencer, raw, name, null);
  }
}
