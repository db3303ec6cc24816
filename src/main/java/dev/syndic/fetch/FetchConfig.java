package dev.syndic.fetch;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How feeds are fetched.
 *
 * @param fileRoot the only folder {@code file:} source URLs may read
 * @param allowPrivateAddresses allow loopback, private and link-local targets (tests, intranets)
 * @param userAgent sent with every request, names Syndic and its version
 * @param connectTimeout time to open a connection
 * @param readTimeout time for the whole response, headers and body
 * @param maxBodyBytes the largest body accepted, counted after decompression
 * @param perHostConcurrency how many requests this instance sends to one host at once; a source
 *     whose host is busy is deferred instead of holding a poller thread
 */
@ConfigurationProperties("syndic.fetch")
public record FetchConfig(
    @Bindable(defaultValue = "feeds") String fileRoot,
    @Bindable(defaultValue = "false") boolean allowPrivateAddresses,
    @Bindable(defaultValue = "Syndic/0.1.0 (feed aggregator)") String userAgent,
    @Bindable(defaultValue = "10s") Duration connectTimeout,
    @Bindable(defaultValue = "30s") Duration readTimeout,
    @Bindable(defaultValue = "10485760") long maxBodyBytes,
    @Bindable(defaultValue = "2") int perHostConcurrency) {

  @Creator
  public FetchConfig {}

  /** A configuration with the default per-host limit. */
  public FetchConfig(String fileRoot, boolean allowPrivateAddresses, String userAgent, Duration connectTimeout, Duration readTimeout,
      long maxBodyBytes) {
    this(fileRoot, allowPrivateAddresses, userAgent, connectTimeout, readTimeout, maxBodyBytes, 2);
  }
}
