package dev.syndic.ops;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How long entries and fetch records are kept. Entries are kept for good unless a limit is set;
 * fetch records (one per poll: a hundred thousand sources polled every half hour write almost
 * five million a day) for {@code fetchLogMaxAge}; tombstones of deleted entries until their source's
 * feed has not listed the item for {@code tombstoneExpiry}.
 *
 * @param maxAge entries older than this (by their sort date) are deleted, e.g. {@code 180d}
 * @param maxPerSource at most this many entries per source are kept, the newest
 * @param interval how often the purge runs
 * @param fetchLogMaxAge fetch records older than this (by their start) are deleted
 * @param tombstoneExpiry a tombstone whose item its source's feed, read since, has not listed for
 *     this long is deleted ({@link dev.syndic.entry.Tombstones})
 * @param departureMaxAge removals listed to partners syncing in arrival order (V56) are kept this
 *     long: a partner whose position is older than one deleted is answered 410 and reads its grant again from the start
 */
@ConfigurationProperties("syndic.retention")
record RetentionConfig(
    @Nullable Duration maxAge,
    @Nullable Integer maxPerSource,
    @Nullable Duration interval,
    @Bindable(defaultValue = "30d") Duration fetchLogMaxAge,
    @Bindable(defaultValue = "30d") Duration tombstoneExpiry,
    @Bindable(defaultValue = "30d") Duration departureMaxAge) {}
