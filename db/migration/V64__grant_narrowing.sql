-- Schema v64: a partner whose grant is narrowed (an admin's PATCH that names fewer categories, or
-- 'all' replaced by names) is told of the entries it may no longer have. Arrival pages route a
-- removal by the grant as it is when the page is read, so before this the entries of a category
-- taken out of the grant just stopped being listed, and the partner's copy kept them for good.
--
-- The transaction that narrows a grant records (partner, category) here for each category it lost;
-- ArrivalSequencer goes through the category's entries a batch per run, as it does for a category
-- switched off (V60, CategorySwitches), numbering a removal of each listed entry for that partner
-- alone. Until that is done, and for the removals numbered before it was done, removals routed to
-- the category still go to the partner too (an entry hidden or deleted before the batch reached
-- it is not in the batch): 'through' is the last position given when it was done, null before.
-- A category granted again cancels its record, done or not; a removal numbered already is listed
-- only while no entry of its id is visible in the grant (as every removal).
ALTER TABLE entry_departure ADD COLUMN partner_id BIGINT;   -- for this partner alone; null: for the grants that route it

CREATE TABLE grant_narrowing (
    partner_id   BIGINT  NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
    category_id  BIGINT  NOT NULL REFERENCES category (id) ON DELETE CASCADE,
    done_through BIGINT  NOT NULL DEFAULT 0,       -- the category's entries up to this id are done
    gone_through BOOLEAN NOT NULL DEFAULT FALSE,   -- every entry done; 'through' waits for the removal queue
    through      BIGINT,
    PRIMARY KEY (partner_id, category_id)
);

CREATE FUNCTION syndic_record_grant_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM grant_narrowing n WHERE n.partner_id = NEW.id
      AND ('all' = ANY (NEW.categories) OR n.category_id IN (SELECT c.id FROM category c WHERE c.slug = ANY (NEW.categories)));
    -- Categories only: a slug taken out of the grant because its category was deleted (it is gone
    -- by then) is V63's.
    INSERT INTO grant_narrowing (partner_id, category_id)
    SELECT NEW.id, c.id FROM category c
    WHERE ('all' = ANY (OLD.categories) OR c.slug = ANY (OLD.categories))
      AND NOT ('all' = ANY (NEW.categories) OR c.slug = ANY (NEW.categories))
    ON CONFLICT (partner_id, category_id) DO UPDATE SET done_through = 0, gone_through = FALSE, through = NULL;
    RETURN NULL;
END $$;

CREATE TRIGGER partner_grant_changed AFTER UPDATE OF categories ON partner FOR EACH ROW
    WHEN (OLD.categories IS DISTINCT FROM NEW.categories) EXECUTE FUNCTION syndic_record_grant_change();

-- A category deleted while a partner is still told of it after a narrowing: its removals go to
-- that partner as well (the narrowing's record goes with the category).
CREATE OR REPLACE FUNCTION syndic_record_deleted_category_grants() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO deleted_category_grant (category_id, slug, partner_id)
    SELECT OLD.id, OLD.slug, p.id FROM partner p
    WHERE OLD.slug = ANY (p.categories) OR 'all' = ANY (p.categories)
       OR EXISTS (SELECT 1 FROM grant_narrowing n WHERE n.partner_id = p.id AND n.category_id = OLD.id)
    ON CONFLICT DO NOTHING;
    RETURN OLD;
END $$;
