-- Schema v63: a deleted category's removals reach the partners that had its entries. Deleting a
-- category takes its entries out of it (the foreign key's cascade), and V56 queues a removal of
-- each, routed to the category it left. ArrivalQueries routed a removal by looking its categories
-- up, and found no row for a deleted one: no partner was told, not even one granted 'all', and
-- every copy kept the category's entries for good.
--
-- The deletion records here, for each partner whose grant named the category or is 'all', the
-- category's id and slug: a removal naming that id goes to those partners. Recorded before the row
-- goes (a BEFORE trigger, so whatever the cascade deletes is still there to read); CategoryStore
-- deletes the row before it takes the slug out of the grants, in the same transaction. Retention
-- forgets a record once no removal (numbered or queued) names the category.
CREATE TABLE deleted_category_grant (
    category_id BIGINT NOT NULL,
    slug        TEXT   NOT NULL,
    partner_id  BIGINT NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
    PRIMARY KEY (category_id, partner_id)
);

CREATE FUNCTION syndic_record_deleted_category_grants() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO deleted_category_grant (category_id, slug, partner_id)
    SELECT OLD.id, OLD.slug, p.id FROM partner p
    WHERE OLD.slug = ANY (p.categories) OR 'all' = ANY (p.categories)
    ON CONFLICT DO NOTHING;
    RETURN OLD;
END $$;

CREATE TRIGGER category_deleted_grants BEFORE DELETE ON category FOR EACH ROW
    EXECUTE FUNCTION syndic_record_deleted_category_grants();
