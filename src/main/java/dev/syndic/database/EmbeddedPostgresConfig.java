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
 * @param maxWalSize how much write-ahead log may pile up before a checkpoint is forced ({@code
 *     max_wal_size}). After a checkpoint, the first change of each page logs the whole page, so
 *     frequent checkpoints multiply the log: PostgreSQL's default of 1GB forced one every few
 *     seconds at full ingest (51 KB of log per entry, 15.6 KB with 8GB). The price of more is disk
 *     for the log and a longer replay after a crash
 * @param checkpointTimeout the longest time between checkpoints ({@code checkpoint_timeout});
 *     longer for the same reason, PostgreSQL's default is 5min
 * @param preloadLibraries {@code shared_preload_libraries}, e.g. {@code pg_stat_statements} to see
 *     which statements cost what (the benchmarks' {@code -Dbench.pgss=true}); none by default
 * @param binaries a PostgreSQL build to run instead of the bundled one: an xz-compressed tar of its
 *     {@code bin}, {@code lib} and {@code share} folders, the bundled build's layout (what {@code
 *     src/bench/build_postgres.sh} makes). The bundled build is compiled for size ({@code -Os});
 *     the same version compiled {@code -O2}, as distributions ship it, spends less CPU per
 *     statement. Blank: the bundled build
 */
@ConfigurationProperties("syndic.embedded-postgres")
public record EmbeddedPostgresConfig(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "data/pg") String dataDir,
    @Bindable(defaultValue = "false") boolean temporary,
    @Bindable(defaultValue = "15432") int port,
    @Bindable(defaultValue = "512MB") String sharedBuffers,
    @Bindable(defaultValue = "4GB") String maxWalSize,
    @Bindable(defaultValue = "15min") String checkpointTimeout,
    @Bindable(defaultValue = "") String preloadLibraries,
    @Bindable(defaultValue = "") String binaries) {}
