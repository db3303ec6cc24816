-- Schema v24: partners page by arrival (GET /partner/v1/entries?order=arrival). Each entry gets a
-- position in the order it became visible: numbered by commit order, not by insert order, since
-- ids are taken when a row is inserted and transactions commit out of order (paging by id or by
-- a time would skip a row whose transaction commits late).
--
-- A transaction that stores or changes an entry puts its id into entry_arrival_queue; it sees no
-- number. ArrivalSequencer, one transaction at a time across all instances (an advisory lock),
-- moves the committed ids out of the queue into entry_arrival, numbered from entry_arrival_seq in
-- id order. Only committed queue rows are visible to it and no two sequencer transactions overlap,
-- so every number it gives is above every number already visible: a reader that has read up to N
-- never gets a number at or below N later, and reads on with arrival > N.

-- Written by every stored entry: no key, no index, no foreign key (a foreign key check is a
-- trigger call and a row lock per row, V11), so a row costs a heap insert. An id may be queued
-- several times; the sequencer numbers it once. Ids of deleted entries are dropped there.
CREATE TABLE entry_arrival_queue (
    entry_id BIGINT NOT NULL
);

-- A sequence, not max(arrival) + 1: the newest entry may be deleted, and a number must never be
-- given twice (a partner past it would miss the second).
CREATE SEQUENCE entry_arrival_seq AS BIGINT;

-- One position per entry: an entry that comes again (updated, shown again) moves to a new number.
-- No foreign key, for the backfill below (a check per row); rows leave with their entry through
-- the statement trigger at the end.
CREATE TABLE entry_arrival (
    arrival  BIGINT PRIMARY KEY DEFAULT nextval('entry_arrival_seq'),
    entry_id BIGINT NOT NULL UNIQUE
);
ALTER SEQUENCE entry_arrival_seq OWNED BY entry_arrival.arrival;

-- Entries stored before this version, once, in id order: they arrived before any entry stored
-- from now on. A read of entry's primary key that blocks no writer; the triggers below lock entry
-- against writes only for the moment this migration takes to commit after them.
INSERT INTO entry_arrival (entry_id) SELECT id FROM entry ORDER BY id;

-- An entry that becomes visible again comes again: shown again after an admin hid it, or chosen
-- as its story's canonical entry (its cluster's original was deleted, an admin merged or split
-- clusters), or filed by an admin under a category (a partner granted only that category had not
-- been offered it). Ingest queues its new and changed entries itself, in its upsert statement:
-- these triggers' conditions are false on that path (it sets neither hidden nor canonical, and
-- assigns no category with origin admin), so they cost it no function call.
CREATE FUNCTION syndic_queue_arrival_of_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO entry_arrival_queue (entry_id) VALUES (NEW.id);
    RETURN NULL;
END $$;

CREATE FUNCTION syndic_queue_arrival_of_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO entry_arrival_queue (entry_id) VALUES (NEW.entry_id);
    RETURN NULL;
END $$;

CREATE FUNCTION syndic_drop_arrivals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM entry_arrival a USING gone g WHERE a.entry_id = g.id;
    RETURN NULL;
END $$;

CREATE TRIGGER entry_arrival_shown AFTER UPDATE OF hidden, canonical ON entry FOR EACH ROW
    WHEN ((OLD.hidden AND NOT NEW.hidden) OR (NOT OLD.canonical AND NEW.canonical AND NOT NEW.hidden))
    EXECUTE FUNCTION syndic_queue_arrival_of_entry();

CREATE TRIGGER entry_arrival_filed AFTER INSERT ON entry_category FOR EACH ROW
    WHEN (NEW.origin = 'admin')
    EXECUTE FUNCTION syndic_queue_arrival_of_assignment();

-- Deleted entries (an admin, retention, a deleted source) leave the listing; positions after
-- theirs stay as they are, so partners' tokens keep working.
CREATE TRIGGER entry_arrival_cleanup AFTER DELETE ON entry
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION syndic_drop_arrivals();
