package dev.syndic.source;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Sources; schedule updates go through {@link dev.syndic.source.SourceSchedule}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SourceRepository extends CrudRepository<Source, Long> {

  Optional<Source> findByUrl(String url);

  /** Those of {@code urls} that a source already has, in no order. */
  @Query("SELECT url FROM source WHERE url IN (:urls)")
  List<String> subscribed(Collection<String> urls);

  /** A source's id and category, by which an export orders its sources. */
  @Introspected
  record Filed(long id, @Nullable String defaultCategory) {}

  /** Every source's id and category, in no order. */
  @Query("SELECT id, default_category FROM source")
  List<Filed> filed();

  /**
   * What an OPML export writes of a source; {@code idUrl} is the address its item ids are made
   * from when it moved (V34): not part of {@link Source}, so that writing a source read before a
   * move never writes it back.
   */
  @Introspected
  record Exported(long id, String url, @Nullable String title, @Nullable String siteUrl, @Nullable String defaultCategory, boolean enabled,
      String status, @Nullable String idUrl, @Nullable Integer pollIntervalSeconds) {}

  /** The sources of {@code ids} that still exist, in no order. */
  @Query("SELECT id, url, title, site_url, default_category, enabled, status, id_url, poll_interval_seconds FROM source WHERE id IN (:ids)")
  List<Exported> exported(Collection<Long> ids);

  /** The sources that pass every filter given (null: no filter): the list's, and a change's or deletion's of many sources. */
  String FILTER = """
      (CAST(:status AS text) IS NULL OR status = :status)
        AND (CAST(:enabled AS boolean) IS NULL OR enabled = :enabled)
        AND (CAST(:category AS text) IS NULL OR default_category = :category)
        AND (CAST(:pattern AS text) IS NULL OR title ILIKE :pattern OR url ILIKE :urlPattern
            OR (CAST(:hostPattern AS text) IS NOT NULL AND url ILIKE :hostPattern))
        AND consecutive_errors >= :minErrors
        AND (CAST(:noSuccessSince AS timestamptz) IS NULL OR last_success_at IS NULL OR last_success_at < :noSuccessSince)
        AND (CAST(:quietSince AS timestamptz) IS NULL OR last_new_entry_at IS NULL OR last_new_entry_at < :quietSince)
      """;

  /**
   * A page of the sources that pass every filter given (null: no filter), by id: what an admin
   * with a hundred thousand sources asks for ("which are failing", "which have not worked for a
   * week", "which are these of example.com").
   *
   * @param pattern an {@code ILIKE} pattern on the title
   * @param urlPattern the same on the URL, of the text as a URI writes it (non-ASCII and spaces
   *     percent-encoded, as addresses are stored)
   * @param hostPattern the same of the text as an ASCII (punycode) host name, when that differs; or null
   * @param noSuccessSince sources whose last successful poll is older, or that never had one
   * @param quietSince sources whose last new entry is older, or that never brought one
   */
  @Query("SELECT * FROM source WHERE id > :afterId AND " + FILTER + " ORDER BY id LIMIT :limit")
  List<Source> page(long afterId, @Nullable String status, @Nullable Boolean enabled, @Nullable String category, @Nullable String pattern,
      @Nullable String urlPattern, @Nullable String hostPattern,
      int minErrors, @Nullable Instant noSuccessSince, @Nullable Instant quietSince, int limit);

  /** How many sources pass every filter given ({@link #FILTER}, as {@link #page} reads them). */
  @Query("SELECT count(*) FROM source WHERE " + FILTER)
  long selected(@Nullable String status, @Nullable Boolean enabled, @Nullable String category, @Nullable String pattern,
      @Nullable String urlPattern, @Nullable String hostPattern, int minErrors,
      @Nullable Instant noSuccessSince, @Nullable Instant quietSince);

  /**
   * Marks for deletion under {@code request} the sources that pass the filters ({@link #FILTER}),
   * only if they are {@code expect} in number: the count and the marks come from one snapshot, so
   * a source that starts or stops passing meanwhile cannot slip in between. Answers the sources
   * marked (0: the filters select another number, or every one was already marked under {@code
   * request}).
   */
  @Query("""
      WITH selected AS MATERIALIZED (SELECT id FROM source WHERE """ + FILTER + """
        )
      INSERT INTO source_deletion (request, source_id, marked_at)
      SELECT :request, id, :now FROM selected WHERE (SELECT count(*) FROM selected) = :expect
      ON CONFLICT DO NOTHING""")
  long markForDeletion(String request, @Nullable String status, @Nullable Boolean enabled, @Nullable String category,
      @Nullable String pattern, @Nullable String urlPattern, @Nullable String hostPattern, int minErrors, @Nullable Instant noSuccessSince,
      @Nullable Instant quietSince, long expect, Instant now);

  /** The ids of sources still marked under {@code request} (deleting a source takes its mark), by id, after {@code afterId}. */
  @Query("SELECT source_id FROM source_deletion WHERE request = :request AND source_id > :afterId ORDER BY source_id LIMIT :limit")
  List<Long> markedForDeletion(String request, long afterId, int limit);

  /** Forgets the marks made before {@code before}: a deletion cut off then and not asked for again. */
  @Query("DELETE FROM source_deletion WHERE marked_at < :before")
  long forgetDeletionMarks(Instant before);

  /**
   * An admin's change to a source: writes only the settings the change gives ({@code *Given}) and,
   * only when it asks for them, the status ({@code setStatus}), an immediate poll ({@code pollNow})
   * and, for a new address ({@code moved}), a reset of what was learnt from the old one and of a
   * poll of it still running (its claim: that poll's end then writes nothing, its 301 included).
   * Not the row as read before: a poll that ends meanwhile keeps its outcome (next poll,
   * validators, errors, a permanent redirect's address) and another admin's change of other
   * settings stands. Answers the rows changed (0: no such source).
   */
  @Query("""
      UPDATE source SET
        url = CASE WHEN :moved THEN :url ELSE url END,
        title = CASE WHEN :titleGiven THEN :title ELSE title END,
        default_category = CASE WHEN :categoryGiven THEN :category ELSE default_category END,
        enabled = CASE WHEN :enabledGiven THEN :enabled ELSE enabled END,
        poll_interval_seconds = CASE WHEN :intervalGiven THEN :interval ELSE poll_interval_seconds END,
        status = CASE WHEN :setStatus THEN :status ELSE status END,
        status_reason = CASE WHEN :setStatus THEN :reason ELSE status_reason END,
        next_poll_at = CASE WHEN :pollNow THEN :now ELSE next_poll_at END,
        etag = CASE WHEN :moved THEN NULL ELSE etag END,
        last_modified = CASE WHEN :moved THEN NULL ELSE last_modified END,
        body_hash = CASE WHEN :moved THEN NULL ELSE body_hash END,
        last_body_at = CASE WHEN :moved THEN NULL ELSE last_body_at END,
        feed_ttl_seconds = CASE WHEN :moved THEN NULL ELSE feed_ttl_seconds END,
        claimed_by = CASE WHEN :moved THEN NULL ELSE claimed_by END,
        claimed_until = CASE WHEN :moved THEN NULL ELSE claimed_until END,
        updated_at = :now
      WHERE id = :id""")
  long applyAdminChange(long id, boolean moved, String url, boolean titleGiven, @Nullable String title, boolean categoryGiven,
      @Nullable String category, boolean enabledGiven, boolean enabled, boolean intervalGiven, @Nullable Integer interval,
      boolean setStatus, @Nullable String status, @Nullable String reason, boolean pollNow, Instant now);

  /**
   * An admin's change of every source that passes the filters ({@link #FILTER}, as {@link #page}
   * reads them) in one statement: pauses those not paused ({@code pause}), resumes the paused ones,
   * due at once ({@code resume}), and sets {@code enabled} and the category where given. Polls
   * under way end as after a change of one source. Answers the sources changed: those the change
   * leaves as they were are not written (95,012 rows rewritten for nothing took 6.3 s). The rows
   * are taken in id order, as the recording of polls takes them (SourceSchedule), or the two
   * deadlock.
   */
  @Query("""
      WITH taken AS (
        SELECT id FROM source
        WHERE (:pause AND status <> 'paused' OR :resume AND status = 'paused' OR :enabledGiven AND enabled <> :on
               OR :categoryGiven AND default_category IS DISTINCT FROM :newCategory)
          AND """ + FILTER + """
        ORDER BY id FOR NO KEY UPDATE)
      UPDATE source SET
        status = CASE WHEN :pause THEN 'paused' WHEN :resume AND status = 'paused' THEN 'active' ELSE status END,
        status_reason = CASE WHEN :pause AND status <> 'paused' THEN 'paused by an admin'
                             WHEN :resume AND status = 'paused' THEN NULL ELSE status_reason END,
        next_poll_at = CASE WHEN :resume AND status = 'paused' THEN :now ELSE next_poll_at END,
        enabled = CASE WHEN :enabledGiven THEN :on ELSE enabled END,
        default_category = CASE WHEN :categoryGiven THEN :newCategory ELSE default_category END,
        updated_at = :now
      FROM taken WHERE source.id = taken.id""")
  long changeAll(@Nullable String status, @Nullable Boolean enabled, @Nullable String category, @Nullable String pattern,
      @Nullable String urlPattern, @Nullable String hostPattern, int minErrors,
      @Nullable Instant noSuccessSince, @Nullable Instant quietSince, boolean pause, boolean resume, boolean enabledGiven, boolean on,
      boolean categoryGiven, @Nullable String newCategory, Instant now);
}
