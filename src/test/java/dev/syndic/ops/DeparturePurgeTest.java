package dev.syndic.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Removals listed to partners in arrival order (V56) go after {@code syndic.retention.departure-max-age};
 * younger ones stay, however many old ones there are (more than one statement's worth here).
 */
@MicronautTest(transactional = false)
@Property(name = "syndic.arrival.tick", value = "1h") // the sequencer would go through a narrowing a test leaves under way
class DeparturePurgeTest {

  @Inject
  Retention retention;

  @Inject
  JdbcOperations jdbc;

  @Inject
  TransactionOperations<Connection> tx;

  @Test
  void removalsOlderThanTheirAgeGoAndYoungerOnesStay() {
    int old = Retention.DEPARTURES_PER_STATEMENT + 7;
    sql("INSERT INTO entry_departure (entry_id, item_id, category_ids, departed_at) "
        + "SELECT -g, 'urn:syndic:entry:old', '{}', now() - interval '40 days' FROM generate_series(1, " + old + ") g");
    sql("INSERT INTO entry_departure (entry_id, item_id, category_ids, departed_at) "
        + "SELECT -g, 'urn:syndic:entry:young', '{}', now() - interval '2 days' FROM generate_series(1, 5) g");

    assertEquals(old, retention.purgeDepartures(Duration.ofDays(30)));
    assertEquals(0, count("urn:syndic:entry:old"));
    assertEquals(5, count("urn:syndic:entry:young"));
    assertEquals(0, retention.purgeDepartures(Duration.ofDays(30)), "nothing more to do");
  }

  /**
   * A deleted category's recorded grants (V63) route its removals; they go once no removal names
   * the category, numbered or still queued, and not before.
   */
  @Test
  void theGrantsOfADeletedCategoryGoOnceNoRemovalNamesIt() {
    long partner = partner("purge-deleted");
    long purged = -7_000_000 - partner * 10;
    long listed = purged - 1;
    long queued = purged - 2;
    try {
      for (long category : new long[] {purged, listed, queued}) {
        sql("INSERT INTO deleted_category_grant (category_id, slug, partner_id) VALUES (" + category + ", 'gone', " + partner + ")");
      }
      sql("INSERT INTO entry_departure (entry_id, item_id, category_ids, departed_at) VALUES (-1, 'urn:syndic:entry:gone-old', '{"
          + purged + "}', now() - interval '40 days')");
      sql("INSERT INTO entry_departure (entry_id, item_id, category_ids, departed_at) VALUES (-1, 'urn:syndic:entry:gone-young', '{"
          + listed + "}', now() - interval '2 days')");
      sql("INSERT INTO entry_departure_queue (entry_id, item_id, category_ids) VALUES (-1, 'urn:syndic:entry:gone-queued', '{" + queued + "}')");
      retention.purgeDepartures(Duration.ofDays(30));
      assertEquals(0, number("SELECT count(*) FROM deleted_category_grant WHERE category_id = " + purged), "its last removal went");
      assertEquals(1, number("SELECT count(*) FROM deleted_category_grant WHERE category_id = " + listed), "a removal still names it");
      assertEquals(1, number("SELECT count(*) FROM deleted_category_grant WHERE category_id = " + queued), "a queued removal names it");
    } finally {
      forget("gone-");
    }
  }

  /**
   * A narrowed grant's record (V64) routes the removals of the category it lost numbered up to the
   * position it was done at; it goes once it is done and none of those is left, not while it is
   * under way, nor while one is.
   */
  @Test
  void aNarrowedGrantsRecordGoesOnceDoneAndNoRemovalItRoutesIsLeft() {
    long partner = partner("purge-narrowed");
    long category = number("INSERT INTO category (slug, name_zh, name_en) VALUES ('purge-narrowed-" + partner + "', '收窄', 'Narrowed') RETURNING id");
    long pending = number("INSERT INTO category (slug, name_zh, name_en) VALUES ('purge-pending-" + partner + "', '未完', 'Pending') RETURNING id");
    try {
      long old = number("INSERT INTO entry_departure (entry_id, item_id, category_ids, departed_at) VALUES (-1, 'urn:syndic:entry:narrowed-old', '{"
          + category + "}', now() - interval '40 days') RETURNING arrival");
      sql("INSERT INTO grant_narrowing (partner_id, category_id, gone_through, through) VALUES (" + partner + ", " + category + ", TRUE, " + old + ")");
      sql("INSERT INTO grant_narrowing (partner_id, category_id) VALUES (" + partner + ", " + pending + ")");
      long young = number("INSERT INTO entry_departure (entry_id, item_id, category_ids, departed_at) VALUES (-1, 'urn:syndic:entry:narrowed-young', '{"
          + category + "}', now() - interval '2 days') RETURNING arrival");

      sql("UPDATE grant_narrowing SET through = " + young + " WHERE category_id = " + category);
      retention.purgeDepartures(Duration.ofDays(30));
      assertEquals(1, number("SELECT count(*) FROM grant_narrowing WHERE category_id = " + category), "a removal up to its position is left");

      sql("UPDATE grant_narrowing SET through = " + old + " WHERE category_id = " + category);
      retention.purgeDepartures(Duration.ofDays(30));
      assertEquals(0, number("SELECT count(*) FROM grant_narrowing WHERE category_id = " + category), "done, and what it routed went");
      assertEquals(1, number("SELECT count(*) FROM grant_narrowing WHERE category_id = " + pending), "under way");
    } finally {
      forget("narrowed-");
    }
  }

  /**
   * Deletes the removals a test made, queued or numbered, whatever their age: young ones left at
   * low positions would keep the oldest statement's worth from being all old.
   */
  private void forget(String itemPrefix) {
    sql("DELETE FROM entry_departure_queue WHERE item_id LIKE 'urn:syndic:entry:" + itemPrefix + "%'");
    sql("DELETE FROM entry_departure WHERE item_id LIKE 'urn:syndic:entry:" + itemPrefix + "%'");
  }

  /** A partner made by SQL, granted nothing; answers its id. */
  private long partner(String name) {
    String unique = name + "-" + System.nanoTime();
    return number("INSERT INTO partner (name, key_hash, key_hint) VALUES ('" + unique + "', '" + unique + "', 'x') RETURNING id");
  }

  private long number(String statement) {
    return tx.executeWrite(s -> jdbc.prepareStatement(statement, ps -> {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }));
  }

  private void sql(String statement) {
    tx.executeWrite(s -> jdbc.prepareStatement(statement, ps -> ps.executeUpdate()));
  }

  private long count(String itemId) {
    return tx.executeRead(s -> jdbc.prepareStatement("SELECT count(*) FROM entry_departure WHERE item_id = ?", ps -> {
      ps.setString(1, itemId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }));
  }
}
