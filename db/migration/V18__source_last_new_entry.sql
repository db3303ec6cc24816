-- Schema v18: when a source last brought a new entry. A feed that still answers 200 or 304 but has
-- stopped publishing (its generator broke, the site moved on) looks healthy by every other
-- column; an admin finds it with GET /api/v1/sources?status=active&quietSince=... . Written with
-- the source's poll record; filled here from the entries stored so far.
ALTER TABLE source ADD COLUMN last_new_entry_at TIMESTAMPTZ;
UPDATE source s SET last_new_entry_at = e.newest
FROM (SELECT source_id, max(first_seen_at) AS newest FROM entry GROUP BY source_id) e
WHERE s.id = e.source_id;
