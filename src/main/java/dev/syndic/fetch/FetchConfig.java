package dev.syndic.fetch;

import io.micronaut.context.annotation.ConfigurationProperties;
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
 */
@ConfigurationProperties("syndic.fetch")
public record FetchConfig(
    @Bindable(defaultValue = "feeds") String fileRoot,
    @Bindable(defaultValue = "false") boolean allowPrivateAddresses,
    @Bindable(defaultValue = "Syndic/0.1.0 (feed aggregator)") String userAgent,
    @Bindable(defaultValue = "10s") Duration connectTimeout,
    @Bindable(defaultValue = "30s") Duration readTimeout,
    @Bindable(defaultValue = "10485760") long maxBodyBytes) {}
