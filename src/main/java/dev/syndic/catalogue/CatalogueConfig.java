package dev.syndic.catalogue;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * @param dir the folder holding {@code categories.yml} and {@code sources.opml}
 * @param importOnFirstStart false to start with an empty database
 */
@ConfigurationProperties("syndic.catalogue")
public record CatalogueConfig(
    @Bindable(defaultValue = "feeds") String dir,
    @Bindable(defaultValue = "true") boolean importOnFirstStart) {}
