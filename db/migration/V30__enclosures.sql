-- Schema v30: the files an entry carries (RSS enclosures, Atom rel="enclosure" links, Media RSS
-- contents): a JSON array of {"url", "type", "length"}, null when it carries none. Republished in
-- the outbound feeds and the partner API; before, podcasts and video feeds lost their files.
-- Instant (no default, no rewrite); entries stored before get theirs when next prepared.
ALTER TABLE entry ADD COLUMN enclosures JSONB;
