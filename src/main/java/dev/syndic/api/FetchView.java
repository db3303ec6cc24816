package dev.syndic.api;

import dev.syndic.source.FetchRecord;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One fetch of a source. */
@Serdeable
record FetchView(
    long id,
    long sourceId,
    Instant startedAt,
    long durationMs,
    String outcome,
    @Nullable Integer httpStatus,
    long bytes,
    int entriesFound,
    int newEntries,
    int updatedEntries,
    @Nullable String error,
    @Nullable String repairs) {

  static FetchView of(FetchRecord r) {
    return new FetchView(r.id(), r.sourceId(), r.startedAt(), r.durationMs(), r.outcome(), r.httpStatus(), r.bytes(), r.entriesFound(),
        r.newEntries(), r.updatedEntries(), r.error(), r.repairs());
  }
}
