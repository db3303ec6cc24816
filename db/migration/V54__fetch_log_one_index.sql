-- A source's fetch records are found through one index, (source_id, started_at) of V6: the
-- history pages by start (then id) now, as retention deletes and the stats count by start. The
-- index by (source_id, id) served only the history's pages, and every poll wrote into both: on a
-- scratch table of 100,000 sources x 50 records a cycle of 100,000 polls dirtied 28,945 pages
-- without it against 57,125 with it, and wrote 173 to 179 MB of WAL after a checkpoint against
-- 319 to 328 (README, "A hundred thousand sources"). Dropping it only unlinks its files.
DROP INDEX fetch_log_source_idx;
