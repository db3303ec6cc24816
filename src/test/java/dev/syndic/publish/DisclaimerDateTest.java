package dev.syndic.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.entry.EntryRow;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code {date}} is the publication date where the readers are (Beijing by default), not in UTC:
 * a story published at 20:00 UTC was published the next morning there.
 */
@MicronautTest(startApplication = false)
@Property(name = "syndic.disclaimer.template", value = "发布于{date}")
@Property(name = "syndic.disclaimer.template-en", value = "Published {date}")
class DisclaimerDateTest {

  @Inject
  Disclaimer disclaimer;

  @Test
  void theDateIsWrittenInTheConfiguredZoneBeijingByDefault() {
    assertEquals("发布于2026-03-18", disclaimer.text(entry("zh-cn", Instant.parse("2026-03-17T20:00:00Z")), null, Disclaimer.DEFAULT_VARIANT));
    assertEquals("发布于2026-03-17", disclaimer.text(entry("zh-cn", Instant.parse("2026-03-17T15:59:59Z")), null, Disclaimer.DEFAULT_VARIANT));
    assertEquals("Published ", disclaimer.text(entry("en", null), null, Disclaimer.DEFAULT_VARIANT), "no date, nothing written");
  }

  @Test
  void aZoneThatDoesNotExistStopsTheStart() {
    RuntimeException e = assertThrows(RuntimeException.class, () -> {
      try (ApplicationContext ignored = ApplicationContext.run(Map.of("syndic.disclaimer.zone", "Asia/Beijing"), "test")) {
        // started: every {date} would fail at the first feed rendered
      }
    });
    String messages = "";
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages += t.getMessage() + "\n";
    }
    assertTrue(messages.contains("syndic.disclaimer.zone: 'Asia/Beijing' is not a time zone"), messages);
  }

  private static EntryRow entry(String language, Instant published) {
    Instant now = Instant.parse("2026-03-18T00:00:00Z");
    return new EntryRow(1, 1, "k", "g", "https://example.com/a", "标题", null, "<p>正文</p>", language, published, null, now, now, 1,
        false, false, 1, true, "来源", "https://example.com/feed", null, "https://example.com/feed\nk",
        List.of(), List.of());
  }
}
