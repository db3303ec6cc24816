-- Schema v10: which entries each clustering transaction added, in commit order. Clustering runs
-- under one database-wide lock so that copies arriving at the same time meet; with this log a
-- transaction looks up most of its candidates before taking the lock, and under it only among the
-- entries clustered since that lookup (the rows of this log after the epoch it read first).
-- Rows older than an hour are pruned: no ingest transaction lasts that long.
CREATE TABLE clustering_log (
    epoch     BIGSERIAL   PRIMARY KEY,
    logged_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    entry_ids BIGINT[]    NOT NULL
);
