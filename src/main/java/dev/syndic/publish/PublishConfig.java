package dev.syndic.publish;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How feeds are served.
 *
 * @param ttl how long readers may wait before polling again (RSS {@code ttl}, {@code max-age})
 * @param versionCheck how often an instance asks PostgreSQL whether entries changed; a change made
 *     through another instance shows within this delay
 * @param cacheSize how many rendered feed variants are kept in memory
 * @param cacheBytes how many bytes they hold together at most (a variant's body and its gzip), and
 *     likewise the partner API's pages kept in memory (their texts)
 * @param relatedTitle the heading of the related-reading block, Chinese then English
 */
@ConfigurationProperties("syndic.publish")
public record PublishConfig(
    @Bindable(defaultValue = "30m") Duration ttl,
    @Bindable(defaultValue = "1s") Duration versionCheck,
    @Bindable(defaultValue = "500") int cacheSize,
    @Bindable(defaultValue = "67108864") long cacheBytes,
    @Bindable(defaultValue = "相关阅读") String relatedTitleZh,
    @Bindable(defaultValue = "Related reading") String relatedTitleEn) {}
