package dev.syndic.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServerTest;
import dev.syndic.support.RawSql;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ArrivalSequencer#sequenceAll} goes through every category switch waiting, an empty
 * category's among them: going through one with no entries read nothing, and the run that did it
 * looked like a run with nothing to do, so the next switch waited for the next tick.
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.arrival.tick", value = "1h") // only the test's sequenceAll runs the sequencer
class SwitchQueueTest extends FeedServerTest {

  @Inject
  ArrivalSequencer sequencer;

  @Inject
  RawSql raw;

  @Test
  void anEmptyCategorysSwitchDoesNotEndTheRunBeforeTheNextSwitch() {
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "quiet-first")));
    api.body(HttpRequest.POST("/api/v1/categories", Map.of("slug", "busy-second")));
    long entry = api.entryId(feed("/switch-queue.xml", new String[] {"q-1", "Harbour cranes go electric", "Cranes."}), "q-1");
    // An admin's filing: re-categorizing leaves it, so only the switch can tell partners it left.
    api.patchEntry(entry, Map.of("categories", List.of("busy-second")));
    api.awaitRecategorizing();
    sequencer.sequenceAll();
    long before = raw.number("SELECT count(*) FROM entry_departure WHERE entry_id = ?", entry);

    api.body(HttpRequest.PATCH("/api/v1/categories/quiet-first", Map.of("enabled", false)));
    api.body(HttpRequest.PATCH("/api/v1/categories/busy-second", Map.of("enabled", false)));
    api.awaitRecategorizing();
    sequencer.sequenceAll();

    assertEquals(0, raw.number("SELECT count(*) FROM category_switch"), "every switch gone through");
    assertTrue(raw.number("SELECT count(*) FROM entry_departure WHERE entry_id = ?", entry) > before,
        "the entry of the second category left, by a removal");
  }
}
