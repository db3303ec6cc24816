-- Schema v25: re-categorizing the stored entries (after a rule change, an admin's request or an
-- upgrade that decides categories another way) is work owed in PostgreSQL, not only in the memory
-- of the instance that was asked. A run that a restart, a crash or a failure cuts off is taken up
-- again (by any instance, once the claim of the one running it has lapsed) until a run that began
-- after the latest request ends; before this, the entries it had not reached kept their old
-- categories for good, and an upgrade recorded as done was never done again.
CREATE TABLE recategorize_request (
    id            INTEGER     PRIMARY KEY CHECK (id = 1),
    requested     BIGINT      NOT NULL DEFAULT 0,  -- requests so far
    reason        TEXT,                            -- of the latest request
    completed     BIGINT      NOT NULL DEFAULT 0,  -- the latest request a finished run began after
    claimed_by    TEXT,                            -- the instance running it, while its claim lasts
    claimed_until TIMESTAMPTZ
);
INSERT INTO recategorize_request (id) VALUES (1);
