package dev.syndic.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What PostgreSQL wrote and read per stored entry over a measured cycle, from its statistics views:
 * rows inserted, updated (and of those, HOT: no new index entries), deleted, per table; scans and
 * size per index. An update that is not HOT writes a new entry into every index of its table, so
 * these counts say where the index writes of an entry come from; and the write-ahead log of the
 * whole server (its bytes and full-page images per entry, the checkpoints begun meanwhile, by time
 * or because the log reached {@code max_wal_size}). Read with {@code -Dbench.pgss=true}, beside the
 * statements' account.
 */
final class TableWrites {

  // A backend sends its counts to the shared statistics when it goes idle, at most once a second,
  // and an idle one within ten: the cycle's last counts are in after that.
  private static final long FLUSH_MILLIS = 11_000;

  private final Map<String, long[]> tables;
  private final Map<String, long[]> indexes;
  private final long[] wal;

  private TableWrites(Map<String, long[]> tables, Map<String, long[]> indexes, long[] wal) {
    this.tables = tables;
    this.indexes = indexes;
    this.wal = wal;
  }

  /** The counts so far. */
  static TableWrites read(SyndicUnderTest syndic) {
    Map<String, long[]> tables = new LinkedHashMap<>();
    syndic.query("SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del FROM pg_stat_user_tables ORDER BY relname",
        rs -> tables.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)}));
    Map<String, long[]> indexes = new LinkedHashMap<>();
    syndic.query("SELECT relname || '.' || indexrelname, idx_scan, pg_relation_size(indexrelid) FROM pg_stat_user_indexes ORDER BY 1",
        rs -> indexes.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)}));
    long[] wal = new long[5];
    syndic.query("SELECT w.wal_records, w.wal_fpi, w.wal_bytes, c.num_timed, c.num_requested FROM pg_stat_wal w, pg_stat_checkpointer c",
        rs -> {
          for (int i = 0; i < wal.length; i++) {
            wal[i] = rs.getLong(i + 1);
          }
        });
    return new TableWrites(tables, indexes, wal);
  }

  /** Waits for the backends' counts to reach the shared statistics, then reads them. */
  static TableWrites readSettled(SyndicUnderTest syndic) throws InterruptedException {
    Thread.sleep(FLUSH_MILLIS);
    return read(syndic);
  }

  /** Prints what changed since {@code before}, per entry: the tables and indexes that did. */
  void printSince(TableWrites before, long entries) {
    tables.forEach((name, now) -> {
      long[] was = before.tables.getOrDefault(name, new long[4]);
      long ins = now[0] - was[0];
      long upd = now[1] - was[1];
      long hot = now[2] - was[2];
      long del = now[3] - was[3];
      if (ins + upd + del > 0) {
        System.out.printf("pgtab %-22s inserted %6.2f updated %6.2f (HOT %6.2f) deleted %6.2f rows/entry%n",
            name, (double) ins / entries, (double) upd / entries, (double) hot / entries, (double) del / entries);
      }
    });
    indexes.forEach((name, now) -> {
      long[] was = before.indexes.getOrDefault(name, new long[2]);
      System.out.printf("pgidx %-50s scans %8.2f /entry, %7.1f MB (+%.1f)%n",
          name, (double) (now[0] - was[0]) / entries, now[1] / 1e6, (now[1] - was[1]) / 1e6);
    });
    System.out.printf("pgwal %.1f records, %.2f full-page images, %,.0f bytes per entry; checkpoints begun: %d by time, %d requested (max_wal_size)%n",
        (double) (wal[0] - before.wal[0]) / entries, (double) (wal[1] - before.wal[1]) / entries, (double) (wal[2] - before.wal[2]) / entries,
        wal[3] - before.wal[3], wal[4] - before.wal[4]);
  }
}
