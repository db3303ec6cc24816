package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.SqlArrays;
import dev.syndic.source.FetchRecord;
import dev.syndic.source.FetchRecordRepository;
import dev.syndic.source.SourceStats;
import dev.syndic.support.Api;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A source's fetch records are found through one index, (source, start) (V54): the history pages
 * by start, retention deletes by start and the stats count by start, each with the answers of the
 * record's start time also for a poll recorded after its lease ran out, which started before the
 * poll that took it over and was recorded after it (its id is the larger), and a page reads its
 * own records however long the history.
 */
@MicronautTest(transactional = false)
class FetchHistoryTest {

  @Inject
  @Client("/")
  HttpClient http;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  @Inject
  Retention retention;

  @Inject
  SourceStats stats;

  @Inject
  FetchRecordRepository fetches;

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

  /** A source's records as polls leave them, oldest id first; the late one (30 min ago) recorded last. */
  private record History(long source, long old, long before, long tieA, long tieB, long newest, long late) {}

  private History history(String name) {
    long source = new Api(http.toBlocking()).addSource("http://fetch-history.test/" + name);
    long old = record(source, Duration.ofDays(2), "error");
    long before = record(source, Duration.ofMinutes(20), "ok");
    long tieA = record(source, Duration.ofMinutes(10), "not_modified");
    long tieB = record(source, Duration.ofMinutes(10), "not_modified");
    long newest = record(source, Duration.ofMinutes(5), "ok");
    long late = record(source, Duration.ofMinutes(30), "ok");
    return new History(source, old, before, tieA, tieB, newest, late);
  }

  @Test
  void theHistoryPagesByStartNewestFirstWithALatePollWhereItsTimePlacesIt() {
    History h = history("paging");
    Api api = new Api(http.toBlocking());

    List<Long> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Map<String, Object> page = api.body(HttpRequest.GET("/api/v1/sources/" + h.source() + "/fetches?limit=2"
          + (cursor == null ? "" : "&cursor=" + cursor)));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
      items.forEach(i -> seen.add(((Number) i.get("id")).longValue()));
      cursor = (String) page.get("next");
      if (pages++ == 0) {
        // A poll recorded while an admin pages: it comes before the pages already read, not into them.
        record(h.source(), Duration.ofMinutes(1), "ok");
      }
    } while (cursor != null);

    assertEquals(List.of(h.newest(), h.tieB(), h.tieA(), h.before(), h.late(), h.old()), seen,
        "by start, newest first; two that started together by id; each once");
    // The id order's cursor (before V54) is no place in this order; the others no time PostgreSQL holds, or none.
    for (String raw : List.of("i:" + h.tieA(), "f:-9223372036854775808:1", "f:x:1", "f:1:2:3")) {
      String cursor400 = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
      assertEquals(400, api.call(HttpRequest.GET("/api/v1/sources/" + h.source() + "/fetches?cursor=" + cursor400)).code(), raw);
    }
  }

  @Test
  void retentionDeletesExactlyTheRecordsThatStartedBeforeTheCutOff() {
    History h = history("retention");

    retention.purgeFetchLog(Duration.ofMinutes(25));

    assertEquals(List.of(h.before(), h.tieA(), h.tieB(), h.newest()), idsOf(h.source()),
        "the late poll (started 30 min ago, the largest id) goes; the one it was recorded after (20 min ago) stays");
  }

  @Test
  void theStatsCountByStartAndNameTheLatestStartNotTheLastRecorded() {
    History h = history("stats");

    SourceStats.Stats s = stats.of(h.source());

    assertEquals(6, s.fetches());
    assertEquals(1, s.errors());
    assertEquals(now.minus(Duration.ofMinutes(5)), s.lastFetchAt(), "the newest start, not the late poll's");
    assertEquals(5, s.last24h().fetches());
    assertEquals(0, s.last24h().errors());
    assertEquals(6, s.last7d().fetches());
    assertEquals(1, s.last7d().errors());
  }

  @Test
  void aPageReadsItsOwnRecordsHoweverLongTheHistory() {
    long source = new Api(http.toBlocking()).addSource("http://fetch-history.test/long");
    // Thirty days of polls every ten minutes.
    tx.executeWrite(s -> jdbc.prepareStatement(
        """
        INSERT INTO fetch_log (source_id, started_at, duration_ms, outcome)
        SELECT ?, ?::timestamptz - g * interval '10 minutes', 1, 'not_modified' FROM generate_series(4320, 1, -1) g
        """, ps -> {
          ps.setLong(1, source);
          ps.setTimestamp(2, Timestamp.from(now));
          return ps.executeUpdate();
        }));
    tx.executeWrite(s -> jdbc.prepareStatement("ANALYZE fetch_log", PreparedStatement::execute));

    List<FetchRecord> first = new ArrayList<>();
    long firstRead = rowsRead(() -> first.addAll(fetches.newest(source, 51)));
    FetchRecord last = first.get(50);
    List<FetchRecord> next = new ArrayList<>();
    long nextRead = rowsRead(() -> next.addAll(fetches.before(source, last.startedAt(), last.id(), 51)));

    assertEquals(now.minus(Duration.ofMinutes(10)), first.get(0).startedAt());
    assertEquals(last.startedAt().minus(Duration.ofMinutes(10)), next.get(0).startedAt(), "the page after goes on where the first ended");
    assertEquals(51, next.size());
    // The page, the one past it that ends its last start, and after a cursor the record it names.
    assertTrue(firstRead <= 52 && nextRead <= 53, "rows read for pages of 51 of 4,320: " + firstRead + " and " + nextRead);
  }

  /** Rows of fetch_log read (by index or by a pass) while {@code read} runs, in one transaction. */
  private long rowsRead(Runnable read) {
    Supplier<Long> counter = () -> jdbc.prepareStatement(
        "SELECT COALESCE(seq_tup_read, 0) + COALESCE(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables WHERE relname = 'fetch_log'", ps -> {
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
    return tx.executeRead(s -> {
      long start = counter.get();
      read.run();
      return counter.get() - start;
    });
  }

  private long record(long source, Duration ago, String outcome) {
    return tx.executeWrite(s -> jdbc.prepareStatement(
        "INSERT INTO fetch_log (source_id, started_at, duration_ms, outcome) VALUES (?, ?, 1, ?) RETURNING id", ps -> {
          ps.setLong(1, source);
          ps.setTimestamp(2, Timestamp.from(now.minus(ago)));
          ps.setString(3, outcome);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        }));
  }

  private List<Long> idsOf(long source) {
    return tx.executeRead(s -> jdbc.prepareStatement("SELECT id FROM fetch_log WHERE source_id = ? ORDER BY id", ps -> {
      ps.setLong(1, source);
      return SqlArrays.longs(ps.executeQuery());
    }));
  }
}
