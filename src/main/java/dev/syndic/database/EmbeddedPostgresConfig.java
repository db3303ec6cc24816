package dev.syndic.database;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The embedded PostgreSQL server.
 *
 * @param enabled false to use the datasource configured under {@code datasources.default}
 * @param dataDir the cluster folder; kept between runs (fsync on)
 * @param temporary true for a throwaway cluster in the temp folder (tests), ignoring dataDir
 * @param port the port to listen on; 0 picks a free one
 * @param sharedBuffers PostgreSQL's page cache ({@code shared_buffers}); the whole-text search
 *     index of a few weeks of articles outgrows PostgreSQL's default of 128MB
 * @param preloadLibraries {@code shared_preload_libraries}, e.g. {@code pg_stat_statements} to see
 *     which statements cost what (the benchmarks' {@code -Dbench.pgss=true}); none by default
 */
@ConfigurationProperties("syndic.embedded-postgres")
public record EmbeddedPostgresConfig(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "data/pg") String dataDir,
    @Bindable(defaultValue = "false") boolean temporary,
    @Bindable(defaultValue = "15432") int port,
    @Bindable(defaultValue = "512MB") String sharedBuffers,
    @Bindable(defaultValue = "") String preloadLibraries) {}
