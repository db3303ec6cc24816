package dev.syndic.publish;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * @param hub the WebSub hub feeds advertise ({@code rel="hub"}) and ping when they change; empty:
 *     no hub. Pings need {@code syndic.site.base-url}, the public address the hub fetches.
 */
@ConfigurationProperties("syndic.websub")
public record WebSubConfig(@Bindable(defaultValue = "") String hub) {

  boolean enabled() {
    return !hub.isBlank();
  }
}
