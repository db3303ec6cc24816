package dev.syndic.source;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

/** Sources; schedule updates go through {@link dev.syndic.source.SourceSchedule}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SourceRepository extends CrudRepository<Source, Long> {

  Optional<Source> findByUrl(String url);

  @Query("SELECT * FROM source WHERE id > :afterId ORDER BY id LIMIT :limit")
  List<Source> page(long afterId, int limit);
}
