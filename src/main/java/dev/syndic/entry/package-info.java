/**
 * Entries and their categories in PostgreSQL: one entry per (source, identity key), written with
 * {@code INSERT ... ON CONFLICT} so a re-poll never duplicates; category assignments with their
 * origin, score and evidence; the arrival order partners sync by, numbered in commit order by
 * {@link dev.syndic.entry.ArrivalSequencer} from queues that writes (and, for what leaves a list,
 * triggers) fill in their own transaction. SQL lives here; no HTTP, no parsing.
 */
package dev.syndic.entry;
