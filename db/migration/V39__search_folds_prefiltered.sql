-- Texts spelt with ß, ς, İ or ı were matched by a regular expression over every such text (V37's
-- partial index only listed them): a query holding i or ss read each one, and on a German or
-- Turkish catalogue nearly every text has one of those letters. They now have a trigram index of
-- their own, over the text written as SearchPattern.fold writes a query (ß as ss, ς as σ, i and a
-- combining dot, then ı, as i), so that the folded query narrows them as the body's trigram index
-- narrows the rest; the regular expression then checks the few it lets through. Like that index,
-- it holds texts once SearchIndexer has marked them searchable, so that storing a text costs no
-- index work. The predicate and the expression are written the same in EntryQueries, so that the
-- planner uses it. One pass over entry_text to build.
CREATE FUNCTION syndic_search_fold(body TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN replace(replace(replace(replace(body, 'ß', 'ss'), 'ς', 'σ'), 'i' || U&'\0307', 'i'), 'ı', 'i');

CREATE INDEX entry_text_folded_trgm_idx ON entry_text USING gin (syndic_search_fold(body) gin_trgm_ops)
    WHERE searchable AND body ~ 'ß|ς|ı|i̇';
ALTER INDEX entry_text_folded_trgm_idx SET (gin_pending_list_limit = 1024);

-- Texts still queued for indexing are scanned with the rest of the queue.
DROP INDEX entry_text_folds_idx;
