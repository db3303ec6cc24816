package dev.syndic.parse;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.filter.Filters;

/**
 * Rewrites the dates Rome cannot read, in forms common feeds use anyway, as RFC 3339 before Rome
 * reads them: "2024-05-01 12:30:00" and "2024/5/1 12:30" (most Chinese CMSs), "2024年5月1日",
 * ISO 8601 without a zone, RFC 822 with "+08:00" or "GMT+8", and Java's {@code Date.toString()}
 * ("Wed May 01 12:30:00 CST 2024"). Rome answers none of them, so such entries had no date, and
 * were all dated (and sorted) as of the poll that first saw them.
 *
 * <p>A date that names no zone is the publisher's local time; a Chinese feed's is China's
 * (UTC+8, as in Taiwan, Hong Kong and Singapore), any other's is read as UTC, as feedparser does.
 * A feed is Chinese when its language says so or, naming none, its title is written in Chinese
 * characters. For the same reason "CST" in a Chinese feed is China Standard Time, not the US
 * Central time Rome reads it as.
 *
 * <p>Dates Rome reads are rewritten too when they are in the usual forms (RFC 822 as most RSS
 * feeds write it, with a day of the month, English month, four-digit year and a zone of GMT, UT,
 * UTC, Z or +hhmm; RFC 3339 without a fraction of a second), to the same instant: Rome tries its
 * masks in turn and builds a {@code SimpleDateFormat} for each, about twenty for an RFC 822 date,
 * one for the form written here ({@link #ROME_FIRST_MASK}). Others are left to Rome as they are.
 */
final class FeedDates {

  private static final Set<String> DATE_ELEMENTS = Set.of("pubDate", "lastBuildDate", "date", "published", "updated", "issued", "modified", "created");
  private static final String ZONE = "(Z|UTC|GMT|UT|[A-Z]{3,4}|(?:GMT|UTC)?\\s*[+-]\\d{1,2}(?::?\\d{2})?)";
  private static final Pattern NUMERIC = Pattern.compile(
      "(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?"
          + "(?:(?:\\s+|T)(\\d{1,2})[:：](\\d{2})(?:[:：](\\d{2})(?:[.,]\\d{1,9})?)?)?\\s*" + ZONE + "?");
  private static final Pattern RFC_822 = Pattern.compile(
      "(?:[A-Za-z]{3,9}\\s*,?\\s*)?(\\d{1,2})\\s+([A-Za-z]{3})[A-Za-z]*\\.?\\s+(\\d{4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*" + ZONE + "?");
  /** Java's Date.toString(), which many Chinese CMSs print as it is. */
  private static final Pattern JAVA_DATE = Pattern.compile(
      "[A-Za-z]{3}\\s+([A-Za-z]{3})\\s+(\\d{1,2})\\s+(\\d{1,2}):(\\d{2}):(\\d{2})\\s+([A-Z]{2,5})\\s+(\\d{4})");
  /** ISO 8601 as Rome reads it (RFC 3339, or a date alone). */
  private static final Pattern W3C = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:\\d{2}))?");
  /** An RFC 822 date Rome reads, in the layout and zones whose instant is known here for certain. */
  private static final Pattern USUAL_822 = Pattern.compile(
      "(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4}"
          + " \\d{2}:\\d{2}(?::\\d{2})? (?:GMT|UTC|UT|Z|[+-]\\d{4})");
  /** RFC 3339 as Rome reads it, without a fraction of a second (Rome reads ".5" as 5 ms: left to it). */
  private static final Pattern USUAL_W3C = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2})?(?:Z|[+-]\\d{2}:\\d{2}))?");
  /** What dates are rewritten as: the layout of Rome's first mask ({@code yyyy-MM-dd'T'HH:mm:ss.SSSz}). */
  static final DateTimeFormatter ROME_FIRST_MASK = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT);
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
  /** A zone Rome reads in an RFC 822 date: a name, or a four-digit offset. */
  private static final Pattern ROME_ZONE = Pattern.compile("[A-Z]{1,4}|[+-]\\d{4}");
  private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{1,2})(?::?(\\d{2}))?");
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
  private static final Map<String, Integer> ZONE_HOURS = Map.ofEntries(
      Map.entry("Z", 0), Map.entry("UT", 0), Map.entry("UTC", 0), Map.entry("GMT", 0),
      Map.entry("HKT", 8), Map.entry("SGT", 8), Map.entry("JST", 9), Map.entry("KST", 9),
      Map.entry("EST", -5), Map.entry("EDT", -4), Map.entry("CDT", -5), Map.entry("MST", -7), Map.entry("MDT", -6),
      Map.entry("PST", -8), Map.entry("PDT", -7));

  private FeedDates() {}

  static void normalize(Document document) {
    // One walk: the date elements, and what tells whether the feed is Chinese.
    Element root = document.getRootElement();
    String language = root.getAttributeValue("lang", org.jdom2.Namespace.XML_NAMESPACE);
    String title = null;
    List<Element> dates = new ArrayList<>();
    for (Element e : root.getDescendants(Filters.element())) {
      String name = e.getName();
      if (DATE_ELEMENTS.contains(name) && e.getChildren().isEmpty()) {
        dates.add(e);
      } else if (language == null && name.equals("language")) {
        language = e.getTextNormalize();
      } else if (title == null && name.equals("title")) {
        title = e.getText();
      }
    }
    if (dates.isEmpty()) {
      return;
    }
    boolean chinese = chinese(language, title);
    for (Element e : dates) {
      String text = e.getTextNormalize();
      // Whitespace inside a date is read by Rome one way and by these patterns another: left to Rome.
      String rewritten = text.equals(e.getText().trim()) ? rewrite(text, chinese) : rewriteUnread(text, chinese);
      if (rewritten != null) {
        e.setText(rewritten);
      }
    }
  }

  /**
   * The date in the form Rome reads with its first mask, or null to leave it to Rome (which reads
   * it, or nobody does): a date in a form Rome cannot read ({@link #rewriteUnread}), or one in a
   * usual form it reads, as the same instant.
   */
  static String rewrite(String text, boolean chinese) {
    String unread = rewriteUnread(text, chinese);
    if (unread != null) {
      return unread;
    }
    try {
      if (USUAL_W3C.matcher(text).matches()) {
        OffsetDateTime at = text.length() == 10 ? LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC) : OffsetDateTime.parse(text);
        return ROME_FIRST_MASK.format(at);
      }
      Matcher m = RFC_822.matcher(text);
      if (USUAL_822.matcher(text).matches() && m.matches()) {
        return at(num(m.group(3)), month(m.group(2)), num(m.group(1)), num(m.group(4)), num(m.group(5)), num(m.group(6)), m.group(7), ZoneOffset.UTC);
      }
    } catch (DateTimeException | IllegalArgumentException e) {
      return null; // a 31 November: Rome's lenient reading (1 December) stays
    }
    return null;
  }

  /** A date in a form Rome cannot read or misreads, rewritten; null for the others. */
  static String rewriteUnread(String text, boolean chinese) {
    ZoneOffset local = chinese ? CHINA : ZoneOffset.UTC;
    try {
      Matcher m = NUMERIC.matcher(text);
      if (m.matches() && !W3C.matcher(text).matches()) {
        return at(num(m.group(1)), num(m.group(2)), num(m.group(3)), num(m.group(4)), num(m.group(5)), num(m.group(6)), m.group(7), local);
      }
      m = RFC_822.matcher(text);
      if (m.matches() && unreadZone(m.group(7), chinese)) {
        return at(num(m.group(3)), month(m.group(2)), num(m.group(1)), num(m.group(4)), num(m.group(5)), num(m.group(6)), m.group(7), local);
      }
      m = JAVA_DATE.matcher(text);
      if (m.matches()) {
        return at(num(m.group(7)), month(m.group(1)), num(m.group(2)), num(m.group(3)), num(m.group(4)), num(m.group(5)), m.group(6), local);
      }
    } catch (DateTimeException | IllegalArgumentException e) {
      return null; // a month 13 or an hour 25: no date, as before
    }
    return null;
  }

  /** Whether Rome misreads or cannot read an RFC 822 date's zone: none, "+08:00", "GMT+8", or China's "CST". */
  private static boolean unreadZone(String zone, boolean chinese) {
    return zone == null || zone.contains(":") || !ROME_ZONE.matcher(zone).matches() || chinese && zone.equals("CST");
  }

  private static String at(int year, int month, int day, int hour, int minute, int second, String zone, ZoneOffset local) {
    ZoneOffset offset = zone == null ? local : offset(zone, local);
    if (offset == null) {
      return null;
    }
    return ROME_FIRST_MASK.format(LocalDateTime.of(year, month, day, hour, minute, second).atOffset(offset));
  }

  /** The offset a zone names; null for a name we do not know (it is then left to Rome). */
  private static ZoneOffset offset(String zone, ZoneOffset local) {
    String z = zone.replaceAll("\\s", "");
    if (z.equals("CST")) {
      return local.equals(CHINA) ? CHINA : ZoneOffset.ofHours(-6);
    }
    if (ZONE_HOURS.containsKey(z)) {
      return ZoneOffset.ofHours(ZONE_HOURS.get(z));
    }
    z = z.replaceFirst("^(GMT|UTC)", "");
    Matcher m = OFFSET.matcher(z);
    if (!m.matches()) {
      return null;
    }
    int sign = m.group(1).equals("-") ? -1 : 1;
    return ZoneOffset.ofHoursMinutes(sign * num(m.group(2)), sign * num(m.group(3)));
  }

  private static int month(String name) {
    String abbreviation = name.substring(0, 3).toLowerCase(Locale.ROOT);
    return Arrays.stream(Month.values())
        .filter(month -> month.getDisplayName(TextStyle.SHORT, Locale.US).toLowerCase(Locale.ROOT).equals(abbreviation))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no month " + name))
        .getValue();
  }

  private static int num(String digits) {
    return digits == null ? 0 : Integer.parseInt(digits);
  }

  /** Whether the feed's language is Chinese or, when it names none, its title is written in Chinese characters. */
  private static boolean chinese(String language, String title) {
    if (language != null && !language.isEmpty()) {
      return language.toLowerCase(Locale.ROOT).startsWith("zh");
    }
    return title != null && HAN.matcher(title).find();
  }
}
