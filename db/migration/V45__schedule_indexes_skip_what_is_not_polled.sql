-- Schema v45: the scheduler's claim and /health read what they answer, whatever the number of
-- sources. The claim takes due sources in next_poll_at order from source_due_idx, which held every
-- enabled source: paused ones too, whose next poll time stays where it was when they were paused
-- (days or months ago), so each claim read all of them first and dropped them (3,000 paused of
-- 100,000 sources: 3,000 rows and 11 ms per claim, with nothing due). The index now holds the
-- sources the claim may take. /health asked for the newest last_success_at by a pass over the
-- whole table (80 ms at 100,000 sources, per request, on a public endpoint); an index answers it
-- from its last entry. Both indexes are built in one pass each over source (under a second at
-- 100,000 sources), which blocks polls' updates meanwhile.
DROP INDEX source_due_idx;
CREATE INDEX source_due_idx ON source (next_poll_at) WHERE enabled AND status <> 'paused';
CREATE INDEX source_last_success_idx ON source (last_success_at);
