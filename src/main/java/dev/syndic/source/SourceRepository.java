package dev.syndic.source;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Sources; schedule updates go through {@link dev.syndic.source.SourceSchedule}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SourceRepository extends CrudRepository<Source, Long> {

  Optional<Source> findByUrl(String url);

  @Query("SELECT * FROM source WHERE id > :afterId ORDER BY id LIMIT :limit")
  List<Source> page(long afterId, int limit);

  /**
   * A page of the sources that pass every filter given (null: no filter), by id: what an admin
   * with a hundred thousand sources asks for ("which are failing", "which have not worked for a
   * week", "which are these of example.com").
   *
   * @param pattern an {@code ILIKE} pattern on the URL or title
   * @param noSuccessSince sources whose last successful poll is older, or that never had one
   * @param quietSince sources whose last new entry is older, or that never brought one
   */
  @Query("""
      SELECT * FROM source
      WHERE id > :afterId
        AND (CAST(:status AS text) IS NULL OR status = :status)
        AND (CAST(:enabled AS boolean) IS NULL OR enabled = :enabled)
        AND (CAST(:category AS text) IS NULL OR default_category = :category)
        AND (CAST(:pattern AS text) IS NULL OR url ILIKE :pattern OR title ILIKE :pattern)
        AND consecutive_errors >= :minErrors
        AND (CAST(:noSuccessSince AS timestamptz) IS NULL OR last_success_at IS NULL OR last_success_at < :noSuccessSince)
        AND (CAST(:quietSince AS timestamptz) IS NULL OR last_new_entry_at IS NULL OR last_new_entry_at < :quietSince)
      ORDER BY id LIMIT :limit""")
  List<Source> page(long afterId, @Nullable String status, @Nullable Boolean enabled, @Nullable String category, @Nullable String pattern,
      int minErrors, @Nullable Instant noSuccessSince, @Nullable Instant quietSince, int limit);
}
