package dev.syndic.fetch;

import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** The outcome of one fetch. Expected outcomes are cases, not exceptions. */
public sealed interface FetchResult {

  /** The HTTP status, or 0 when no response was received (or for {@code file:}). */
  int status();

  /**
   * A body was received.
   *
   * @param finalUrl the URL after redirects
   * @param movedTo where the source moved: the address its leading permanent redirects (301,
   *     308) lead to, before any temporary one; null when the first hop was not permanent
   * @param contentType the Content-Type header, which may carry a charset
   * @param maxAge how long the server asks clients to wait before the next request, if it says
   * @param notMoved why a permanent redirect on the way was not taken as a move, or null: one
   *     from https to http (a downgrade, or someone in between rewriting a plain-http answer) ends
   *     the move as a temporary one does
   */
  record Fetched(
      int status,
      URI finalUrl,
      @Nullable URI movedTo,
      byte[] body,
      @Nullable String contentType,
      @Nullable String etag,
      @Nullable String lastModified,
      @Nullable Duration maxAge,
      @Nullable String notMoved)
      implements FetchResult {}

  /**
   * 304, or nothing changed since the last fetch.
   *
   * @param movedTo where the source moved, as for {@link Fetched#movedTo}: a moved feed may still
   *     match the old validators
   * @param notMoved as for {@link Fetched#notMoved}
   */
  record NotModified(int status, @Nullable URI movedTo, @Nullable Duration maxAge, @Nullable String notMoved) implements FetchResult {}

  /**
   * The server of the source's host (or of a host it redirects to) already has as many requests
   * from this instance as allowed: try again after about {@code retryIn}, which grows while the
   * server frees no slot.
   *
   * @param host the name of the busy host, as the URL gives it
   * @param address the server's address, whose slots are shared by every name it serves; null
   *     when the name's own slots were taken (it is not resolved then)
   */
  record Deferred(String host, @Nullable String address, Duration retryIn) implements FetchResult {
    @Override
    public int status() {
      return 0;
    }
  }

  /**
   * The source's host answered another of this instance's requests with 429 Too Many Requests
   * and asked it to wait until {@code until}; not fetched, so as not to keep hitting it.
   */
  record HostPaused(String host, Instant until) implements FetchResult {
    @Override
    public int status() {
      return 0;
    }
  }

  /** 410: the source is gone and should not be polled again until an admin says so. */
  record Gone(int status) implements FetchResult {}

  /**
   * Anything else: a status that is not success, a refused address, a timeout, a body too big.
   *
   * @param message what went wrong, in words an admin can act on
   * @param retryAfter how long the server asked us to wait (429, 503), if it said
   */
  record Failed(int status, String message, @Nullable Duration retryAfter) implements FetchResult {
    public static Failed of(String message) {
      return new Failed(0, message, null);
    }
  }
}
