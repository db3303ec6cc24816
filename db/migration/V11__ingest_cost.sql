-- Schema v11: cheaper ingest. Every new entry indexes about fifteen dedupe keys; a foreign key
-- made each of those rows check and lock its entry row (a trigger call per key). The keys now
-- leave with their entry through one statement trigger per DELETE on entry (cascades from a
-- deleted source included), which finds them through entry_dedupe_key_entry_idx.
ALTER TABLE entry_dedupe_key DROP CONSTRAINT entry_dedupe_key_entry_id_fkey;

-- Keys of entries deleted before this version could not outlive them; nothing to clean.
CREATE FUNCTION syndic_drop_dedupe_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM entry_dedupe_key k USING gone g WHERE k.entry_id = g.id;
    RETURN NULL;
END $$;

CREATE TRIGGER entry_dedupe_key_cleanup AFTER DELETE ON entry
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION syndic_drop_dedupe_keys();

-- The normalized text of an entry (title and body; search and categorizing read it) was stored
-- twice: in entry.clean_text, and again in entry_text.body once the background indexer had copied
-- it there. It now lives in entry_text alone, written with the entry. A flag says whether the
-- indexer has put it into the search index (a partial trigram index, so that storing a text costs
-- no index work), and a partial index over the rows not yet indexed is the queue the triggers and
-- entry_text_pending used to be.
ALTER TABLE entry_text ADD COLUMN searchable BOOLEAN NOT NULL DEFAULT TRUE;
INSERT INTO entry_text (entry_id, body, searchable)
SELECT p.entry_id, e.clean_text, FALSE FROM entry_text_pending p JOIN entry e ON e.id = p.entry_id
ON CONFLICT (entry_id) DO UPDATE SET body = EXCLUDED.body, searchable = FALSE;
ALTER TABLE entry_text ALTER COLUMN searchable SET DEFAULT FALSE;

DROP TRIGGER entry_text_queue_insert ON entry;
DROP TRIGGER entry_text_queue_update ON entry;
DROP FUNCTION syndic_queue_entry_text();
DROP FUNCTION syndic_requeue_entry_text();
DROP TABLE entry_text_pending;

DROP INDEX entry_text_body_trgm_idx;
CREATE INDEX entry_text_body_trgm_idx ON entry_text USING gin (body gin_trgm_ops) WHERE searchable;
CREATE INDEX entry_text_queue_idx ON entry_text (entry_id) WHERE NOT searchable;

ALTER TABLE entry DROP COLUMN clean_text;
