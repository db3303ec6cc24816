-- Schema v27: the feed's own summary and content HTML of each entry were stored beside the
-- cleaned HTML and never read again (feeds, the API, search, categorizing and dedupe all read the
-- cleaned forms), while their arrays, TOAST compression and WAL were a share of every insert.
-- Dropping the columns is instant; their space comes back as rows are rewritten (an update, or
-- retention deleting them).
ALTER TABLE entry DROP COLUMN summary, DROP COLUMN content;
