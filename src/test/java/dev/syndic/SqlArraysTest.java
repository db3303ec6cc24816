package dev.syndic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.support.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqlArraysTest {

  private static TestPostgres pg;

  @BeforeAll
  static void start() {
    pg = TestPostgres.start();
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  @Test
  void instantsArriveAsTheSameInstantsInAZoneWhoseClocksGoBack() throws Exception {
    // 2026-10-25 in Berlin: 02:30 comes twice, at 00:30 UTC (summer time) and at 01:30 UTC.
    List<Instant> instants = List.of(Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-25T01:30:00Z"),
        Instant.parse("2026-10-25T01:59:59.999999Z"), Instant.parse("2026-07-01T12:00:00.123456Z"));
    assertEquals(instants, stored(instants, "Europe/Berlin"));
    assertEquals(instants, stored(instants, "UTC"));
  }

  /** The instants as the server reads them from a connection opened with the JVM in {@code zone}. */
  private static List<Instant> stored(List<Instant> instants, String zone) throws Exception {
    TimeZone before = TimeZone.getDefault();
    // The driver sets the session's time zone to the JVM's when it connects.
    TimeZone.setDefault(TimeZone.getTimeZone(zone));
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "");
        PreparedStatement ps = c.prepareStatement("SELECT extract(epoch FROM t) * 1000000 FROM unnest(?::timestamptz[]) WITH ORDINALITY AS u(t, n) ORDER BY n")) {
      ps.setArray(1, SqlArrays.column(c, "timestamptz", instants, Function.identity()));
      List<Instant> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long micros = rs.getBigDecimal(1).longValueExact();
          out.add(Instant.EPOCH.plusNanos(micros * 1000));
        }
      }
      return out;
    } finally {
      TimeZone.setDefault(before);
    }
  }
}
