package dev.syndic.fetch;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads how long a server asks us to wait: Retry-After, Cache-Control max-age, Expires (with Date and Age). */
final class CacheHeaders {

  private static final Pattern MAX_AGE = Pattern.compile("(?:^|,)\\s*max-age\\s*=\\s*\"?(\\d+)");

  private CacheHeaders() {}

  /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(HttpHeaders headers, Clock clock) {
    return headers.firstValue("Retry-After").map(v -> delay(v, clock)).orElse(null);
  }

  /**
   * How long the response stays fresh (RFC 9111 4.2): Cache-Control max-age, else Expires read
   * against the response's Date (both on the server's clock, which may be off; against ours when
   * it sends no Date), less its Age (how long a cache in between has kept it already); null when
   * neither max-age nor Expires says.
   */
  static Duration maxAge(HttpHeaders headers, Clock clock) {
    Duration lifetime = lifetime(headers, clock);
    if (lifetime == null) {
      return null;
    }
    Duration left = lifetime.minusSeconds(headers.firstValue("Age").map(CacheHeaders::seconds).orElse(0L));
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static Duration lifetime(HttpHeaders headers, Clock clock) {
    // Every line of it: a header sent on several lines is one list (RFC 9110 5.3), and a proxy
    // may add "Cache-Control: public" before the server's own max-age.
    List<String> cacheControl = headers.allValues("Cache-Control");
    if (!cacheControl.isEmpty()) {
      Matcher m = MAX_AGE.matcher(String.join(",", cacheControl).toLowerCase(Locale.ROOT));
      if (m.find()) {
        return Duration.ofSeconds(deltaSeconds(m.group(1)));
      }
    }
    Instant expires = headers.firstValue("Expires").map(CacheHeaders::instant).orElse(null);
    if (expires == null) {
      return null;
    }
    Instant date = headers.firstValue("Date").map(CacheHeaders::instant).orElse(clock.instant());
    Duration d = Duration.between(date, expires);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** A delta-seconds value (Age), 0 when it is not one. */
  private static long seconds(String value) {
    long seconds = deltaSeconds(value.trim());
    return seconds < 0 ? 0 : seconds;
  }

  static Duration delay(String value, Clock clock) {
    String v = value.trim();
    long seconds = deltaSeconds(v);
    if (seconds >= 0) {
      return Duration.ofSeconds(seconds);
    }
    return httpDate(v, clock);
  }

  /** The longest delta-seconds read: some 317 years, longer than any wait the poller takes. */
  private static final long MAX_DELTA_SECONDS = 9_999_999_999L;

  /**
   * A delta-seconds value, -1 when {@code v} is not one. Any number of digits is one (RFC 9110
   * 10.2.3), read as at most {@link #MAX_DELTA_SECONDS}: ten digits or more, with leading zeros,
   * was no value at all, and a server asking for a very long wait was polled again in minutes.
   */
  private static long deltaSeconds(String v) {
    if (v.isEmpty() || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    String digits = v.replaceFirst("^0+(?=.)", "");
    return digits.length() > 10 ? MAX_DELTA_SECONDS : Math.min(Long.parseLong(digits), MAX_DELTA_SECONDS);
  }

  private static Duration httpDate(String value, Clock clock) {
    Instant at = instant(value);
    if (at == null) {
      return null;
    }
    Duration d = Duration.between(clock.instant(), at);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /**
   * The forms of an HTTP date (RFC 9110 5.6.7): IMF-fixdate, and the obsolete RFC 850 and asctime
   * forms, which recipients must read too (a two-digit year from 1970 to 2069).
   */
  private static final List<DateTimeFormatter> HTTP_DATES = List.of(
      DateTimeFormatter.RFC_1123_DATE_TIME,
      new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-").appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
          .appendPattern(" HH:mm:ss zzz").toFormatter(Locale.ENGLISH),
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC));

  /** An HTTP date, or null when the value is not one. */
  private static Instant instant(String value) {
    for (DateTimeFormatter form : HTTP_DATES) {
      try {
        return ZonedDateTime.parse(value.trim(), form).toInstant();
      } catch (DateTimeParseException e) {
        // the next form
      }
    }
    return null;
  }
}
