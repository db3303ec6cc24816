-- Schema v9: the cleaned text of entries is indexed for search in the background, not while a
-- source's entries are stored. A trigram index over whole articles costs about a millisecond per
-- entry of a thousand Chinese characters, more than fetching, parsing and cleaning it together;
-- the ingest transaction now only queues the entry, and SearchIndexer moves queued entries into
-- entry_text in batches. Search reads entry_text through its index and scans the (short) queue,
-- so an entry is found from the moment it is stored.

DROP INDEX IF EXISTS entry_clean_text_trgm_idx;

CREATE TABLE entry_text (
    entry_id BIGINT PRIMARY KEY REFERENCES entry (id) ON DELETE CASCADE,
    body     TEXT   NOT NULL
);
CREATE INDEX entry_text_body_trgm_idx ON entry_text USING gin (body gin_trgm_ops);

-- Entries whose text changed since it was last indexed.
CREATE TABLE entry_text_pending (
    entry_id BIGINT PRIMARY KEY REFERENCES entry (id) ON DELETE CASCADE
);

CREATE FUNCTION syndic_queue_entry_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO entry_text_pending (entry_id)
    SELECT n.id FROM changed n ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

-- Statement triggers with transition tables: one INSERT per statement, however many rows.
CREATE TRIGGER entry_text_queue_insert AFTER INSERT ON entry
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION syndic_queue_entry_text();

CREATE FUNCTION syndic_requeue_entry_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO entry_text_pending (entry_id)
    SELECT n.id FROM changed n JOIN previous o ON o.id = n.id
    WHERE n.clean_text IS DISTINCT FROM o.clean_text ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER entry_text_queue_update AFTER UPDATE ON entry
    REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION syndic_requeue_entry_text();

-- Entries stored before this version.
INSERT INTO entry_text_pending (entry_id) SELECT id FROM entry;
