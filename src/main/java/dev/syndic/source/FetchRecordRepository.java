package dev.syndic.source;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** Fetch history, newest first. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface FetchRecordRepository extends CrudRepository<FetchRecord, Long> {

  @Query("SELECT * FROM fetch_log WHERE source_id = :sourceId AND id < :beforeId ORDER BY id DESC LIMIT :limit")
  List<FetchRecord> history(long sourceId, long beforeId, int limit);
}
