-- The trigram index takes new texts into its pending list and merges the list into the index
-- when it outgrows gin_pending_list_limit, inside whichever statement overflowed it: a batch of
-- SearchIndexer, the only writer of indexed rows (vacuum merges it too). A smaller list makes the
-- merges shorter, so that a batch that runs one stays nearer the indexer's time budget, and costs
-- no more work per text (SearchIndexBench, 6,000 texts of about 630 characters: the longest batch
-- of 200 took 1.3 s at the default 4 MB and 1.0 s at 1 MB; 3.5 and 3.2 ms per text).
ALTER INDEX entry_text_body_trgm_idx SET (gin_pending_list_limit = 1024);
