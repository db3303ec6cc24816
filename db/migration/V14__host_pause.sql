-- A host that answered 429 Too Many Requests, and until when every instance leaves it alone.
CREATE TABLE host_pause (
    host  TEXT        PRIMARY KEY,
    until TIMESTAMPTZ NOT NULL
);
