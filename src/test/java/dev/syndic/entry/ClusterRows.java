package dev.syndic.entry;

import dev.syndic.SqlArrays;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;

/** Rows the tests of the dedupe keys, the clustering log and cluster membership start from, each written in a transaction of its own. */
record ClusterRows(JdbcOperations jdbc, TransactionOperations<Connection> tx) {

  /** A new source at {@code url}; its id. */
  long source(String url) {
    return tx.executeWrite(s -> jdbc.prepareStatement("INSERT INTO source (url, next_poll_at) VALUES (?, now()) RETURNING id", ps -> {
      ps.setString(1, url);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }));
  }

  /** {@code n} new entries of {@code source} titled "copy", keyed {@code prefix1} to {@code prefixN}; their ids in that order. */
  List<Long> entries(long source, String prefix, int n) {
    return tx.executeWrite(s -> jdbc.prepareStatement(
        """
        INSERT INTO entry (source_id, identity_key, title, sort_at, first_seen_at, updated_at, content_hash)
        SELECT ?, ? || g, 'copy', now(), now(), now(), 'h' FROM generate_series(1, ?) g ORDER BY g RETURNING id
        """, ps -> {
          ps.setLong(1, source);
          ps.setString(2, prefix);
          ps.setInt(3, n);
          return SqlArrays.longs(ps.executeQuery());
        }));
  }
}
