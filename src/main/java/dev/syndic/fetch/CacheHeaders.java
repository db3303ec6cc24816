package dev.syndic.fetch;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads how long a server asks us to wait: Retry-After, Cache-Control max-age, Expires. */
final class CacheHeaders {

  private static final Pattern MAX_AGE = Pattern.compile("(?:^|,)\\s*max-age\\s*=\\s*\"?(\\d{1,10})");

  private CacheHeaders() {}

  /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(HttpHeaders headers, Clock clock) {
    return headers.firstValue("Retry-After").map(v -> delay(v, clock)).orElse(null);
  }

  /** Cache-Control max-age, else Expires; null when absent. */
  static Duration maxAge(HttpHeaders headers, Clock clock) {
    Optional<String> cacheControl = headers.firstValue("Cache-Control");
    if (cacheControl.isPresent()) {
      Matcher m = MAX_AGE.matcher(cacheControl.get().toLowerCase(Locale.ROOT));
      if (m.find()) {
        return Duration.ofSeconds(Long.parseLong(m.group(1)));
      }
    }
    return headers.firstValue("Expires").map(v -> httpDate(v, clock)).orElse(null);
  }

  static Duration delay(String value, Clock clock) {
    String v = value.trim();
    if (v.matches("\\d{1,10}")) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    return httpDate(v, clock);
  }

  private static Duration httpDate(String value, Clock clock) {
    try {
      Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(clock.instant(), at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
