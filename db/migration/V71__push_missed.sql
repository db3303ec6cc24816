-- Schema v71: whether a hub's notices can be relied on. missed_at is the start of the last poll
-- that found new entries while no notice had come since the poll before it: the hub did not
-- announce them. While a notice has come since (last_push_at > missed_at, or nothing was ever
-- missed), a source's polls between notices are spaced out (syndic.websub.subscribe.poll-interval).
ALTER TABLE push_subscription ADD COLUMN missed_at TIMESTAMPTZ;
