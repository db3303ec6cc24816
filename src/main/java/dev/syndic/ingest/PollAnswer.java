package dev.syndic.ingest;

import dev.syndic.source.FetchRecord;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Optional;

/** How an admin's poll of one source ended. */
public sealed interface PollAnswer {

  /** The stored fetch record, when the source was polled. */
  default Optional<FetchRecord> record() {
    return this instanceof Polled p ? Optional.of(p.fetch()) : Optional.empty();
  }

  /** Polled; {@code fetch} is the stored fetch record. */
  record Polled(FetchRecord fetch) implements PollAnswer {}

  /** Not polled: another poll of the source (the scheduler's, an admin's, another instance's) holds its claim. */
  record Running() implements PollAnswer {}

  /**
   * Not polled: {@code host}, or its server ({@code address}; null when the name's own slots were
   * taken), had no free slot for as long as the poll waited ({@code
   * syndic.fetch.per-host-concurrency} requests of this instance to it were running); the
   * requests holding them end within {@code retryIn} at most.
   */
  record HostBusy(String host, @Nullable String address, Duration waited, Duration retryIn) implements PollAnswer {}
}
