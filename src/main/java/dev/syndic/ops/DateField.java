package dev.syndic.ops;

import dev.syndic.HttpDates;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Clock;

/**
 * Every answer's {@code Date} is IMF-fixdate ({@link HttpDates}), the form RFC 9110 requires of a
 * sender, taken from the service's clock, the one Last-Modified is bounded by. Micronaut's own
 * (on when this filter does not run: a request Netty refuses before routing) wrote the first nine
 * days of a month with one digit, as Java's RFC 1123 formatter does.
 */
@ServerFilter("/**")
final class DateField {

  private final Clock clock;

  DateField(Clock clock) {
    this.clock = clock;
  }

  @ResponseFilter
  void imfFixdate(MutableHttpResponse<?> response) {
    response.getHeaders().set(HttpHeaders.DATE, HttpDates.format(clock.instant()));
  }
}
