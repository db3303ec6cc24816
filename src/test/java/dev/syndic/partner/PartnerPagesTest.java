package dev.syndic.partner;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.publish.PartnerEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a kept partner page is counted for against {@code syndic.publish.cache-bytes}. */
class PartnerPagesTest {

  @Test
  void aPageCountsForItsTexts() {
    PartnerShapes.Entries shortPage = new PartnerShapes.Entries(List.of(entry("短")), null);
    PartnerShapes.Entries longPage = new PartnerShapes.Entries(List.of(entry("长".repeat(100_000)), entry("长".repeat(100_000))), null);
    assertTrue(PartnerPages.heldBytes(longPage) >= 400_000, "two bodies of 100,000 characters held as UTF-16: " + PartnerPages.heldBytes(longPage));
    assertTrue(PartnerPages.heldBytes(shortPage) > 0 && PartnerPages.heldBytes(shortPage) < 2_000, "a short one: " + PartnerPages.heldBytes(shortPage));
  }

  private static PartnerEntry entry(String body) {
    return new PartnerEntry("urn:x", "标题", "https://example.com/a", "2026-11-30T00:00:00Z", "2026-11-30T00:00:00Z", "", "zh", List.of("ai"),
        new PartnerEntry.Origin("源", null, null), List.of(), "<p>" + body + "</p>", true, null);
  }
}
