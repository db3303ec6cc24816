package dev.syndic.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The site Syndic publishes as.
 *
 * @param name used in the disclaimer and feed titles
 * @param baseUrl the public URL of this service (for self links); empty: taken from each request
 * @param language the default language of outbound feeds
 */
@ConfigurationProperties("syndic.site")
public record SiteConfig(
    @Bindable(defaultValue = "Syndic") String name,
    @Bindable(defaultValue = "") String baseUrl,
    @Bindable(defaultValue = "zh-cn") String language) {}
