-- Schema v57: how far retention has deleted the removals partners read in arrival order (V56).
-- A partner asking after a position older than a deleted removal may still hold the item that
-- removal named, and would never learn it left: it is told to start again (410) instead.
CREATE TABLE departure_horizon (
    only_row       BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
    purged_through BIGINT  NOT NULL
);
INSERT INTO departure_horizon (purged_through) VALUES (0);
