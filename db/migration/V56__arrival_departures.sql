-- Schema v56: partners syncing by arrival learn what left them. Before, an entry that was hidden,
-- deleted (by an admin, by retention, with its source), made a duplicate of another story, or
-- taken out of a category just stopped being listed: a partner that had it kept republishing it,
-- and could only find out by reading every position again. Now each of these leaves a departure
-- with the item id the partner was given; departures are numbered by ArrivalSequencer from the
-- same sequence as arrivals, in commit order, so the guarantee of V24 holds for them too: a reader
-- past position N never gets a departure at or below N later.

-- The item id (as FeedRenderer.stableId makes it: the story key, its cluster anchor's address and
-- identity) is kept with each position when it is given, so that a departure names the id the
-- partner holds even when the entry, its source or its cluster anchor is gone by then.
CREATE FUNCTION syndic_item_id(entry_id BIGINT) RETURNS TEXT LANGUAGE sql STABLE AS $$
    SELECT 'urn:syndic:entry:' || left(encode(sha256(convert_to(
               COALESCE(CASE WHEN e.cluster_id <> e.id THEN (
                   SELECT COALESCE(fs.id_url, fs.url) || chr(10) || f.identity_key FROM entry f JOIN source fs ON fs.id = f.source_id
                   WHERE f.id = e.cluster_id) END,
                 COALESCE(s.id_url, s.url) || chr(10) || e.identity_key), 'UTF8')), 'hex'), 32)
    FROM entry e JOIN source s ON s.id = e.source_id WHERE e.id = $1
$$;

ALTER TABLE entry_arrival ADD COLUMN item_id TEXT;
UPDATE entry_arrival SET item_id = syndic_item_id(entry_id);
-- A departure is not listed while an entry with its item id is visible (another copy of the story
-- stands for it now, or it came back): that check finds them by id.
CREATE INDEX entry_arrival_item_id ON entry_arrival (item_id);

-- Written by the transaction that takes an entry away; no key or index, like entry_arrival_queue.
CREATE TABLE entry_departure_queue (
    entry_id     BIGINT   NOT NULL,
    item_id      TEXT     NOT NULL,
    category_ids BIGINT[] NOT NULL
);

-- category_ids: the categories it was in (for a category's departure, the one it left), so a
-- departure goes to the partners that may have had it, not to all.
CREATE TABLE entry_departure (
    arrival      BIGINT      PRIMARY KEY DEFAULT nextval('entry_arrival_seq'),
    entry_id     BIGINT      NOT NULL,
    item_id      TEXT        NOT NULL,
    category_ids BIGINT[]    NOT NULL,
    departed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Deleted: its position goes (as before), and a departure is queued if it was listed (had a
-- position and was not hidden). This trigger fires before entry_category_cleanup (same event,
-- triggers fire in name order), so the entry's categories are still there to read.
CREATE OR REPLACE FUNCTION syndic_drop_arrivals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH dropped AS (
        DELETE FROM entry_arrival a USING gone g WHERE a.entry_id = g.id
        RETURNING a.entry_id, a.item_id, g.hidden)
    INSERT INTO entry_departure_queue (entry_id, item_id, category_ids)
    SELECT d.entry_id, d.item_id, ARRAY(SELECT ec.category_id FROM entry_category ec WHERE ec.entry_id = d.entry_id)
    FROM dropped d WHERE NOT d.hidden AND d.item_id IS NOT NULL;
    RETURN NULL;
END $$;

-- Hidden, or no longer its story's canonical entry (merged into another story, or another copy
-- elected): it leaves every list it was in.
CREATE FUNCTION syndic_queue_departure_of_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO entry_departure_queue (entry_id, item_id, category_ids)
    SELECT a.entry_id, a.item_id, ARRAY(SELECT ec.category_id FROM entry_category ec WHERE ec.entry_id = a.entry_id)
    FROM entry_arrival a WHERE a.entry_id = NEW.id AND a.item_id IS NOT NULL;
    RETURN NULL;
END $$;

CREATE TRIGGER entry_departure_hidden AFTER UPDATE OF hidden, canonical ON entry FOR EACH ROW
    WHEN ((NOT OLD.hidden AND NEW.hidden) OR (OLD.canonical AND NOT NEW.canonical AND NOT NEW.hidden))
    EXECUTE FUNCTION syndic_queue_departure_of_entry();

-- Taken out of categories (an admin's filing, re-categorizing, a deleted category): it leaves
-- those lists. Ingest replaces an updated entry's machine categories by deleting and inserting
-- them, so most of these find the entry back in its categories; the sequencer drops those.
CREATE FUNCTION syndic_queue_departure_of_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO entry_departure_queue (entry_id, item_id, category_ids)
    SELECT a.entry_id, a.item_id, array_agg(DISTINCT d.category_id)
    FROM dropped d JOIN entry_arrival a ON a.entry_id = d.entry_id
    WHERE a.item_id IS NOT NULL
    GROUP BY a.entry_id, a.item_id;
    RETURN NULL;
END $$;

CREATE TRIGGER entry_departure_unfiled AFTER DELETE ON entry_category
    REFERENCING OLD TABLE AS dropped FOR EACH STATEMENT EXECUTE FUNCTION syndic_queue_departure_of_assignments();

-- Moved to another cluster while it is listed (an admin's merge that keeps it canonical; its
-- cluster's anchor deleted): its item id is now the new anchor's, though nothing else changed.
-- It comes again (numbered anew, with the new id) and the id it had leaves. The sequencer keeps
-- this departure, as the entry's id no longer matches it.
CREATE FUNCTION syndic_queue_move_of_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO entry_departure_queue (entry_id, item_id, category_ids)
    SELECT a.entry_id, a.item_id, ARRAY(SELECT ec.category_id FROM entry_category ec WHERE ec.entry_id = a.entry_id)
    FROM entry_arrival a WHERE a.entry_id = NEW.id AND a.item_id IS NOT NULL;
    INSERT INTO entry_arrival_queue (entry_id) VALUES (NEW.id);
    RETURN NULL;
END $$;

CREATE TRIGGER entry_arrival_moved AFTER UPDATE OF cluster_id ON entry FOR EACH ROW
    WHEN (OLD.cluster_id <> NEW.cluster_id AND NEW.canonical AND NOT NEW.hidden)
    EXECUTE FUNCTION syndic_queue_move_of_entry();
