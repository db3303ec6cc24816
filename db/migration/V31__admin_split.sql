-- Schema v31: an entry an admin split out of its cluster says so, so that ingest never puts it
-- back. A lone entry without a body is judged again when its publisher edits it (the edit may add
-- the words it can be matched by); one an admin split out is not: its headline alone would join
-- the story the admin took it from. Instant: a constant default rewrites no row.
ALTER TABLE entry ADD COLUMN split_by_admin BOOLEAN NOT NULL DEFAULT FALSE;
