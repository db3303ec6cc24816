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
