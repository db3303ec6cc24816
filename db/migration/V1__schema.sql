-- Schema v1: sources, entries, categories, entry categories, fetch history, admin tokens.
-- PostgreSQL keeps the invariants: unique keys, foreign keys, checks.

CREATE TABLE source (
    id                    BIGSERIAL PRIMARY KEY,
    url                   TEXT        NOT NULL,
    title                 TEXT,
    site_url              TEXT,
    default_category      TEXT,
    enabled               BOOLEAN     NOT NULL DEFAULT TRUE,
    status                TEXT        NOT NULL DEFAULT 'active'
                          CHECK (status IN ('active', 'error', 'paused')),
    status_reason         TEXT,
    poll_interval_seconds INTEGER CHECK (poll_interval_seconds IS NULL OR poll_interval_seconds > 0),
    next_poll_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_by            TEXT,
    claimed_until         TIMESTAMPTZ,
    etag                  TEXT,
    last_modified         TEXT,
    body_hash             TEXT,
    consecutive_errors    INTEGER     NOT NULL DEFAULT 0,
    last_error            TEXT,
    last_polled_at        TIMESTAMPTZ,
    last_success_at       TIMESTAMPTZ,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT source_url_unique UNIQUE (url)
);
CREATE INDEX source_due_idx ON source (next_poll_at) WHERE enabled;

CREATE TABLE category (
    id          BIGSERIAL PRIMARY KEY,
    slug        TEXT        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$' AND slug <> 'all'),
    name_zh     TEXT        NOT NULL,
    name_en     TEXT        NOT NULL,
    description TEXT        NOT NULL DEFAULT '',
    enabled     BOOLEAN     NOT NULL DEFAULT TRUE,
    threshold   DOUBLE PRECISION NOT NULL DEFAULT 2.0,
    rules       JSONB       NOT NULL DEFAULT '{}'::jsonb,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE entry (
    id            BIGSERIAL PRIMARY KEY,
    source_id     BIGINT      NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    identity_key  TEXT        NOT NULL,
    guid          TEXT,
    link          TEXT,
    title         TEXT        NOT NULL DEFAULT '',
    author        TEXT,
    -- What the publisher sent, kept as is; readers and partners get clean_html.
    summary       TEXT,
    content       TEXT,
    clean_html    TEXT        NOT NULL DEFAULT '',
    -- Plain, normalized text (NFKC, case-folded, simplified Chinese) for matching.
    clean_text    TEXT        NOT NULL DEFAULT '',
    language      TEXT,
    feed_tags     TEXT[]      NOT NULL DEFAULT '{}',
    published_at  TIMESTAMPTZ,
    modified_at   TIMESTAMPTZ,
    -- The time an entry sorts by: its publication date, or when Syndic first saw it
    -- if the source gives none or one in the future.
    sort_at       TIMESTAMPTZ NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    content_hash  TEXT        NOT NULL,
    revision      INTEGER     NOT NULL DEFAULT 1,
    hidden        BOOLEAN     NOT NULL DEFAULT FALSE,
    CONSTRAINT entry_identity_unique UNIQUE (source_id, identity_key)
);
CREATE INDEX entry_sort_idx ON entry (sort_at DESC, id DESC);
CREATE INDEX entry_source_sort_idx ON entry (source_id, sort_at DESC, id DESC);

CREATE TABLE entry_category (
    entry_id    BIGINT      NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
    category_id BIGINT      NOT NULL REFERENCES category (id) ON DELETE CASCADE,
    origin      TEXT        NOT NULL CHECK (origin IN ('rule', 'model', 'source', 'admin')),
    score       DOUBLE PRECISION NOT NULL,
    evidence    JSONB       NOT NULL DEFAULT '[]'::jsonb,
    assigned_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (entry_id, category_id)
);
CREATE INDEX entry_category_category_idx ON entry_category (category_id, entry_id);

CREATE TABLE fetch_log (
    id              BIGSERIAL PRIMARY KEY,
    source_id       BIGINT      NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    started_at      TIMESTAMPTZ NOT NULL,
    duration_ms     BIGINT      NOT NULL,
    outcome         TEXT        NOT NULL CHECK (outcome IN ('ok', 'not_modified', 'error')),
    http_status     INTEGER,
    bytes           BIGINT      NOT NULL DEFAULT 0,
    entries_found   INTEGER     NOT NULL DEFAULT 0,
    new_entries     INTEGER     NOT NULL DEFAULT 0,
    updated_entries INTEGER     NOT NULL DEFAULT 0,
    error           TEXT
);
CREATE INDEX fetch_log_source_idx ON fetch_log (source_id, id DESC);

CREATE TABLE admin_token (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT        NOT NULL,
    token_hash TEXT        NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at TIMESTAMPTZ
);

-- One row per thing that must happen once per database, e.g. the catalogue import.
CREATE TABLE bootstrap (
    name    TEXT PRIMARY KEY,
    done_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
