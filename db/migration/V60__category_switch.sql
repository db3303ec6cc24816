-- Schema v60: partners syncing in arrival order follow a category switched off and on again. The
-- arrival pages list entries of enabled categories only, decided when a page is read. Before this,
-- disabling a category just stopped listing its entries: a partner that had them kept them for
-- good (no removal said they left). Enabling it again listed them at the positions they had, which
-- partners had read past: one filed under it while it was off (by its source's default category,
-- by an admin) or filed again by its rules once it was back never reached them.
--
-- The transaction that switches a category records it here; ArrivalSequencer then goes through the
-- category's entries a batch per run (CategorySwitches), in its own transactions: switched off,
-- each entry listed through it leaves (a removal routed to that category); switched on, each comes
-- again at a new position. One row per category: a switch made while the one before is still being
-- gone through starts it over from the first entry, for the state the category is in by then.
CREATE TABLE category_switch (
    category_id   BIGINT PRIMARY KEY REFERENCES category (id) ON DELETE CASCADE,
    -- recategorize_request.requested when it was switched: a category switched on is gone through
    -- once a re-categorizing begun after the switch has ended, so that the entries its rules file
    -- under it again (they were taken out while it was off) are among those that come again
    after_request BIGINT NOT NULL,
    done_through  BIGINT NOT NULL DEFAULT 0   -- the category's entries up to this id are done
);

CREATE FUNCTION syndic_record_category_switch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO category_switch (category_id, after_request)
    VALUES (NEW.id, COALESCE((SELECT requested FROM recategorize_request WHERE id = 1), 0))
    ON CONFLICT (category_id) DO UPDATE SET after_request = EXCLUDED.after_request, done_through = 0;
    RETURN NULL;
END $$;

CREATE TRIGGER category_switched AFTER UPDATE OF enabled ON category FOR EACH ROW
    WHEN (OLD.enabled <> NEW.enabled) EXECUTE FUNCTION syndic_record_category_switch();
