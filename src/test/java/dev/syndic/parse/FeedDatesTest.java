package dev.syndic.parse;

import static dev.syndic.parse.ParseTesting.feed;
import static dev.syndic.parse.ParseTesting.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Dates in the forms real feeds use that Rome cannot read, the zone a date without one is in, and
 * the dates Rome reads, read as Rome reads them.
 */
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

  /**
   * Dates Rome reads are rewritten in the form its first mask reads (one SimpleDateFormat built
   * instead of about twenty), to the same instant: every date of the fixture, usual or not, is the
   * one Rome alone reads.
   */
  @Test
  void datesRomeReadsAreReadAsRomeReadsThem() throws Exception {
    byte[] bytes = fixture("dates-usual.xml");
    List<SyndEntry> rome = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(bytes))).getEntries();
    List<ParsedEntry> ours = feed(bytes, null).entries();

    assertEquals(rome.size(), ours.size());
    for (int i = 0; i < ours.size(); i++) {
      Date date = rome.get(i).getPublishedDate();
      assertEquals(date == null ? null : date.toInstant(), ours.get(i).published(), ours.get(i).guid());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "none",
      value = {
        "'Mon, 30 Nov 2026 01:00:00 GMT', 2026-11-30T01:00:00.000+00:00",
        "'Thu, 3 Dec 2026 09:30 +0800', 2026-12-03T09:30:00.000+08:00",
        "2026-11-30T01:00:00Z, 2026-11-30T01:00:00.000+00:00",
        "2026-11-30, 2026-11-30T00:00:00.000+00:00",
        // Left to Rome: a two-digit year, a named zone, a fraction, an impossible date.
        "'Mon, 30 Nov 26 01:00:00 GMT', none",
        "'Mon, 30 Nov 2026 01:00:00 EST', none",
        "2026-11-30T01:00:00.5Z, none",
        "'Mon, 31 Nov 2026 01:00:00 GMT', none",
      })
  void usualDatesAreWrittenInTheFormRomeReadsFirst(String date, String rewritten) {
    assertEquals(rewritten, FeedDates.rewrite(date, false));
  }
}
