package dev.syndic.source;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

/**
 * Fetch history, newest first: by start, records that started at the same instant by id. The
 * order the one index of a source's records, (source, start), reads (V54): a page costs its own
 * records, however long the history. A poll recorded after its lease ran out started before the
 * poll that took it over, which was recorded first; it is listed by its start, where its time
 * places it.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface FetchRecordRepository extends CrudRepository<FetchRecord, Long> {

  /** The source's newest {@code limit} records. */
  @Query("SELECT * FROM fetch_log WHERE source_id = :sourceId ORDER BY started_at DESC, id DESC LIMIT :limit")
  List<FetchRecord> newest(long sourceId, int limit);

  /** The source's {@code limit} records that come after the one that started at {@code startedAt} with this {@code id}. */
  @Query("""
      SELECT * FROM fetch_log WHERE source_id = :sourceId AND (started_at, id) < (:startedAt, :id)
      ORDER BY started_at DESC, id DESC LIMIT :limit""")
  List<FetchRecord> before(long sourceId, Instant startedAt, long id, int limit);
}
