-- Schema v28: tombstones expire. A tombstone keeps a deleted entry from being stored again while
-- its source's feed still lists the item; with retention on, one is written per deleted entry, so
-- kept for good the table grows at the rate of ingest. Now ingest records when a feed last listed
-- a tombstoned item (last_hit_at, written at most every few hours), the source records when a feed
-- body was last read entry by entry (last_read_at: a changed body, not a 304 or the same bytes),
-- and retention deletes the tombstones whose item no feed read since has listed for
-- syndic.retention.tombstone-expiry (Tombstones.expire). Both columns start empty: instant, no
-- rewrite of a large table; an empty last_hit_at counts as the deletion time, and a source with
-- no last_read_at keeps its tombstones until its feed is next read.
ALTER TABLE entry_tombstone ADD COLUMN last_hit_at TIMESTAMPTZ;
ALTER TABLE source ADD COLUMN last_read_at TIMESTAMPTZ;
-- Expiry looks tombstones up by their last sighting, so its cost follows what it deletes.
CREATE INDEX entry_tombstone_seen_idx ON entry_tombstone ((COALESCE(last_hit_at, deleted_at)));
