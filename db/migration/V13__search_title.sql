-- The search text of an entry (entry_text.body) starts with its normalized title, so search
-- finds titles through the text's trigram index; the trigram index of entry.title cost every
-- stored entry a GIN insertion for nothing.
DROP INDEX IF EXISTS entry_title_trgm_idx;
