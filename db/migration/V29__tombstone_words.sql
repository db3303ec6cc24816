-- Schema v29: a tombstone keeps the source hash (EntryPreparer.sourceHash) its entry had, so that
-- ingest knows the deleted item by its words as it knows a stored one: when a feed gives a new
-- story the GUID of a deleted one, both items leave the GUID for GUID plus link, and without its
-- words the deleted item took a key no tombstone held and was stored again. Instant: tombstones
-- written before have none, and are matched by their key alone, as before.
ALTER TABLE entry_tombstone ADD COLUMN source_hash TEXT;
