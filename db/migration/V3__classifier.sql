-- Schema v3: what admins taught the classifier, and the trained model every instance loads.

-- An admin's judgement that an entry is (positive) or is not (negative) in a category.
-- Admin category overrides (origin 'admin' in entry_category) count as examples too; this
-- table holds the ones posted one by one to /api/v1/categories/{slug}/examples.
CREATE TABLE category_example (
    entry_id    BIGINT      NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
    category_id BIGINT      NOT NULL REFERENCES category (id) ON DELETE CASCADE,
    positive    BOOLEAN     NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (entry_id, category_id)
);
CREATE INDEX category_example_category_idx ON category_example (category_id);

-- Trained models, newest = highest id. Instances load the newest and recheck its id.
CREATE TABLE classifier_model (
    id          BIGSERIAL PRIMARY KEY,
    trained_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    examples    INTEGER     NOT NULL,
    summary     JSONB       NOT NULL DEFAULT '{}'::jsonb,
    model       JSONB       NOT NULL
);

-- Set when an admin decided the entry's categories (even "none"): the machine leaves it alone.
ALTER TABLE entry ADD COLUMN categories_final BOOLEAN NOT NULL DEFAULT FALSE;
