package dev.syndic.fetch;

import io.micronaut.core.annotation.Nullable;
import java.net.URI;

/** What to fetch, with the validators of the last successful fetch for a conditional GET. */
public record FetchRequest(URI url, @Nullable String etag, @Nullable String lastModified) {

  public static FetchRequest unconditional(URI url) {
    return new FetchRequest(url, null, null);
  }
}
