-- Cross-source duplicates: every entry belongs to a cluster (its own until it joins another);
-- exactly one entry per cluster is canonical and shown in outbound feeds. Candidate keys make
-- the duplicate lookup an index probe whatever the number of stored entries.
ALTER TABLE entry
    ADD COLUMN core_text  TEXT    NOT NULL DEFAULT '',
    ADD COLUMN cluster_id BIGINT,
    ADD COLUMN canonical  BOOLEAN NOT NULL DEFAULT TRUE;
UPDATE entry SET cluster_id = id;
ALTER TABLE entry ALTER COLUMN cluster_id SET NOT NULL;

CREATE FUNCTION entry_own_cluster() RETURNS trigger AS $$
BEGIN
    IF NEW.cluster_id IS NULL THEN
        NEW.cluster_id := NEW.id;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER entry_own_cluster BEFORE INSERT ON entry FOR EACH ROW EXECUTE FUNCTION entry_own_cluster();

CREATE INDEX entry_cluster_idx ON entry (cluster_id);
CREATE INDEX entry_canonical_sort_idx ON entry (sort_at DESC, id DESC) WHERE canonical AND NOT hidden;

CREATE TABLE entry_dedupe_key (
    key      BIGINT NOT NULL,
    entry_id BIGINT NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
    PRIMARY KEY (key, entry_id)
);
CREATE INDEX entry_dedupe_key_entry_idx ON entry_dedupe_key (entry_id);

-- A deleted entry's identity, so that a re-poll never brings it back.
CREATE TABLE entry_tombstone (
    source_id    BIGINT      NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    identity_key TEXT        NOT NULL,
    deleted_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (source_id, identity_key)
);
