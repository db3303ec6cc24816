package dev.syndic.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syndic.support.TestPostgres;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Migration V24 numbers the entries stored before it once, in id order, before any arriving later. */
class ArrivalBackfillTest {

  @Test
  void entriesStoredBeforeTheMigrationAreNumberedOnceInIdOrder() {
    try (TestPostgres pg = TestPostgres.start()) {
      flyway(pg, "23").migrate();
      long source = pg.number("INSERT INTO source (url) VALUES ('http://backfill.test/feed') RETURNING id");
      for (String key : List.of("k0", "k1", "k2", "k3", "k4")) {
        pg.update("INSERT INTO entry (source_id, identity_key, sort_at, first_seen_at, updated_at, content_hash) VALUES (?, ?, now(), now(), now(), 'h')",
            source, key);
      }
      pg.update("DELETE FROM entry WHERE identity_key = 'k2'");
      pg.update("UPDATE entry SET hidden = TRUE WHERE identity_key = 'k3'");

      flyway(pg, "latest").migrate();

      List<Object> ids = pg.column("SELECT id FROM entry ORDER BY id");
      assertEquals(4, ids.size());
      assertEquals(ids, pg.column("SELECT entry_id FROM entry_arrival ORDER BY arrival"), "each stored entry once, in id order (hidden ones too)");
      assertEquals(List.of(1L, 2L, 3L, 4L), pg.column("SELECT arrival FROM entry_arrival ORDER BY arrival"));
      assertEquals(0, pg.number("SELECT count(*) FROM entry_arrival_queue"), "nothing left for the sequencer");
      assertEquals(5, pg.number("SELECT nextval('entry_arrival_seq')"), "later arrivals come after them");
    }
  }

  private static Flyway flyway(TestPostgres pg, String target) {
    return Flyway.configure().dataSource(pg.jdbcUrl(), "postgres", "").locations("classpath:db/migration").target(target).load();
  }
}
