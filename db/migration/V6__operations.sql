-- Schema v6: admin search, pinning, operations.

-- Search by title and content, Chinese included: trigram indexes serve ILIKE '%q%' for queries
-- of three characters or more; shorter ones (two Chinese characters) scan with the same ILIKE.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX entry_title_trgm_idx ON entry USING gin (title gin_trgm_ops);
CREATE INDEX entry_clean_text_trgm_idx ON entry USING gin (clean_text gin_trgm_ops);

-- An admin pins an entry to the top of the category feeds it belongs to.
ALTER TABLE entry ADD COLUMN pinned BOOLEAN NOT NULL DEFAULT FALSE;

-- Stats of a source over the last day and week.
CREATE INDEX fetch_log_source_started_idx ON fetch_log (source_id, started_at);
