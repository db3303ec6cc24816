package dev.syndic.api;

import dev.syndic.entry.EntryFilter;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Query parameters naming a time: an ISO-8601 instant ({@code 2026-03-17T08:00:00Z}) or a UTC date ({@code 2026-03-17}). */
final class TimeParams {

  private TimeParams() {}

  @Nullable
  static Instant parse(String name, @Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    Instant t;
    try {
      t = v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw SourceChecks.bad(name + ": '" + v + "' is not a date (2026-03-17) or an instant (2026-03-17T08:00:00Z)");
    }
    if (!EntryFilter.storable(t)) {
      throw SourceChecks.bad(name + ": '" + v + "' is outside the times Syndic can search, " + EntryFilter.EARLIEST + " to " + EntryFilter.END);
    }
    return t;
  }
}
