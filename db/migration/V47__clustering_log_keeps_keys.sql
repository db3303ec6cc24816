-- Schema v47: each row of the clustering log also keeps a summary of the batch's candidate keys
-- (the high 32 bits of each, distinct, sorted), so that a transaction that takes the clustering
-- lock looks again only among the batches logged meanwhile that share a key with its own. Most
-- batches share none (different stories), and their second candidate lookup under the lock found
-- nothing; two equal halves of different keys only cost that lookup. Rows logged before this
-- version, or by an instance of an earlier one, have none (NULL) and are looked among as before.
-- A batch of 50 entries keeps some 3 KB of keys: kept in the row, neither compressed (they do not
-- compress) nor moved to the TOAST table, which a row past 2 KB otherwise is.
ALTER TABLE clustering_log ADD COLUMN keys INTEGER[];
ALTER TABLE clustering_log SET (toast_tuple_target = 8160);
