package dev.syndic.parse;

import static dev.syndic.parse.ParseTesting.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dates in the forms real feeds use that Rome cannot read, and the zone a date without one is in. */
class FeedDatesTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      nullValues = "none",
      value = {
        // A Chinese feed's local time is China's (UTC+8).
        "dates-zh.xml, space, 2024-05-01T04:30:00Z",
        "dates-zh.xml, minutes, 2024-05-01T04:30:00Z",
        "dates-zh.xml, slashes, 2024-05-01T04:30:00Z",
        "dates-zh.xml, hanzi, 2024-05-01T04:30:00Z",
        "dates-zh.xml, iso-local, 2024-05-01T04:30:00Z",
        "dates-zh.xml, space-offset, 2024-05-01T04:30:00Z",
        "dates-zh.xml, dc-date, 2024-05-01T04:30:00Z",
        "dates-zh.xml, rfc822-colon, 2024-05-01T04:30:00Z",
        "dates-zh.xml, rfc822-gmt8, 2024-05-01T04:30:00Z",
        "dates-zh.xml, java, 2024-05-01T04:30:00Z",
        "dates-zh.xml, rfc822-cst, 2024-05-01T04:30:00Z",
        "dates-zh.xml, rfc822, 2024-05-01T12:30:00Z",
        "dates-zh.xml, rfc3339, 2024-05-01T12:30:00Z",
        "dates-zh.xml, month-13, none",
        // Any other feed's is read as UTC, as feedparser does; CST is the US one there.
        "dates-en.xml, space, 2024-05-01T12:30:00Z",
        "dates-en.xml, iso-local, 2024-05-01T12:30:00Z",
        "dates-en.xml, java, 2024-05-01T18:30:00Z",
        "dates-en.xml, rfc3339, 2024-05-01T10:30:00Z",
      })
  void datesInCommonFormsAreRead(String fixture, String guid, Instant expected) {
    ParsedEntry entry = feed(fixture).entries().stream().filter(e -> e.guid().equals(guid)).findFirst().orElseThrow();

    assertEquals(expected, entry.published() != null ? entry.published() : entry.updated());
  }

  /** A feed that names no language is Chinese when its title is: its dates are China's time. */
  @Test
  void aFeedWithoutALanguageIsChineseByItsTitle() {
    String feed = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>%s</title><link>https://news.example.cn/</link>"
        + "<description>d</description><item><title>稻谷开镰</title><guid>g</guid><pubDate>2024-05-01 12:30:00</pubDate></item></channel></rss>";
    assertEquals(Instant.parse("2024-05-01T04:30:00Z"),
        feed(feed.formatted("农业新闻").getBytes(StandardCharsets.UTF_8), null).entries().get(0).published(), "a Chinese title");
    assertEquals(Instant.parse("2024-05-01T12:30:00Z"),
        feed(feed.formatted("Farm news").getBytes(StandardCharsets.UTF_8), null).entries().get(0).published(), "an English one: UTC");
  }
}
