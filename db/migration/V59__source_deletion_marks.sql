-- Schema v59: the sources a deletion of many (DELETE /api/v1/sources?<filters>&expect=N) was
-- confirmed for. They are marked in one statement, only when the filters select the N the admin
-- expects, then deleted one by one, each in its own transaction as a single DELETE deletes it; a
-- deletion cut off midway (a restart, a lost database connection) leaves the rest marked, and the
-- same request again deletes those, not whatever the filters select by then. A source's mark goes
-- with it (the cascade, in its deletion's transaction); marks left unfinished are forgotten after
-- a day.
CREATE TABLE source_deletion (
    request   TEXT        NOT NULL,
    source_id BIGINT      NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    marked_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (request, source_id)
);
-- The cascade of every source's deletion looks its marks up by source.
CREATE INDEX source_deletion_source_idx ON source_deletion (source_id);
