-- Schema v20: the <ttl> the feed last gave (in seconds), so that a poll answered 304 or with the
-- same body again, which has no feed to read it from, still keeps to it. Null: the feed gives none,
-- or has not been read since this version.
ALTER TABLE source ADD COLUMN feed_ttl_seconds INTEGER;
