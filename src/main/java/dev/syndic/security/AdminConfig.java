package dev.syndic.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** @param token an admin token to accept; when empty and none exists, one is generated on first start */
@ConfigurationProperties("syndic.admin")
public record AdminConfig(@Bindable(defaultValue = "") String token) {}
