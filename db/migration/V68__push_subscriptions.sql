-- Schema v68: WebSub subscriptions. A source whose feed names a hub (rel="hub") is subscribed to
-- it, so that the hub tells Syndic when the feed changes; a signed notice makes the source due at
-- once (its content is read by the next poll, as any poll reads it). One row per source, gone with
-- its source. callback_key is the unguessable part of the callback's path; secret is hub.secret,
-- which the hub signs its notices with.
CREATE TABLE push_subscription (
    source_id    BIGINT      PRIMARY KEY REFERENCES source (id) ON DELETE CASCADE,
    hub          TEXT        NOT NULL,
    topic        TEXT        NOT NULL,
    callback_key TEXT        NOT NULL,
    secret       TEXT        NOT NULL,
    state        TEXT        NOT NULL CHECK (state IN ('requested', 'active', 'denied', 'failed')),
    requested_at TIMESTAMPTZ NOT NULL,
    verified_at  TIMESTAMPTZ,
    lease_until  TIMESTAMPTZ,
    last_push_at TIMESTAMPTZ,
    pushes       BIGINT      NOT NULL DEFAULT 0,
    last_error   TEXT
);
