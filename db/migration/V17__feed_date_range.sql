-- Schema v17: a feed date outside the years 0001 to 9999 is no date. Feeds write years with four
-- digits, so an entry stored with a mistyped one (year 12026) made every RSS feed it appeared in
-- fail; parsing now drops such dates, and entries stored before lose theirs here.
UPDATE entry SET published_at = NULL
WHERE published_at < '0001-01-01T00:00:00Z' OR published_at >= '10000-01-01T00:00:00Z';
UPDATE entry SET modified_at = NULL
WHERE modified_at < '0001-01-01T00:00:00Z' OR modified_at >= '10000-01-01T00:00:00Z';
UPDATE entry SET sort_at = first_seen_at
WHERE sort_at < '0001-01-01T00:00:00Z' OR sort_at >= '10000-01-01T00:00:00Z';
