-- Schema v22: feed_version.changed_at is the time the change commits, not the time its transaction
-- began (now()). Feeds send it as Last-Modified: a long ingest transaction that commits after a
-- short admin change stamped an earlier time than the one already served, so a client asking
-- If-Modified-Since got 304 for a feed that had changed. The trigger is deferred to commit, and
-- feed_version's row lock orders the bumps, so clock_timestamp() there moves forward; GREATEST
-- keeps it from going back if the clock is stepped.
CREATE OR REPLACE FUNCTION syndic_bump_feed_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('syndic.feed_version_bumped', true) IS DISTINCT FROM 'yes' THEN
        PERFORM set_config('syndic.feed_version_bumped', 'yes', true);
        UPDATE feed_version SET version = version + 1, changed_at = GREATEST(changed_at, clock_timestamp()) WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;
