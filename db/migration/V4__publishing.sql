-- Schema v4: publishing. Feed version for cache invalidation across instances, disclaimer
-- templates, related-reading settings, partners with hashed keys and usage, WebSub pings.

-- One row: bumped once per committing transaction that changed what feeds show. Instances compare
-- it with the version their cached feeds were rendered at.
CREATE TABLE feed_version (
    id         INTEGER     PRIMARY KEY CHECK (id = 1),
    version    BIGINT      NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO feed_version (id, version) VALUES (1, 1);

-- Deferred to commit, and once per transaction (a transaction-local flag), so a batch of a
-- thousand entries bumps once and holds the row lock only while committing.
CREATE FUNCTION syndic_bump_feed_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('syndic.feed_version_bumped', true) IS DISTINCT FROM 'yes' THEN
        PERFORM set_config('syndic.feed_version_bumped', 'yes', true);
        UPDATE feed_version SET version = version + 1, changed_at = now() WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER entry_feed_version AFTER INSERT OR UPDATE OR DELETE ON entry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION syndic_bump_feed_version();
CREATE CONSTRAINT TRIGGER entry_category_feed_version AFTER INSERT OR UPDATE OR DELETE ON entry_category
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION syndic_bump_feed_version();
CREATE CONSTRAINT TRIGGER category_feed_version AFTER INSERT OR UPDATE OR DELETE ON category
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION syndic_bump_feed_version();
-- Polls update a source's schedule columns all the time; only what feeds show counts.
CREATE CONSTRAINT TRIGGER source_feed_version AFTER UPDATE ON source
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.url IS DISTINCT FROM NEW.url
          OR OLD.site_url IS DISTINCT FROM NEW.site_url)
    EXECUTE FUNCTION syndic_bump_feed_version();

-- Disclaimer templates. The most specific wins: source, then category, then global, then the
-- configured default. A variant other than 'default' is chosen by partners.
CREATE TABLE disclaimer (
    id         BIGSERIAL PRIMARY KEY,
    scope      TEXT        NOT NULL CHECK (scope IN ('global', 'category', 'source')),
    scope_key  TEXT        NOT NULL DEFAULT '' CHECK ((scope = 'global') = (scope_key = '')),
    language   TEXT        NOT NULL CHECK (language IN ('zh', 'en')),
    variant    TEXT        NOT NULL DEFAULT 'default' CHECK (variant ~ '^[a-z0-9][a-z0-9-]{0,31}$'),
    template   TEXT        NOT NULL CHECK (length(template) BETWEEN 1 AND 2000),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT disclaimer_unique UNIQUE (scope, scope_key, language, variant)
);
CREATE CONSTRAINT TRIGGER disclaimer_feed_version AFTER INSERT OR UPDATE OR DELETE ON disclaimer
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION syndic_bump_feed_version();

-- The related-reading block of a category's public feed.
CREATE TABLE related_setting (
    category_slug TEXT    PRIMARY KEY REFERENCES category (slug) ON DELETE CASCADE ON UPDATE CASCADE,
    enabled       BOOLEAN NOT NULL,
    size          INTEGER NOT NULL DEFAULT 3 CHECK (size BETWEEN 1 AND 10)
);
CREATE CONSTRAINT TRIGGER related_setting_feed_version AFTER INSERT OR UPDATE OR DELETE ON related_setting
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION syndic_bump_feed_version();

CREATE TABLE partner (
    id                 BIGSERIAL PRIMARY KEY,
    name               TEXT        NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    categories         TEXT[]      NOT NULL DEFAULT '{}',
    rate_per_minute    INTEGER     NOT NULL DEFAULT 60 CHECK (rate_per_minute BETWEEN 1 AND 100000),
    full_content       BOOLEAN     NOT NULL DEFAULT TRUE,
    related            BOOLEAN     NOT NULL DEFAULT FALSE,
    disclaimer_variant TEXT        NOT NULL DEFAULT 'default',
    enabled            BOOLEAN     NOT NULL DEFAULT TRUE,
    key_hash           TEXT        NOT NULL UNIQUE,
    key_hint           TEXT        NOT NULL,
    key_rotated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Requests and entries served per partner and day.
CREATE TABLE partner_usage (
    partner_id BIGINT NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
    day        DATE   NOT NULL,
    requests   BIGINT NOT NULL DEFAULT 0,
    entries    BIGINT NOT NULL DEFAULT 0,
    limited    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (partner_id, day)
);

-- The last ETag a hub was told about, per feed URL: instances sharing the database ping once.
CREATE TABLE websub_ping (
    feed_url  TEXT        PRIMARY KEY,
    etag      TEXT        NOT NULL,
    pinged_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
