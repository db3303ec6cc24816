package dev.syndic.source;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One fetch of a source, kept as history.
 *
 * @param outcome {@code ok}, {@code not_modified} or {@code error}
 * @param httpStatus the HTTP status, null when no response arrived
 * @param error what went wrong, in words an admin can act on
 */
@MappedEntity("fetch_log")
public record FetchRecord(
    @Id @GeneratedValue @Nullable Long id,
    long sourceId,
    Instant startedAt,
    long durationMs,
    String outcome,
    @Nullable Integer httpStatus,
    long bytes,
    int entriesFound,
    int newEntries,
    int updatedEntries,
    @Nullable String error) {}
