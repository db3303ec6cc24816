-- Schema v26: category feeds read their pinned entries apart from the rest (EntryQueries.list), so that the
-- rest is read in entry_sort_idx's order and stops at the feed's limit. Pins are few: a partial
-- index finds them without reading the table.
CREATE INDEX entry_pinned_sort_idx ON entry (sort_at DESC, id DESC) WHERE pinned;
