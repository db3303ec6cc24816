-- Schema v38: storing an entry calls fewer triggers. Measured apart (50-entry batches of the ingest
-- bench's texts on a scratch PostgreSQL of the same version: the batch's upsert, categories and
-- dedupe keys, then commit): 268 to 253 us of the backend's CPU per entry.
--
-- The feed version's triggers queued an event per row written (an entry, each of its categories,
-- each cluster change), and each ran the bump function at commit only to find the transaction's
-- flag set: some 5 us a row. The bump happens once per transaction anyway, so only the first row
-- of a transaction queues it now: the condition is checked on the row, before anything is queued,
-- and marks the transaction (a transaction-local setting, undone with a rolled-back savepoint along
-- with the event it queued).
DROP TRIGGER entry_feed_version ON entry;
DROP TRIGGER entry_category_feed_version ON entry_category;
CREATE CONSTRAINT TRIGGER entry_feed_version AFTER INSERT OR UPDATE OR DELETE ON entry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (current_setting('syndic.feed_version_queued', true) IS DISTINCT FROM 'yes'
          AND set_config('syndic.feed_version_queued', 'yes', true) = 'yes')
    EXECUTE FUNCTION syndic_bump_feed_version();
CREATE CONSTRAINT TRIGGER entry_category_feed_version AFTER INSERT OR UPDATE OR DELETE ON entry_category
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (current_setting('syndic.feed_version_queued', true) IS DISTINCT FROM 'yes'
          AND set_config('syndic.feed_version_queued', 'yes', true) = 'yes')
    EXECUTE FUNCTION syndic_bump_feed_version();

-- An entry's search text is written by the statement that writes the entry (EntryStore), for the
-- row that statement inserted or updated, so its foreign key checked (and locked) a row the same
-- statement had just written: a trigger call per text. The texts now leave with their entry
-- through one statement trigger per DELETE on entry, as the dedupe keys do (V11).
ALTER TABLE entry_text DROP CONSTRAINT entry_text_entry_id_fkey;

CREATE FUNCTION syndic_drop_entry_texts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM entry_text t USING gone g WHERE t.entry_id = g.id;
    RETURN NULL;
END $$;

CREATE TRIGGER entry_text_cleanup AFTER DELETE ON entry
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION syndic_drop_entry_texts();
