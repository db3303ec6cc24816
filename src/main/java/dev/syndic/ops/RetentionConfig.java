package dev.syndic.ops;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * How long entries are kept. Unset keys keep everything (the default).
 *
 * @param maxAge entries older than this (by their sort date) are deleted, e.g. {@code 180d}
 * @param maxPerSource at most this many entries per source are kept, the newest
 * @param interval how often the purge runs
 */
@ConfigurationProperties("syndic.retention")
record RetentionConfig(@Nullable Duration maxAge, @Nullable Integer maxPerSource, @Nullable Duration interval) {}
