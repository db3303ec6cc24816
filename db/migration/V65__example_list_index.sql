-- Schema v65: a category's examples are listed newest entry first, a page at a time
-- (GET /api/v1/categories/{slug}/examples, by entry id under a cursor). The index on the category
-- alone (V3) made every page sort all of the category's examples; this one reads a page along the
-- index, and serves what the old one served (a category's examples, for its deletion's cascade).
CREATE INDEX category_example_category_entry_idx ON category_example (category_id, entry_id);
DROP INDEX category_example_category_idx;
