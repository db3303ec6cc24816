package dev.syndic.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.publish.OutputOptions;
import dev.syndic.publish.PartnerEntry;
import dev.syndic.support.Await;
import dev.syndic.support.FeedServerTest;
import dev.syndic.support.Fixtures;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a kept partner page is counted for against {@code syndic.publish.cache-bytes}, and that the pages kept are bounded by it. */
@MicronautTest(transactional = false)
@Property(name = "syndic.publish.cache-bytes", value = "" + PartnerPagesTest.BUDGET)
class PartnerPagesTest extends FeedServerTest {

  static final int BUDGET = 100_000;

  private static final Partner PARTNER =
      new Partner(1, "pages", List.of(Partner.ALL), 100, true, false, "default", true, null, null, null, null);
  private static final OutputOptions OPTIONS = new OutputOptions("default", true, false);

  @Inject
  PartnerPages pages;

  @Test
  void aPageCountsForItsTexts() {
    PartnerShapes.Entries shortPage = new PartnerShapes.Entries(List.of(entry("短")), null);
    PartnerShapes.Entries longPage = new PartnerShapes.Entries(List.of(entry("长".repeat(100_000)), entry("长".repeat(100_000))), null);
    assertTrue(PartnerPages.heldBytes(longPage) >= 400_000, "two bodies of 100,000 characters held as UTF-16: " + PartnerPages.heldBytes(longPage));
    assertTrue(PartnerPages.heldBytes(shortPage) > 0 && PartnerPages.heldBytes(shortPage) < 2_000, "a short one: " + PartnerPages.heldBytes(shortPage));
  }

  /** A page held in memory whatever its size would let a partner paging through long entries fill the heap. */
  @Test
  void aPageOverTheBudgetIsNotKeptAndOneWithinItIs() {
    String report = IntStream.range(0, 600).mapToObj(i -> "<p>Section " + i + " of the robotics survey: arm " + i + " folded "
        + (i * 7) + " shirts in trial " + (i * 13) + ".</p>").collect(Collectors.joining());
    source("/pages-long.xml", "ai", new String[] {"pages-long-1", "Robot arms fold laundry in a long trial", report});
    source("/pages-short.xml", "agriculture", new String[] {"pages-short-1", "Wheat harvest beats forecasts", "<p>Yields rose.</p>"});

    // Kept: asked twice at one feed version, the same page (the version settles first).
    Await.until("a short page is kept", Duration.ofSeconds(10), () -> page("agriculture") == page("agriculture"));
    PartnerShapes.Entries first = page("ai");
    assertEquals(1, first.items().size());
    assertTrue(PartnerPages.heldBytes(first) > BUDGET, "the page holds " + PartnerPages.heldBytes(first) + " bytes");
    // Not kept: rendered again (Caffeine evicts in the background, so not at once).
    Await.until("a page over the budget is rendered again", Duration.ofSeconds(10), () -> page("ai") != first);
  }

  private PartnerShapes.Entries page(String slug) {
    return pages.page(PARTNER, slug, null, null, 1, OPTIONS);
  }

  private void source(String path, String category, String[] item) {
    server.serve(path, Fixtures.rss(item));
    Map<String, Object> created = api.body(HttpRequest.POST("/api/v1/sources", Map.of("url", server.url(path), "category", category)));
    assertEquals("ok", api.poll(((Number) created.get("id")).longValue()).get("outcome"));
  }

  private static PartnerEntry entry(String body) {
    return new PartnerEntry("urn:x", "标题", "https://example.com/a", "2026-11-30T00:00:00Z", "2026-11-30T00:00:00Z", "", "zh", List.of("ai"),
        new PartnerEntry.Origin("源", null, null), List.of(), "<p>" + body + "</p>", true, null);
  }
}
