/**
 * Entries and their categories in PostgreSQL: one entry per (source, identity key), written with
 * {@code INSERT ... ON CONFLICT} so a re-poll never duplicates; category assignments with their
 * origin, score and evidence. SQL lives here; no HTTP, no parsing.
 */
package dev.syndic.entry;
