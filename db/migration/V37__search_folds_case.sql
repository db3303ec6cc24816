-- Search folds case as readers expect: "strasse" finds "Straße", "istanbul" finds "İstanbul". The
-- stored search text is lower case (the classifier and duplicate detection read it too), and keeps
-- ß, a final ς, the i and dot of İ and a dotless ı apart from ss, σ and i. Texts that have one are
-- few; this index lists them, and search matches them by a regular expression that allows each
-- spelling (SearchPattern), the rest through the trigram index as before. Its predicate is written
-- the same in EntryQueries, so that the planner uses it. One pass over entry_text to build.
CREATE INDEX entry_text_folds_idx ON entry_text (entry_id) WHERE body ~ 'ß|ς|ı|i̇';
