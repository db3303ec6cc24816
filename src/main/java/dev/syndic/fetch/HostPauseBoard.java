package dev.syndic.fetch;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * Where a host's pause (it answered 429 Too Many Requests) is posted so that other instances keep
 * away from it too, and read back. {@link FeedFetcher} keeps its own pauses as well, so an
 * instance that cannot reach the board still honours the pauses it was asked for itself.
 */
public interface HostPauseBoard {

  /** No board: pauses stay with the instance that was asked. */
  HostPauseBoard NONE = new HostPauseBoard() {
    @Override
    public void post(String host, Instant until) {}

    @Override
    public Instant pausedUntil(String host, Instant now) {
      return null;
    }
  };

  /** Posts that the host asked to be left alone until {@code until}; never throws. */
  void post(String host, Instant until);

  /** Until when some instance was asked to leave the host alone, or null when none was. */
  @Nullable
  Instant pausedUntil(String host, Instant now);

  /** The later of two pause ends, either of which may be null (no pause). */
  @Nullable
  static Instant later(@Nullable Instant a, @Nullable Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }
}
