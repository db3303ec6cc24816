-- Item ids (urn:syndic:entry:...) are derived from the source's address and the entry's identity
-- key. A source whose address changes (a permanent redirect, an admin's new address) kept its
-- entries but gave them all new ids: readers showed every one again as new, partners got each
-- twice. id_url keeps the address the ids were made from: null while the source never moved, the
-- address before its first move after. A trigger, so every way of changing the address keeps it.
-- Sources that moved before this version keep the ids they have now (their current address).
ALTER TABLE source ADD COLUMN id_url TEXT;

CREATE FUNCTION syndic_keep_id_url() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.url IS DISTINCT FROM OLD.url AND OLD.id_url IS NULL THEN
        NEW.id_url := OLD.url;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER source_keep_id_url BEFORE UPDATE OF url ON source
    FOR EACH ROW EXECUTE FUNCTION syndic_keep_id_url();
