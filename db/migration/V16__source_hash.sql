-- What an entry's words were prepared from: a hash of its title, its body and the way of preparing
-- them (EntryPreparer). A changed feed mostly repeats entries already stored; those whose hash is
-- unchanged are not cleaned, categorized or written again. Null for entries stored before: they
-- are prepared once more and get their hash then.
ALTER TABLE entry ADD COLUMN source_hash TEXT;
